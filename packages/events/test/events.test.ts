import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { freshPostgres, freshRedis, testEnv, testLogger } from '@market/testkit';
import { openPostgres, type PgDb, type PostgresStore } from '@market/stores';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EVENT_STREAM,
  openEventBus,
  recordEvents,
  startEventConsumer,
  startServiceEvents,
  type DomainEvent,
  type EventConsumer,
  type EventHandlers,
  type OutboxSource,
} from '../src';
import { effects, eventOutbox, notes, schema } from './fixture/schema';

type Schema = typeof schema;
const migrationsFolder = fileURLToPath(new URL('./fixture/drizzle', import.meta.url));
const logger = testLogger('events');

// Databases: PGlite always, PostgreSQL when DATABASE_URL is set. Streams: in-process always, Redis when REDIS_URL is set.
const databases = [{ name: 'PGlite', real: false }, ...(testEnv.DATABASE_URL ? [{ name: 'PostgreSQL', real: true }] : [])];
const streams = [{ name: 'in-process', redis: false }, ...(testEnv.REDIS_URL ? [{ name: 'Redis', redis: true }] : [])];
const targets = databases.flatMap((database) => streams.map((stream) => ({ ...database, stream: stream.name, redis: stream.redis })));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function openDb(real: boolean): Promise<PostgresStore<Schema>> {
  const provisioned = real ? await freshPostgres('events') : { url: undefined, cleanup: async () => {} };
  const store = await openPostgres({ url: provisioned.url, schema, migrationsFolder, logger });
  cleanups.push(async () => {
    await store.close();
    await provisioned.cleanup();
  });
  return store;
}

async function streamOptions(redis: boolean) {
  if (!redis) return { url: undefined, prefix: `events-test-${randomUUID()}:` };
  const provisioned = await freshRedis('events');
  cleanups.push(provisioned.cleanup);
  return { url: provisioned.url, prefix: provisioned.prefix };
}

async function service(
  name: string,
  db: PgDb<Schema>,
  stream: { url?: string | undefined; prefix: string },
  handlers?: EventHandlers<Schema>,
) {
  const events = await startServiceEvents({ name, db, ...stream, handlers, logger });
  cleanups.push(events.stop);
  return events;
}

/** A handler that counts how often each key's effect happened. */
const counting: EventHandlers<Schema> = {
  'note.written': async (event: DomainEvent<{ noteId: string }>, tx) => {
    await tx
      .insert(effects)
      .values({ key: event.data.noteId, count: 1 })
      .onConflictDoUpdate({ target: effects.key, set: { count: sql`${effects.count} + 1` } });
  },
};

const countOf = async (db: PgDb<Schema>, key: string) => (await db.select().from(effects).where(eq(effects.key, key)))[0]?.count ?? 0;

