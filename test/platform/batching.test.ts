import { startPlatform, type Platform } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoToken, gatewayQuery } from './helpers';

// Entity references across subgraphs are batched per request: the number of store
// queries a subgraph runs does not grow with the length of the list.
let platform: Platform;
let customer: string;
beforeAll(async () => {
  platform = await startPlatform();
  // The demo customer's own orders (more than 50) with their conversations, which only participants read.
  customer = await demoToken(platform, 'customer@example.com', 'web-client', 'openid email roles orders:read chat');
});
afterAll(async () => {
  await platform?.stop();
});

const ORDERS = `query Orders($first: Int!) {
  orders(first: $first) {
    edges { node { id number customer { id email profile { displayName } } agency { id name } conversation { id kind } } }
  }
}`;

function queryCounts() {
  return Object.fromEntries(Object.entries(platform.services).map(([name, service]) => [name, service.queryCount?.() ?? Number.NaN]));
}

async function measure(first: number) {
  const before = queryCounts();
  const result = await gatewayQuery<{ orders: { edges: { node: Record<string, unknown> }[] } }>(platform, ORDERS, { first }, customer);
  const after = queryCounts();
  const spent = Object.fromEntries(Object.keys(after).map((name) => [name, (after[name] ?? 0) - (before[name] ?? 0)]));
  return { result, spent };
}

describe('cross-subgraph batching', () => {
  it('every subgraph counts its store queries', () => {
    for (const [name, count] of Object.entries(queryCounts())) expect(Number.isFinite(count), `${name} exposes queryCount()`).toBe(true);
  });

  it('50 orders with customer, agency and conversation cost the same queries per subgraph as 5', async () => {
    const small = await measure(5);
    const large = await measure(50);
    expect(large.result.body.errors).toBeUndefined();
    const edges = large.result.body.data!.orders.edges;
    expect(edges).toHaveLength(50);
    for (const { node } of edges) {
      expect(node).toMatchObject({
        customer: { email: expect.stringContaining('@') as unknown, profile: { displayName: expect.any(String) as unknown } },
        agency: { name: expect.any(String) as unknown },
        conversation: { kind: 'ORDER' },
      });
    }
    // The same, small number of queries whatever the list length…
    expect(large.spent).toEqual(small.spent);
    // …and at most one or two per subgraph that took part (rows + count for the root list).
    for (const name of ['sso', 'user', 'agency', 'chat']) expect(large.spent[name], name).toBeLessThanOrEqual(2);
    // order: rows + count + the viewer's agency memberships (which orders the viewer may see).
    expect(large.spent.order).toBeLessThanOrEqual(3);
    expect(large.spent.notification).toBe(0);
    expect(large.spent.file).toBe(0);
  });
});
