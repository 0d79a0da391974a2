import { demoData } from '@market/demo-data';
import type { Viewer } from '@market/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { PLACE, STORE_TARGETS, TRANSITION, people, startHarness, type Harness } from './helpers';

const demo = demoData();
const pendingAgency = demo.agencies.find((a) => a.status === 'PENDING_REVIEW')!;
const suspendedAgency = demo.agencies.find((a) => a.status === 'SUSPENDED')!;
const otherAgency = demo.agencies.find((a, i) => i > 0 && a.status === 'VERIFIED')!;
const valid = { agencyId: people.agency.id, title: 'Paint the hallway', description: 'Two coats, white.' };
const REVIEW = `mutation ($id: ID!, $rating: Int!, $comment: String) { reviewOrder(id: $id, rating: $rating, comment: $comment) { id review { id rating comment author { id } reply { body author { id } } } } }`;
const REPLY = `mutation ($orderId: ID!, $body: String!) { replyToReview(orderId: $orderId, body: $body) { review { reply { body author { id } createdAt } } } }`;
const PAY = `mutation ($id: ID!) { markOrderPaidSandbox(id: $id) { id paidAt } }`;

interface Page {
  totalCount: number;
  edges: { node: { id: string; number: string; customer: { id: string }; agency: { id: string } } }[];
}

