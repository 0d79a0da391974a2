import { demoData } from '@market/demo-data';
import { startPlatform, type Platform } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoToken, gatewayQuery, readiness } from './helpers';

const demo = demoData();
let platform: Platform;
let customer: string;

beforeAll(async () => {
  platform = await startPlatform();
  customer = await demoToken(platform, 'customer@example.com', 'web-client', 'openid email roles orders:read notifications');
});
afterAll(async () => {
  await platform?.stop();
});

// The notification subgraph's part of this query sits under nullable fields, so when that subgraph is
// gone only its branch is lost; the other subgraphs' data still arrives.
const QUERY = `query Partial($orderId: ID!) {
  agency(slug: "brightline-technical-services") { name }
  orders(first: 2) { totalCount edges { node { number customer { email } } } }
  order(id: $orderId) { number customer { notifications(first: 1) { totalCount } } }
}`;

interface Partial {
  agency: { name: string } | null;
  orders: { totalCount: number; edges: { node: { number: string; customer: { email: string } } }[] };
  order: { number: string; customer: { notifications: { totalCount: number } | null } } | null;
}

describe('a subgraph going away', () => {
  // ORD-2026-000001 and the list are the demo customer's.
  const order = demo.orders[0];
  const mine = demo.orders.filter((o) => o.customerId === order?.customerId).length;

  it('leaves the other subgraphs answering, names the missing one, and recovers when it is back', async () => {
    if (!order) throw new Error('no demo orders');
    const before = await gatewayQuery<Partial>(platform, QUERY, { orderId: order.id }, customer);
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data?.order?.customer.notifications?.totalCount).toBeGreaterThan(0);
    expect((await readiness(platform)).status).toBe(200);

    await platform.stopService('notification');
    const during = await gatewayQuery<Partial>(platform, QUERY, { orderId: order.id }, customer);
    expect(during.ms).toBeLessThan(2_000);
    expect(during.status).toBe(200);
    expect(during.body.data?.agency?.name).toBe('Brightline Technical Services');
    expect(during.body.data?.orders.totalCount).toBe(mine);
    expect(during.body.data?.orders.edges).toHaveLength(2);
    expect(during.body.data?.orders.edges.every(({ node }) => node.customer.email.includes('@'))).toBe(true);
    // Only the notification branch is lost: User.notifications is nullable (were it not, null would bubble up to `order`).
    expect(during.body.data?.order?.customer.notifications ?? null).toBeNull();
    expect(during.body.errors).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('notification subgraph'),
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'notification' },
      }),
    );

    const down = await readiness(platform);
    expect(down.status).toBe(503);
    expect(down.body.checks.notification).toEqual({ ok: false, error: expect.stringContaining('not running') });
    expect(
      Object.entries(down.body.checks)
        .filter(([, check]) => !check.ok)
        .map(([name]) => name),
    ).toEqual(['notification']);

    await platform.restartService('notification');
    expect((await readiness(platform)).status).toBe(200);
    const after = await gatewayQuery<Partial>(platform, QUERY, { orderId: order.id }, customer);
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data).toEqual(before.body.data);
  });
});