describe.each(targets)('events on $name through the $stream stream', ({ real, redis }) => {
  it('delivers an event exactly when its transaction commits, once to every consuming service', async () => {
    const stream = await streamOptions(redis);
    const producerStore = await openDb(real);
    const consumerA = await openDb(real);
    const consumerB = await openDb(real);
    const producer = await service('producer', producerStore.db, stream);
    const a = await service('alpha', consumerA.db, stream, counting);
    const b = await service('beta', consumerB.db, stream, counting);

    // Rolled back: neither the note nor its event exists.
    await expect(
      producerStore.db.transaction(async (tx) => {
        await tx.insert(notes).values({ id: 'n0', body: 'draft' });
        await recordEvents(tx, [{ type: 'note.written', data: { noteId: 'n0' } }]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await producerStore.db.transaction(async (tx) => {
      await tx.insert(notes).values({ id: 'n1', body: 'hello' });
      await recordEvents(tx, [{ type: 'note.written', data: { noteId: 'n1' } }]);
    });

    await producer.relay.drain();
    await Promise.all([a.consumer?.caughtUp(), b.consumer?.caughtUp()]);
    expect(await countOf(consumerA.db, 'n1')).toBe(1);
    expect(await countOf(consumerB.db, 'n1')).toBe(1);
    expect(await countOf(consumerA.db, 'n0')).toBe(0);
    const [published] = await producerStore.db.select().from(eventOutbox);
    expect(published?.publishedAt).toBeInstanceOf(Date);
  });

  it('handles an event published twice only once (the relay died between publishing and marking)', async () => {
    const stream = await streamOptions(redis);
    const consumerStore = await openDb(real);
    const consumer = await service('alpha', consumerStore.db, stream, counting);
    const bus = await openEventBus({ ...stream, logger });
    cleanups.push(() => bus.close());
    const event: DomainEvent = {
      id: randomUUID(),
      type: 'note.written',
      source: 'producer',
      occurredAt: new Date().toISOString(),
      data: { noteId: 'twice' },
    };
    await bus.streamAdd(EVENT_STREAM, { type: event.type, event: JSON.stringify(event) });
    await bus.streamAdd(EVENT_STREAM, { type: event.type, event: JSON.stringify(event) });
    await consumer.consumer?.caughtUp();
    expect(await countOf(consumerStore.db, 'twice')).toBe(1);
  });

  it('retries a failing handler with its changes rolled back, then succeeds', async () => {
    const stream = await streamOptions(redis);
    const producerStore = await openDb(real);
    const consumerStore = await openDb(real);
    let failures = 2;
    const flaky: EventHandlers<Schema> = {
      'note.written': async (event: DomainEvent<{ noteId: string }>, tx) => {
        await counting['note.written']?.(event, tx);
        if (failures-- > 0) throw new Error('database hiccup');
      },
    };
    const producer = await service('producer', producerStore.db, stream);
    const consumer = await service('alpha', consumerStore.db, stream, flaky);
    await producerStore.db.transaction((tx) => recordEvents(tx, [{ type: 'note.written', data: { noteId: 'flaky' } }]));
    await producer.relay.drain();
    await consumer.consumer?.caughtUp();
    expect(failures).toBe(-1);
    expect(await countOf(consumerStore.db, 'flaky')).toBe(1);
  });

  it('publishes in order and survives a restart of the relay', async () => {
    const stream = await streamOptions(redis);
    const producerStore = await openDb(real);
    const consumerStore = await openDb(real);
    const seen: string[] = [];
    const ordered: EventHandlers<Schema> = {
      'note.written': async (event: DomainEvent<{ noteId: string }>) => {
        seen.push(event.data.noteId);
      },
    };
    const first = await startServiceEvents({ name: 'producer', db: producerStore.db, ...stream, logger });
    await first.stop();
    // Written while no relay runs: published by the next one.
    for (let i = 0; i < 30; i++)
      await producerStore.db.transaction((tx) => recordEvents(tx, [{ type: 'note.written', data: { noteId: `n${i}` } }]));
    const consumer = await service('alpha', consumerStore.db, stream, ordered);
    const second = await service('producer', producerStore.db, stream);
    await second.relay.drain();
    await consumer.consumer?.caughtUp();
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `n${i}`));
  });
});

describe.runIf(testEnv.REDIS_URL)('events between replicas (Redis)', () => {
  it('two replicas of one service share its consumer group: each event is handled by one of them', async () => {
    const stream = await streamOptions(true);
    const producerStore = await openDb(Boolean(testEnv.DATABASE_URL));
    const consumerStore = await openDb(Boolean(testEnv.DATABASE_URL));
    const handledBy: string[] = [];
    const replica = (name: string): EventHandlers<Schema> => ({
      'note.written': async (event: DomainEvent<{ noteId: string }>, tx) => {
        handledBy.push(name);
        await counting['note.written']?.(event, tx);
      },
    });
    const producer = await service('producer', producerStore.db, stream);
    const consumers: EventConsumer[] = [];
    for (const name of ['r1', 'r2']) {
      const bus = await openEventBus({ ...stream, logger });
      const consumer = await startEventConsumer({
        bus,
        group: 'alpha',
        consumer: name,
        handlers: replica(name),
        db: consumerStore.db,
        logger,
      });
      cleanups.push(consumer.stop);
      consumers.push(consumer);
    }
    for (let i = 0; i < 40; i++)
      await producerStore.db.transaction((tx) => recordEvents(tx, [{ type: 'note.written', data: { noteId: `r${i}` } }]));
    await producer.relay.drain();
    await Promise.all(consumers.map((c) => c.caughtUp()));
    const counts = await consumerStore.db.select().from(effects);
    expect(counts).toHaveLength(40);
    expect(counts.every((row) => row.count === 1)).toBe(true);
    expect(handledBy).toHaveLength(40);
  });
});

it('relays from another store’s outbox (the chat subgraph on MongoDB) through the same stream', async () => {
  // An outbox kept in memory stands in for the MongoDB collection: pending rows, published once, then marked.
  const rows: { event: DomainEvent; publishedAt: Date | null }[] = ['a', 'b', 'c'].map((noteId) => ({
    event: { id: randomUUID(), type: 'note.written', source: 'chat', occurredAt: new Date().toISOString(), data: { noteId } },
    publishedAt: null,
  }));
  const outbox: OutboxSource = {
    hasPending: async () => rows.some((row) => !row.publishedAt),
    publishBatch: async (limit, publish) => {
      const batch = rows.filter((row) => !row.publishedAt).slice(0, limit);
      for (const row of batch) await publish(row.event);
      for (const row of batch) row.publishedAt = new Date();
      return batch.length;
    },
    deletePublished: async () => {},
  };
  const stream = await streamOptions(false);
  const consumerStore = await openDb(false);
  const producer = await startServiceEvents<Schema>({ name: 'chat', outbox, ...stream, logger });
  cleanups.push(producer.stop);
  const consumer = await service('alpha', consumerStore.db, stream, counting);
  await producer.relay.drain();
  await consumer.consumer?.caughtUp();
  expect(rows.every((row) => row.publishedAt)).toBe(true);
  for (const key of ['a', 'b', 'c']) expect(await countOf(consumerStore.db, key)).toBe(1);
});

it('refuses event types that are not <entity>.<what happened>', async () => {
  const store = await openDb(false);
  await expect(store.db.transaction((tx) => recordEvents(tx, [{ type: 'Placed', data: {} }]))).rejects.toThrow(/not <entity>/);
});
