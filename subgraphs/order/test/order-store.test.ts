import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { eventOutbox, type DomainEvent } from '@market/events';
import { openPostgres, type PostgresStore } from '@market/stores';
import { freshPostgres, testLogger, type Provisioned } from '@market/testkit';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validatePlaceOrder } from '../src/domain/order-input';
import { eventHandlers } from '../src/events';
import { createOrderRepository, type OrderRepository } from '../src/store/repository';
import { orderAgencies, orderAgencyMembers, orderStatusHistory, schema } from '../src/store/schema';
import { STORE_TARGETS } from './helpers';

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));
type Store = PostgresStore<typeof schema>;

const event = <T>(type: string, data: T): DomainEvent<T> => ({
  id: randomUUID(),
  type,
  source: 'agency',
  occurredAt: new Date().toISOString(),
  data,
});

describe.each(STORE_TARGETS)('order store on $name', (target) => {
  let db: Provisioned;
  let store: Store;
  let repo: OrderRepository;
  const agencyId = randomUUID();
  const ownerId = randomUUID();
  const customerId = randomUUID();

  beforeAll(async () => {
    db = target.postgres ? await freshPostgres('order_store') : { url: undefined, cleanup: async () => {} };
    // No data folder: PGlite in memory.
    store = await openPostgres({ url: db.url, schema, migrationsFolder, logger: testLogger('order') });
    repo = createOrderRepository(store.db);
  });
  afterAll(async () => {
    await store?.close();
    await db?.cleanup();
  });

  const run = (e: DomainEvent<unknown>) => store.db.transaction((tx) => eventHandlers[e.type]!(e, tx));

  it('keeps the agency replica from agency events, idempotently', async () => {
    const created = event('agency.created', {
      agencyId,
      slug: 'x',
      name: 'Replica Works',
      status: 'PENDING_REVIEW',
      businessTypes: ['IT'],
      region: 'BE',
      commissionPercent: 12,
    });
    await run(created);
    await run(created);
    expect(await repo.agencyById(agencyId)).toMatchObject({ name: 'Replica Works', status: 'PENDING_REVIEW', commissionPercent: 12 });
    await run(event('agency.updated', { ...created.data, name: 'Replica Works Ltd', status: 'VERIFIED', commissionPercent: 15 }));
    expect(await repo.agencyById(agencyId)).toMatchObject({ name: 'Replica Works Ltd', status: 'VERIFIED', commissionPercent: 15 });
    expect(await store.db.select().from(orderAgencies).where(eq(orderAgencies.id, agencyId))).toHaveLength(1);

    const staffId = randomUUID();
    const added = event('agency.member.added', { agencyId, userId: ownerId, role: 'OWNER' });
    await run(added);
    await run(added);
    await run(event('agency.member.added', { agencyId, userId: staffId, role: 'STAFF' }));
    expect(await repo.agencyIdsOfMember(ownerId)).toEqual([agencyId]);
    expect(await repo.agencyIdsOfMember(staffId)).toEqual([agencyId]);
    const removed = event('agency.member.removed', { agencyId, userId: staffId, role: 'STAFF' });
    await run(removed);
    await run(removed);
    expect(await repo.agencyIdsOfMember(staffId)).toEqual([]);
    expect(await store.db.select().from(orderAgencyMembers).where(eq(orderAgencyMembers.agencyId, agencyId))).toHaveLength(1);
  });

  const place = (title = 'Fix the network') =>
    repo.place(
      validatePlaceOrder({ agencyId, title, description: 'Office of 12 people.', amount: 5_000 }, new Date()),
      customerId,
      new Date(),
    );

  it('numbers orders ORD-<year>-<sequence> without gaps or duplicates, also when placed at once', async () => {
    const placed = await Promise.all(Array.from({ length: 12 }, (_, i) => place(`Order number ${i}`)));
    const year = new Date().getUTCFullYear();
    const sequences = placed.map((o) => {
      const match = new RegExp(`^ORD-${year}-(\\d{6})$`).exec(o.number);
      expect(match, o.number).not.toBeNull();
      return Number(match![1]);
    });
    expect(new Set(sequences).size).toBe(12);
    const min = Math.min(...sequences);
    expect([...sequences].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => min + i));
    const [placedEvents] = await store.db
      .select({ n: sql<number>`count(*)::int` })
      .from(eventOutbox)
      .where(
        sql`${eventOutbox.type} = 'order.placed' and ${eventOutbox.data}->>'orderId' in (${sql.join(
          placed.map((o) => sql`${o.id}`),
          sql`, `,
        )})`,
      );
    expect(placedEvents?.n).toBe(12);
  });

  it('lets exactly one of accept and cancel win when both left PENDING at once, with one history entry and one event', async () => {
    for (let round = 0; round < 25; round++) {
      const order = await place();
      const now = new Date();
      const [accepted, cancelled] = await Promise.all([
        repo.transition({
          orderId: order.id,
          from: 'PENDING',
          to: 'ACCEPTED',
          action: 'ACCEPT',
          actor: { id: ownerId, role: 'AGENCY' },
          note: null,
          now,
        }),
        repo.transition({
          orderId: order.id,
          from: 'PENDING',
          to: 'CANCELLED',
          action: 'CANCEL',
          actor: { id: customerId, role: 'CUSTOMER' },
          note: null,
          now,
        }),
      ]);
      expect([accepted, cancelled].filter(Boolean), `round ${round}`).toHaveLength(1);
      const winner = (accepted ?? cancelled)!;
      expect(winner.version).toBe(1);
      const history = await repo.historyOf([order.id]);
      expect(history.map((h) => [h.from, h.to])).toEqual([
        [null, 'PENDING'],
        ['PENDING', winner.status],
      ]);
      const events = await store.db
        .select({ data: eventOutbox.data })
        .from(eventOutbox)
        .where(sql`${eventOutbox.type} = 'order.transitioned' and ${eventOutbox.data}->>'orderId' = ${order.id}`);
      expect(events).toHaveLength(1);
      expect(events[0]?.data).toMatchObject({
        orderId: order.id,
        from: 'PENDING',
        to: winner.status,
        customerId,
        agencyId,
        amount: 5_000,
        currency: 'EUR',
      });
    }
  });

  it('writes nothing when the compare-and-set misses', async () => {
    const order = await place();
    const missed = await repo.transition({
      orderId: order.id,
      from: 'ACCEPTED',
      to: 'IN_PROGRESS',
      action: 'START',
      actor: { id: ownerId, role: 'AGENCY' },
      note: null,
      now: new Date(),
    });
    expect(missed).toBeNull();
    expect(await store.db.select().from(orderStatusHistory).where(eq(orderStatusHistory.orderId, order.id))).toHaveLength(1);
    expect((await repo.byIds([order.id]))[0]).toEqual(order);
  });
});