describe.each(STORE_TARGETS)('order rules on $name', (target) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(target, { countQueries: true });
  });
  afterAll(async () => h?.stop());

  const ownOrderCount = async () =>
    (await h.as<{ orders: { totalCount: number } }>(people.customer, `{ orders { totalCount } }`)).data!.orders.totalCount;
  async function placeAndMove(actions: [Viewer, string][] = []): Promise<string> {
    const placed = await h.as<{ placeOrder: { id: string } }>(people.customer, PLACE, { input: { ...valid, amount: 25_000 } });
    expect(placed.errors).toBeUndefined();
    const id = placed.data!.placeOrder.id;
    for (const [viewer, action] of actions) expect((await h.as(viewer, TRANSITION, { id, action })).errors).toBeUndefined();
    return id;
  }
  const completed = () =>
    placeAndMove([
      [people.owner, 'ACCEPT'],
      [people.staff, 'START'],
      [people.staff, 'DELIVER'],
      [people.customer, 'COMPLETE'],
    ]);

  describe('placeOrder', () => {
    it('places a PENDING order with a yearly number, line items summed, and the placement as first history entry', async () => {
      const dueDate = new Date(Date.now() + 7 * 86_400_000).toISOString();
      const result = await h.as<{ placeOrder: Record<string, unknown> & { number: string } }>(people.customer, PLACE, {
        input: {
          ...valid,
          currency: 'CHF',
          dueDate,
          lineItems: [
            { description: 'Paint', quantity: 3, unitAmount: 4_590 },
            { description: 'Labour', unitAmount: 20_000 },
          ],
        },
      });
      expect(result.errors).toBeUndefined();
      const order = result.data!.placeOrder;
      const year = new Date().getUTCFullYear();
      expect(order.number).toMatch(new RegExp(`^ORD-${year}-\\d{6}$`));
      // The demo orders took ORD-2026-000001 … 000220: the counter continues after them.
      if (year === 2026) expect(Number(order.number.slice(-6))).toBeGreaterThan(demo.orders.length);
      expect(order).toMatchObject({
        status: 'PENDING',
        amount: 3 * 4_590 + 20_000,
        currency: 'CHF',
        dueDate,
        lineItems: [
          { description: 'Paint', quantity: 3, unitAmount: 4_590, amount: 13_770 },
          { description: 'Labour', quantity: 1, unitAmount: 20_000, amount: 20_000 },
        ],
        statusHistory: [{ from: null, to: 'PENDING', action: null, actorRole: 'CUSTOMER', actor: { id: people.customer.id } }],
      });
      const bare = await h.as<{ placeOrder: { amount: number; currency: string; lineItems: unknown[] } }>(people.customer, PLACE, {
        input: valid,
      });
      expect(bare.data?.placeOrder).toMatchObject({ amount: 0, currency: 'EUR', lineItems: [] });
    });

    it('refuses every bad field with BAD_USER_INPUT naming it, and places nothing', async () => {
      const line = { description: 'Item', quantity: 1, unitAmount: 100 };
      const cases: [string, Record<string, unknown>, string, Viewer?][] = [
        ['short title', { title: 'ab' }, 'title'],
        ['long title', { title: 'x'.repeat(121) }, 'title'],
        ['blank title', { title: '   ' }, 'title'],
        ['empty description', { description: ' ' }, 'description'],
        ['long description', { description: 'x'.repeat(5001) }, 'description'],
        ['51 line items', { lineItems: Array.from({ length: 51 }, () => line) }, 'lineItems'],
        ['quantity 0', { lineItems: [{ ...line, quantity: 0 }] }, 'lineItems'],
        ['quantity 10001', { lineItems: [{ ...line, quantity: 10_001 }] }, 'lineItems'],
        ['negative unit amount', { lineItems: [{ ...line, unitAmount: -1 }] }, 'lineItems'],
        ['unit amount too high', { lineItems: [{ ...line, unitAmount: 10_000_001 }] }, 'lineItems'],
        ['total above 2^31-1', { lineItems: [{ ...line, quantity: 300, unitAmount: 10_000_000 }] }, 'lineItems'],
        ['amount with line items', { lineItems: [line], amount: 100 }, 'amount'],
        ['negative amount', { amount: -5 }, 'amount'],
        ['unsupported currency', { currency: 'XYZ' }, 'currency'],
        ['lower-case currency', { currency: 'eur' }, 'currency'],
        ['due date in the past', { dueDate: new Date(Date.now() - 60_000).toISOString() }, 'dueDate'],
        ['unknown agency', { agencyId: '00000000-0000-4000-8000-000000000001' }, 'agencyId'],
        ['malformed agency id', { agencyId: 'nope' }, 'agencyId'],
        ['agency pending review', { agencyId: pendingAgency.id }, 'agencyId'],
        ['suspended agency', { agencyId: suspendedAgency.id }, 'agencyId'],
        ['own agency', {}, 'agencyId', people.owner],
      ];
      const before = await ownOrderCount();
      for (const [label, change, field, viewer] of cases) {
        const result = await h.as(viewer ?? people.customer, PLACE, { input: { ...valid, ...change } });
        expect(result.errors?.[0]?.extensions, label).toMatchObject({ code: 'BAD_USER_INPUT', field });
        expect(result.errors?.[0]?.message.length, label).toBeGreaterThan(10);
      }
      expect(await ownOrderCount()).toBe(before);
      const anonymous = await h.as(null, PLACE, { input: valid });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('reviews', () => {
    it('lets the customer review a completed order once (1–5, comment ≤ 2000) and the agency reply once', async () => {
      const delivered = await placeAndMove([
        [people.owner, 'ACCEPT'],
        [people.owner, 'START'],
        [people.owner, 'DELIVER'],
      ]);
      const early = await h.as(people.customer, REVIEW, { id: delivered, rating: 5 });
      expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', status: 'DELIVERED' });

      const id = await completed();
      expect((await h.as(people.owner, REVIEW, { id, rating: 5 })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.as(people.stranger, REVIEW, { id, rating: 5 })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      for (const rating of [0, 6, -1]) {
        expect((await h.as(people.customer, REVIEW, { id, rating })).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'rating',
        });
      }
      const long = await h.as(people.customer, REVIEW, { id, rating: 4, comment: 'x'.repeat(2001) });
      expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'comment' });
      // A reply needs a review first.
      expect((await h.as(people.staff, REPLY, { orderId: id, body: 'Thanks' })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'orderId',
      });

      const reviewed = await h.as<{ reviewOrder: { review: { id: string } } }>(people.customer, REVIEW, {
        id,
        rating: 4,
        comment: ' Tidy work. ',
      });
      expect(reviewed.errors).toBeUndefined();
      expect(reviewed.data!.reviewOrder.review).toMatchObject({
        rating: 4,
        comment: 'Tidy work.',
        author: { id: people.customer.id },
        reply: null,
      });
      const again = await h.as(people.customer, REVIEW, { id, rating: 1 });
      expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

      expect((await h.as(people.customer, REPLY, { orderId: id, body: 'Me too' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.as(people.staff, REPLY, { orderId: id, body: '  ' })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'body',
      });
      expect((await h.as(people.staff, REPLY, { orderId: id, body: 'x'.repeat(2001) })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'body',
      });
      const replied = await h.as<{ replyToReview: { review: { reply: { body: string; author: { id: string } } } } }>(people.staff, REPLY, {
        orderId: id,
        body: 'Thank you!',
      });
      expect(replied.errors).toBeUndefined();
      expect(replied.data!.replyToReview.review.reply).toMatchObject({ body: 'Thank you!', author: { id: people.staff.id } });
      expect((await h.as(people.owner, REPLY, { orderId: id, body: 'Again' })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'orderId',
      });

      // Public: anyone sees the agency's reviews, newest first, and the Review entity resolves.
      const reviewId = reviewed.data!.reviewOrder.review.id;
      const listed = await h.as<{
        _entities: {
          reviews: {
            totalCount: number;
            edges: { node: { id: string; rating: number; reply: { body: string } | null; order: { id: string } } }[];
          };
        }[];
      }>(
        null,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { reviews(first: 2) { totalCount edges { node { id rating reply { body } order { id } } } } } } }`,
        { r: [{ __typename: 'Agency', id: people.agency.id }] },
      );
      expect(listed.errors).toBeUndefined();
      const reviews = listed.data!._entities[0]!.reviews;
      expect(reviews.totalCount).toBe(demo.orders.filter((o) => o.agencyId === people.agency.id && o.rating !== null).length + 1);
      expect(reviews.edges[0]?.node).toEqual({ id: reviewId, rating: 4, reply: { body: 'Thank you!' }, order: { id } });
      const entity = await h.as<{ _entities: ({ id: string; rating: number; agency: { id: string } } | null)[] }>(
        null,
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Review { id rating agency { id } } } }`,
        {
          r: [
            { __typename: 'Review', id: reviewId },
            { __typename: 'Review', id: 'garbage' },
          ],
        },
      );
      expect(entity.data?._entities).toEqual([{ id: reviewId, rating: 4, agency: { id: people.agency.id } }, null]);
    });
  });

  describe('sandbox payment', () => {
    it('marks an order paid once, by its customer or an admin, never when cancelled or refunded', async () => {
      const id = await placeAndMove([[people.owner, 'ACCEPT']]);
      expect((await h.as(people.owner, PAY, { id })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.as(people.stranger, PAY, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const paid = await h.as<{ markOrderPaidSandbox: { paidAt: string } }>(people.customer, PAY, { id });
      expect(paid.errors).toBeUndefined();
      expect(Date.now() - new Date(paid.data!.markOrderPaidSandbox.paidAt).getTime()).toBeLessThan(60_000);
      expect((await h.as(people.admin, PAY, { id })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });

      const cancelled = await placeAndMove([[people.customer, 'CANCEL']]);
      expect((await h.as(people.admin, PAY, { id: cancelled })).errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        status: 'CANCELLED',
      });
      const byAdmin = await placeAndMove();
      expect((await h.as(people.admin, PAY, { id: byAdmin })).errors).toBeUndefined();
    });
  });

  describe('visibility', () => {
    it("lists a customer's own orders and an agency member's agency orders, all for admins, nothing for strangers", async () => {
      const all = async (viewer: Viewer, filter: Record<string, unknown> = {}) => {
        const result = await h.as<{ orders: Page }>(
          viewer,
          `query ($f: OrderFilter) { orders(first: 100, filter: $f) { totalCount edges { node { id number customer { id } agency { id } } } } }`,
          { f: filter },
        );
        expect(result.errors).toBeUndefined();
        return result.data!.orders;
      };
      const mine = await all(people.customer2);
      expect(mine.totalCount).toBeGreaterThan(0);
      for (const { node } of mine.edges) expect(node.customer.id).toBe(people.customer2.id);
      const staff = await all(people.staff);
      expect(staff.totalCount).toBeGreaterThanOrEqual(demo.orders.filter((o) => o.agencyId === people.agency.id).length);
      for (const { node } of staff.edges) expect(node.agency.id).toBe(people.agency.id);
      expect((await all(people.stranger)).totalCount).toBe(0);
      const everything = await all(people.admin);
      expect(everything.totalCount).toBeGreaterThanOrEqual(demo.orders.length);

      // Filters: an agency the viewer belongs to (or any, for admins); customers only for admins; number or title.
      expect((await all(people.owner, { agencyId: people.agency.id })).totalCount).toBe(staff.totalCount);
      const foreign = await h.as(people.owner, `query ($f: OrderFilter) { orders(filter: $f) { totalCount } }`, {
        f: { agencyId: otherAgency.id },
      });
      expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'agencyId' });
      const someone = await h.as(people.customer, `query ($f: OrderFilter) { orders(filter: $f) { totalCount } }`, {
        f: { customerId: people.customer2.id },
      });
      expect(someone.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'customerId' });
      expect((await all(people.admin, { customerId: people.customer2.id })).totalCount).toBe(mine.totalCount);
      const sample = demo.orders.find((o) => o.customerId === people.customer2.id)!;
      const byNumber = await all(people.customer2, { search: sample.number });
      expect(byNumber.edges.map((e) => e.node.id)).toEqual([sample.id]);
      expect((await all(people.customer, { search: sample.number })).totalCount).toBe(0);
      const anonymous = await h.as(null, `{ orders { totalCount } }`);
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

      // One order: its participants and admins; anyone else learns nothing.
      const read = (viewer: Viewer) =>
        h.as<{ order: { id: string } | null }>(viewer, `query ($id: ID!) { order(id: $id) { id } }`, { id: sample.id });
      expect((await read(people.customer2)).data?.order?.id).toBe(sample.id);
      expect((await read(people.admin)).data?.order?.id).toBe(sample.id);
      expect((await read(people.stranger)).data?.order).toBeNull();
      expect((await read(people.adminWithoutScope)).data?.order).toBeNull();
      const transition = await h.as(people.stranger, TRANSITION, { id: sample.id, action: 'CANCEL' });
      expect(transition.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('shows User.orders to the user and admins, Agency.orders and stats to members and admins, null to others', async () => {
      const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { orders { totalCount } } ... on Agency { orders { totalCount } stats { reviewCount } } } }`;
      const reps = [
        { __typename: 'User', id: people.customer.id },
        { __typename: 'Agency', id: people.agency.id },
      ];
      const seen = async (viewer: Viewer | null) =>
        (await h.as<{ _entities: Record<string, unknown>[] }>(viewer, query, { r: reps })).data!._entities;
      const [asCustomer, asStaff, asAdmin, asStranger] = await Promise.all([
        seen(people.customer),
        seen(people.staff),
        seen(people.admin),
        seen(people.stranger),
      ]);
      expect(asCustomer[0]?.orders).not.toBeNull();
      expect(asCustomer[1]).toEqual({ orders: null, stats: null });
      expect(asStaff[0]?.orders).toBeNull();
      expect(asStaff[1]?.orders).not.toBeNull();
      expect(asStaff[1]?.stats).not.toBeNull();
      expect(asAdmin[0]?.orders).not.toBeNull();
      expect(asAdmin[1]?.stats).not.toBeNull();
      expect(asStranger).toEqual([{ orders: null }, { orders: null, stats: null }]);
    });
  });

  describe('figures and batching', () => {
    it('computes Agency.stats for 50 agencies in a constant number of statements, matching the orders', async () => {
      const agencies = demo.agencies.slice(0, 50);
      const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Agency { id stats { byStatus { status count } revenue { amount currency } averageRating reviewCount } reviews(first: 3) { totalCount edges { node { id rating } } } } } }`;
      const counted = async (n: number) => {
        const before = h.service.queryCount();
        const result = await h.as<{
          _entities: {
            id: string;
            stats: {
              byStatus: { status: string; count: number }[];
              revenue: { amount: number }[];
              averageRating: number | null;
              reviewCount: number;
            };
            reviews: { totalCount: number };
          }[];
        }>(people.admin, query, { r: agencies.slice(0, n).map((a) => ({ __typename: 'Agency', id: a.id })) });
        expect(result.errors).toBeUndefined();
        return { statements: h.service.queryCount() - before, entities: result.data!._entities };
      };
      const few = await counted(5);
      const many = await counted(50);
      // Three grouped statements for the stats, a LATERAL page and a count for the reviews.
      expect(many.statements).toBe(5);
      expect(few.statements).toBe(many.statements);
      // The demo agency's figures from the demo data (plus what other tests placed with it: every order here
      // is placed with the demo agency, so compare another agency that no test touches).
      const untouched = many.entities[1]!;
      const own = demo.orders.filter((o) => o.agencyId === untouched.id);
      const rated = own.filter((o) => o.rating !== null);
      expect(untouched.stats.byStatus.reduce((sum, s) => sum + s.count, 0)).toBe(own.length);
      expect(untouched.stats.byStatus.find((s) => s.status === 'COMPLETED')?.count).toBe(
        own.filter((o) => o.status === 'COMPLETED').length,
      );
      expect(untouched.stats.revenue.reduce((sum, r) => sum + r.amount, 0)).toBe(
        own.filter((o) => o.status === 'COMPLETED' || o.status === 'RESOLVED').reduce((sum, o) => sum + o.amount, 0),
      );
      expect(untouched.stats.reviewCount).toBe(rated.length);
      expect(untouched.reviews.totalCount).toBe(rated.length);
      if (rated.length) expect(untouched.stats.averageRating).toBeCloseTo(rated.reduce((s, o) => s + o.rating!, 0) / rated.length, 6);
    });

    it('resolves history, review and available actions of 50 orders in a constant number of statements', async () => {
      const selection = `... on Order { id statusHistory { to actorRole } review { rating } availableActions }`;
      const counted = async (n: number) => {
        const before = h.service.queryCount();
        const result = await h.as<{ _entities: ({ statusHistory: { to: string }[] } | null)[] }>(
          people.admin,
          `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
          { r: demo.orders.slice(0, n).map((o) => ({ __typename: 'Order', id: o.id })) },
        );
        expect(result.errors).toBeUndefined();
        for (const entity of result.data!._entities) expect(entity?.statusHistory[0]?.to).toBe('PENDING');
        return h.service.queryCount() - before;
      };
      // Orders, the viewer's memberships, histories, reviews: one statement each, whatever the number of orders.
      expect(await counted(50)).toBe(4);
      expect(await counted(5)).toBe(4);
    });

    it('gives admins the dashboard: orders per day by status, revenue per completion day, top agencies', async () => {
      const id = await completed();
      const DASHBOARD = `query ($days: Int) { orderDashboard(days: $days) { ordersPerDay { date status count } revenuePerDay { date revenue { amount currency } } topAgencies { agency { id } orders revenue { amount currency } } byStatus { status count } } }`;
      const before = h.service.queryCount();
      const result = await h.as<{
        orderDashboard: {
          ordersPerDay: { date: string; status: string; count: number }[];
          revenuePerDay: { date: string; revenue: { amount: number } }[];
          topAgencies: { agency: { id: string }; orders: number }[];
          byStatus: { status: string; count: number }[];
        };
      }>(people.admin, DASHBOARD, { days: 2 });
      expect(result.errors).toBeUndefined();
      expect(h.service.queryCount() - before).toBe(4);
      const board = result.data!.orderDashboard;
      const since = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const recent = await h.as<{ orders: { totalCount: number } }>(
        people.admin,
        `query ($f: OrderFilter) { orders(filter: $f) { totalCount } }`,
        { f: { createdAfter: since } },
      );
      const total = recent.data!.orders.totalCount;
      expect(total).toBeGreaterThan(0);
      expect(board.byStatus.reduce((s, r) => s + r.count, 0)).toBe(total);
      expect(board.ordersPerDay.reduce((s, r) => s + r.count, 0)).toBe(total);
      const today = new Date().toISOString().slice(0, 10);
      expect(board.revenuePerDay.find((r) => r.date === today)?.revenue.amount).toBeGreaterThanOrEqual(25_000);
      expect(board.topAgencies[0]?.agency.id).toBe(people.agency.id);
      expect(id).toBeTruthy();

      for (const days of [0, 367]) {
        expect((await h.as(people.admin, DASHBOARD, { days })).errors?.[0]?.extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'days',
        });
      }
      expect((await h.as(people.owner, DASHBOARD, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await h.as(people.adminWithoutScope, DASHBOARD, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });
});

describe('sandbox switch', () => {
  it('is on by default outside production, off in production, and never allowed there', () => {
    expect(loadEnv({ NODE_ENV: 'development' }).PAYMENTS_SANDBOX).toBe(true);
    expect(loadEnv({ NODE_ENV: 'test', PAYMENTS_SANDBOX: 'false' }).PAYMENTS_SANDBOX).toBe(false);
    expect(loadEnv({ NODE_ENV: 'production' }).PAYMENTS_SANDBOX).toBe(false);
    expect(() => loadEnv({ NODE_ENV: 'production', PAYMENTS_SANDBOX: 'true' })).toThrow(/PAYMENTS_SANDBOX/);
  });

  it('refuses markOrderPaidSandbox when PAYMENTS_SANDBOX is off, changing nothing', async () => {
    const h = await startHarness({ postgres: false }, { env: { PAYMENTS_SANDBOX: 'false' } });
    try {
      const order = demo.orders.find((o) => o.customerId === people.customer.id && o.status === 'PENDING')!;
      const refused = await h.as(people.customer, PAY, { id: order.id });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const read = await h.as<{ order: { paidAt: string | null } }>(people.customer, `query ($id: ID!) { order(id: $id) { paidAt } }`, {
        id: order.id,
      });
      expect(read.data?.order.paidAt).toBeNull();
    } finally {
      await h.stop();
    }
  });
});
