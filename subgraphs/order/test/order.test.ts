import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData, type DemoOrder } from '@market/demo-data';
import { encodeCursor } from '@market/kit';
import { freshPostgres, graphql, resolveEntities, testLogger, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type OrderService } from '../src/service';

// Runs on PostgreSQL when DATABASE_URL is set (CI), otherwise on PGlite in a temporary folder.
let db: Provisioned;
let dataDir: string;
let service: OrderService;
const demo = demoData();

interface OrderNode {
  id: string;
  number: string;
  status: string;
  amount: number;
  currency: string;
  createdAt: string;
}
interface OrderPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: OrderNode }[];
}

const newestFirst = (a: DemoOrder, b: DemoOrder) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const ordersOf = (predicate: (o: DemoOrder) => boolean) => demo.orders.filter(predicate).sort(newestFirst);
const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id number status amount currency createdAt } }';

/** Follows endCursor until the last page; returns every id in the order served. */
async function readAll(query: string, pick: (data: Record<string, unknown>) => OrderPage, variables: Record<string, unknown> = {}) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const result = await graphql(service, query, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const page = pick(result.data!);
    totals.add(page.totalCount);
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { ids, totals: [...totals] };
    expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

beforeAll(async () => {
  db = await freshPostgres('order');
  dataDir = mkdtempSync(join(tmpdir(), 'order-test-'));
  service = await startService(loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, NODE_ENV: 'test' }), {
    logger: testLogger('order'),
  });
});
afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('order subgraph', () => {
  it('lists every seeded order newest first with stable cursor pagination', async () => {
    const { ids, totals } = await readAll(
      `query ($after: String) { orders(first: 23, after: $after) { ${PAGE} } }`,
      (d) => d.orders as OrderPage,
    );
    expect(totals).toEqual([demo.orders.length]);
    expect(ids).toEqual(ordersOf(() => true).map((o) => o.id));

    const first = await graphql<{ orders: OrderPage }>(service, `{ orders(first: 1) { ${PAGE} } }`);
    const newest = ordersOf(() => true)[0]!;
    expect(first.data?.orders.edges[0]?.node).toEqual({
      id: newest.id,
      number: newest.number,
      status: newest.status,
      amount: newest.amount,
      currency: newest.currency,
      createdAt: newest.createdAt.toISOString(),
    });
    expect(Number.isInteger(first.data?.orders.edges[0]?.node.amount)).toBe(true);
  });

  it('filters by status, also across pages', async () => {
    const query = `query ($after: String, $status: OrderStatus) { orders(first: 7, after: $after, status: $status) { ${PAGE} } }`;
    for (const status of ['COMPLETED', 'PENDING', 'REFUNDED'] as const) {
      const expected = ordersOf((o) => o.status === status).map((o) => o.id);
      expect(expected.length).toBeGreaterThan(0);
      const { ids, totals } = await readAll(query, (d) => d.orders as OrderPage, { status });
      expect(totals).toEqual([expected.length]);
      expect(ids).toEqual(expected);
    }
    const unknown = await graphql(
      service,
      `
        {
          orders(status: SHIPPED) {
            totalCount
          }
        }
      `,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('finds one order by id; an unknown or malformed id is null, not an error', async () => {
    const order = demo.orders[5]!;
    const found = await graphql<{ order: { number: string; customer: { id: string }; agency: { id: string } } }>(
      service,
      `{ order(id: "${order.id}") { number customer { id } agency { id } } }`,
    );
    expect(found.data?.order).toEqual({ number: order.number, customer: { id: order.customerId }, agency: { id: order.agencyId } });
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "'; drop table orders; --"]) {
      const missing = await graphql<{ order: null }>(
        service,
        `
          query ($id: ID!) {
            order(id: $id) {
              id
            }
          }
        `,
        { id },
      );
      expect(missing.errors).toBeUndefined();
      expect(missing.data?.order).toBeNull();
    }
  });

  it('resolves 50 order references in one query, customer and agency as stubs', async () => {
    const orders = demo.orders.slice(60, 110);
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; number: string; customer: { id: string }; agency: { id: string } }>(
      service,
      [...orders.map((o) => ({ __typename: 'Order', id: o.id })), { __typename: 'Order', id: 'garbage' }],
      '... on Order { id number customer { id } agency { id } }',
    );
    expect(service.queryCount() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    expect(entities.slice(0, 50)).toEqual(
      orders.map((o) => ({ id: o.id, number: o.number, customer: { id: o.customerId }, agency: { id: o.agencyId } })),
    );
    expect(entities[50]).toBeNull();
  });

  it("answers User.orders(first: 3) for 20 users with two queries, each user's own newest orders", async () => {
    const customers = [...new Set(demo.orders.map((o) => o.customerId))].slice(0, 19);
    const users = [...customers, '00000000-0000-4000-8000-000000000000'];
    expect(users).toHaveLength(20);
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; orders: OrderPage }>(
      service,
      users.map((id) => ({ __typename: 'User', id })),
      `... on User { id orders(first: 3) { ${PAGE} } }`,
    );
    // One LATERAL page query for all users plus one grouped count.
    expect(service.queryCount() - before).toBe(2);
    expect(result.errors).toBeUndefined();
    result.data!._entities.forEach((entity, i) => {
      const own = ordersOf((o) => o.customerId === users[i]);
      expect(entity?.id).toBe(users[i]);
      expect(entity?.orders.totalCount).toBe(own.length);
      expect(entity?.orders.edges.map((e) => e.node.id)).toEqual(own.slice(0, 3).map((o) => o.id));
      expect(entity?.orders.pageInfo.hasNextPage).toBe(own.length > 3);
    });
  });

  it('answers Agency.orders(first: 5, status) for 50 agencies with two queries', async () => {
    const agencies = demo.agencies.slice(0, 50).map((a) => a.id);
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; orders: OrderPage }>(
      service,
      agencies.map((id) => ({ __typename: 'Agency', id })),
      `... on Agency { id orders(first: 5, status: COMPLETED) { ${PAGE} } }`,
    );
    expect(service.queryCount() - before).toBe(2);
    expect(result.errors).toBeUndefined();
    result.data!._entities.forEach((entity, i) => {
      const own = ordersOf((o) => o.agencyId === agencies[i] && o.status === 'COMPLETED');
      expect(entity?.orders.totalCount).toBe(own.length);
      expect(entity?.orders.edges.map((e) => e.node.id)).toEqual(own.slice(0, 5).map((o) => o.id));
      for (const edge of entity?.orders.edges ?? []) expect(edge.node.status).toBe('COMPLETED');
    });
  });

  it('batches different arguments per argument set, and pages one parent to the end', async () => {
    const users = [...new Set(demo.orders.map((o) => o.customerId))].slice(0, 10);
    const before = service.queryCount();
    const result = await resolveEntities<{ latest: OrderPage; pending: OrderPage }>(
      service,
      users.map((id) => ({ __typename: 'User', id })),
      `... on User { latest: orders(first: 1) { ${PAGE} } pending: orders(first: 2, status: PENDING) { ${PAGE} } }`,
    );
    expect(service.queryCount() - before).toBe(4);
    result.data!._entities.forEach((entity, i) => {
      expect(entity?.latest.edges.map((e) => e.node.id)).toEqual(
        ordersOf((o) => o.customerId === users[i])
          .slice(0, 1)
          .map((o) => o.id),
      );
      expect(entity?.pending.edges.map((e) => e.node.id)).toEqual(
        ordersOf((o) => o.customerId === users[i] && o.status === 'PENDING')
          .slice(0, 2)
          .map((o) => o.id),
      );
    });

    const customer = demo.users.find((u) => u.email === 'customer@example.com')!;
    const { ids, totals } = await readAll(
      `query ($after: String, $r: [_Any!]!) { _entities(representations: $r) { ... on User { orders(first: 4, after: $after) { ${PAGE} } } } }`,
      (d) => (d._entities as { orders: OrderPage }[])[0]!.orders,
      { r: [{ __typename: 'User', id: customer.id }] },
    );
    const own = ordersOf((o) => o.customerId === customer.id).map((o) => o.id);
    expect(own.length).toBeGreaterThan(20);
    expect(totals).toEqual([own.length]);
    expect(ids).toEqual(own);
  });

  it('rejects page sizes and cursors it cannot honour, naming the argument', async () => {
    const notUuid = encodeCursor(['2026-01-01T00:00:00.000Z', 'x']);
    const notDate = encodeCursor(['yesterday', demo.orders[0]!.id]);
    for (const [args, field] of [
      ['first: 0', 'first'],
      ['first: 1000', 'first'],
      ['first: -1', 'first'],
      ['after: "garbage"', 'after'],
      [`after: "${notUuid}"`, 'after'],
      [`after: "${notDate}"`, 'after'],
    ] as const) {
      const top = await graphql(service, `{ orders(${args}) { totalCount } }`);
      expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      const nested = await resolveEntities(
        service,
        [{ __typename: 'User', id: demo.orders[0]!.customerId }],
        `... on User { orders(${args}) { totalCount } }`,
      );
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('reports readiness and exposes metrics', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { postgres: { ok: true } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });
});
