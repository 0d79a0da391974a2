import { demoData, type DemoOrder } from '@market/demo-data';
import { encodeCursor } from '@market/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, startHarness, type Harness } from './helpers';

// Runs on PostgreSQL when DATABASE_URL is set (CI), otherwise on PGlite in a temporary folder; as an admin
// (roles ADMIN, scope admin:orders), who may see every order.
let h: Harness;
const demo = demoData();
const admin = people.admin;
const entities = <T = Record<string, unknown>>(representations: Record<string, unknown>[], selection: string) =>
  h.as<{ _entities: (T | null)[] }>(
    admin,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
    { representations },
  );

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
    const result = await h.as(admin, query, { ...variables, after });
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
  h = await startHarness({ postgres: !!process.env.DATABASE_URL }, { countQueries: true });
});
afterAll(async () => h?.stop());

describe('order subgraph', () => {
  it('lists every seeded order newest first with stable cursor pagination', async () => {
    const { ids, totals } = await readAll(
      `query ($after: String) { orders(first: 23, after: $after) { ${PAGE} } }`,
      (d) => d.orders as OrderPage,
    );
    expect(totals).toEqual([demo.orders.length]);
    expect(ids).toEqual(ordersOf(() => true).map((o) => o.id));

    const first = await h.as<{ orders: OrderPage }>(admin, `{ orders(first: 1) { ${PAGE} } }`);
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
    const query = `query ($after: String, $status: [OrderStatus!]) { orders(first: 7, after: $after, filter: { status: $status }) { ${PAGE} } }`;
    for (const status of ['COMPLETED', 'PENDING', 'REFUNDED'] as const) {
      const expected = ordersOf((o) => o.status === status).map((o) => o.id);
      expect(expected.length).toBeGreaterThan(0);
      const { ids, totals } = await readAll(query, (d) => d.orders as OrderPage, { status });
      expect(totals).toEqual([expected.length]);
      expect(ids).toEqual(expected);
    }
    const unknown = await h.as(admin, `{ orders(filter: { status: [SHIPPED] }) { totalCount } }`);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('finds one order by id; an unknown or malformed id is null, not an error', async () => {
    const order = demo.orders[5]!;
    const found = await h.as<{ order: { number: string; customer: { id: string }; agency: { id: string } } }>(
      admin,
      `{ order(id: "${order.id}") { number customer { id } agency { id } } }`,
    );
    expect(found.data?.order).toEqual({ number: order.number, customer: { id: order.customerId }, agency: { id: order.agencyId } });
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000', "'; drop table orders; --"]) {
      const missing = await h.as<{ order: null }>(
        admin,
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
    const before = h.service.queryCount();
    const result = await entities<{ id: string; number: string; customer: { id: string }; agency: { id: string } }>(
      [...orders.map((o) => ({ __typename: 'Order', id: o.id })), { __typename: 'Order', id: 'garbage' }],
      '... on Order { id number customer { id } agency { id } }',
    );
    expect(h.service.queryCount() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    const resolved = result.data!._entities;
    expect(resolved.slice(0, 50)).toEqual(
      orders.map((o) => ({ id: o.id, number: o.number, customer: { id: o.customerId }, agency: { id: o.agencyId } })),
    );
    expect(resolved[50]).toBeNull();
  });

  it("answers User.orders(first: 3) for 20 users with two queries, each user's own newest orders", async () => {
    const customers = [...new Set(demo.orders.map((o) => o.customerId))].slice(0, 19);
    const users = [...customers, '00000000-0000-4000-8000-000000000000'];
    expect(users).toHaveLength(20);
    const before = h.service.queryCount();
    const result = await entities<{ id: string; orders: OrderPage }>(
      users.map((id) => ({ __typename: 'User', id })),
      `... on User { id orders(first: 3) { ${PAGE} } }`,
    );
    // One LATERAL page query for all users plus one grouped count.
    expect(h.service.queryCount() - before).toBe(2);
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
    const before = h.service.queryCount();
    const result = await entities<{ id: string; orders: OrderPage }>(
      agencies.map((id) => ({ __typename: 'Agency', id })),
      `... on Agency { id orders(first: 5, status: COMPLETED) { ${PAGE} } }`,
    );
    expect(h.service.queryCount() - before).toBe(2);
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
    const before = h.service.queryCount();
    const result = await entities<{ latest: OrderPage; pending: OrderPage }>(
      users.map((id) => ({ __typename: 'User', id })),
      `... on User { latest: orders(first: 1) { ${PAGE} } pending: orders(first: 2, status: PENDING) { ${PAGE} } }`,
    );
    expect(h.service.queryCount() - before).toBe(4);
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
      const top = await h.as(admin, `{ orders(${args}) { totalCount } }`);
      expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      const nested = await entities(
        [{ __typename: 'User', id: demo.orders[0]!.customerId }],
        `... on User { orders(${args}) { totalCount } }`,
      );
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('seeds every status with line items summing to the amount, a history ending in the status, reviews and replies', async () => {
    interface Seeded {
      id: string;
      status: string;
      amount: number;
      dueDate: string | null;
      paidAt: string | null;
      createdAt: string;
      lineItems: { amount: number }[];
      statusHistory: { from: string | null; to: string; actorRole: string; actor: { id: string } | null; at: string }[];
      review: { rating: number; comment: string | null; reply: { body: string } | null } | null;
    }
    const seeded: Seeded[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Awaited<
        ReturnType<typeof h.as<{ orders: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: Seeded }[] } }>>
      > = await h.as(
        admin,
        `query ($after: String) { orders(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node {
            id status amount dueDate paidAt createdAt lineItems { amount } statusHistory { from to actorRole actor { id } at } review { rating comment reply { body } }
          } } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      seeded.push(...result.data!.orders.edges.map((e) => e.node));
      if (!result.data!.orders.pageInfo.hasNextPage) break;
      after = result.data!.orders.pageInfo.endCursor;
    }
    expect(seeded).toHaveLength(demo.orders.length);
    expect(new Set(seeded.map((o) => o.status)).size).toBe(9);
    const byId = new Map(demo.orders.map((o) => [o.id, o]));
    for (const order of seeded) {
      const source = byId.get(order.id)!;
      if (order.lineItems.length) expect(order.lineItems.reduce((sum, l) => sum + l.amount, 0)).toBe(order.amount);
      expect(order.statusHistory[0]).toMatchObject({ from: null, to: 'PENDING', actorRole: 'CUSTOMER', actor: { id: source.customerId } });
      expect(order.statusHistory.at(-1)?.to).toBe(order.status);
      order.statusHistory.slice(1).forEach((change, i) => expect(change.from).toBe(order.statusHistory[i]!.to));
      expect(new Date(order.dueDate!).getTime()).toBeGreaterThan(new Date(order.createdAt).getTime());
      expect(order.review?.rating ?? null).toBe(source.rating);
      if (order.review) expect(order.review.comment).toBeTruthy();
    }
    expect(seeded.filter((o) => o.review?.reply).length).toBeGreaterThan(0);
    const accepted = seeded.filter((o) => o.statusHistory.some((c) => c.to === 'ACCEPTED'));
    expect(accepted.filter((o) => o.paidAt).length / accepted.length).toBeGreaterThan(0.7);
  });

  it('reports readiness and exposes metrics', async () => {
    const ready = await fetch(`${h.service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { postgres: { ok: true } } });
    const metrics = await (await fetch(`${h.service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });
});
