import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { and, inArray, isNull, isNotNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Logger } from '@market/kit';
import { MemoryKeyValue, openKeyValue, type KeyValueStore, type PgDb, type StreamEntry } from '@market/stores';
import { eventInbox, eventOutbox } from './tables';

/**
 * Domain events between services (DESIGN.md "Events between services"):
 *
 *   producer transaction ──► event_outbox ──relay──► stream `events` ──group per service──► handler + event_inbox
 *
 * A producer records events with `recordEvents(tx, …)` inside the transaction that makes the change, so an event
 * exists exactly when its change committed. The relay of that service publishes unpublished rows in order (several
 * replicas share the work with FOR UPDATE SKIP LOCKED). Each consuming service reads the stream in its own consumer
 * group — every event reaches every service, and one replica of it — and runs the handler in a transaction that also
 * inserts the event id into its inbox: a redelivered event is skipped, so effects happen once per service.
 *
 * The stream is Redis Streams when REDIS_URL is set (production: services in separate processes) and an in-process
 * stream shared by every service of the process otherwise (embedded mode runs all services in one process).
 */

export interface DomainEvent<T = Record<string, unknown>> {
  id: string;
  /** `<entity>.<what happened>`, e.g. `order.transitioned`. */
  type: string;
  /** The producing service. */
  source: string;
  /** ISO-8601. */
  occurredAt: string;
  data: T;
}

export interface NewEvent {
  type: string;
  data: object;
}

type AnySchema = Record<string, unknown>;

/** Handlers by event type; each runs inside the transaction that records the event in the service's inbox. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own payload type
export type EventHandlers<S extends AnySchema = AnySchema> = Record<string, (event: DomainEvent<any>, tx: PgDb<S>) => Promise<void>>;

/**
 * Handlers of a service without a PostgreSQL database (SSO on MySQL): no inbox, so each handler must be idempotent
 * (an event can arrive twice).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own payload type
export type IdempotentEventHandlers = Record<string, (event: DomainEvent<any>) => Promise<void>>;

/** The stream every service publishes to. */
export const EVENT_STREAM = 'events';
const EVENT_TYPE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Records events in the outbox; call it with the transaction that makes the change the events describe. */
export async function recordEvents<S extends AnySchema>(tx: PgDb<S>, events: readonly NewEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = outboxRows(events);
  await tx.insert(eventOutbox).values(rows);
  return rows.map((row) => row.id);
}

function outboxRows(events: readonly NewEvent[]): { id: string; type: string; data: object }[] {
  return events.map((event) => {
    if (!EVENT_TYPE.test(event.type)) throw new Error(`event type "${event.type}" is not <entity>.<what happened>`);
    return { id: randomUUID(), type: event.type, data: event.data };
  });
}

/**
 * The outbox rows of `events` as an `INSERT … SELECT` written only when `when` holds, for a data-modifying CTE of
 * the one statement that makes the change (a single statement is atomic: one round trip instead of a transaction's
 * BEGIN, statements and COMMIT). Undefined when there are no events.
 */
export function outboxInsert(events: readonly NewEvent[], when: SQL): SQL | undefined {
  if (events.length === 0) return undefined;
  const rows = outboxRows(events).map((row) => sql`(${row.id}::uuid, ${row.type}::text, ${JSON.stringify(row.data)}::jsonb)`);
  const columns = [eventOutbox.id, eventOutbox.type, eventOutbox.data].map((column) => sql.identifier(column.name));
  return sql`insert into ${eventOutbox} (${sql.join(columns, sql`, `)}) select * from (values ${sql.join(rows, sql`, `)}) as events where ${when}`;
}

// ── the stream ──────────────────────────────────────────────────────────────

export interface EventBusOptions {
  /** redis:// URL; unset means the in-process stream of this process. */
  url?: string | undefined;
  /** Key prefix on Redis (and the name of the in-process stream): isolates platforms and tests. */
  prefix?: string | undefined;
  logger: Logger;
}

const DEFAULT_PREFIX = 'market:';
const sharedKey = Symbol.for('market.events.memory-streams');
type SharedStreams = Map<string, MemoryKeyValue>;

/** The in-process stream named `prefix`, one per process, shared by every service in it. */
function memoryStream(prefix: string): MemoryKeyValue {
  const global = globalThis as { [sharedKey]?: SharedStreams };
  const streams: SharedStreams = (global[sharedKey] ??= new Map<string, MemoryKeyValue>());
  let stream = streams.get(prefix);
  if (!stream) {
    stream = new MemoryKeyValue(prefix);
    streams.set(prefix, stream);
  }
  return stream;
}

/** A connection to the event stream (a dedicated Redis connection, or the shared in-process stream). */
export async function openEventBus(options: EventBusOptions): Promise<KeyValueStore> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  if (options.url) return openKeyValue({ url: options.url, prefix, logger: options.logger });
  const shared = memoryStream(prefix);
  // Closing one service's handle must not close the stream the others share.
  return Object.assign(Object.create(shared) as KeyValueStore, { close: async () => {} });
}

const toEntry = (event: DomainEvent): Record<string, string> => ({ type: event.type, event: JSON.stringify(event) });

// ── relay ───────────────────────────────────────────────────────────────────

export interface OutboxRelay {
  /** Publish now instead of at the next poll. */
  kick: () => void;
  /** Publishes every unpublished event; resolves with how many it published. */
  drain: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * Where a relay finds the events to publish: the `event_outbox` table (`pgOutbox`), or another store's equivalent
 * (the chat subgraph's MongoDB collection).
 */
export interface OutboxSource {
  /** Whether anything waits to be published (a cheap read). */
  hasPending: () => Promise<boolean>;
  /** Hands up to `limit` unpublished events, oldest first, to `publish`, then marks them published; how many. */
  publishBatch: (limit: number, publish: (event: DomainEvent) => Promise<void>) => Promise<number>;
  /** Deletes events published before `before`. */
  deletePublished: (before: Date) => Promise<void>;
}

/** The `event_outbox` table of a service's PostgreSQL database; replicas share the work with FOR UPDATE SKIP LOCKED. */
export function pgOutbox<S extends AnySchema>(db: PgDb<S>, source: string): OutboxSource {
  return {
    // A plain read first: the transaction (and its row locks) only when there is something to publish.
    hasPending: async () =>
      (await db.select({ seq: eventOutbox.seq }).from(eventOutbox).where(isNull(eventOutbox.publishedAt)).limit(1)).length > 0,
    publishBatch: (limit, publish) =>
      db.transaction(async (tx) => {
        const rows = await tx
          .select()
          .from(eventOutbox)
          .where(isNull(eventOutbox.publishedAt))
          .orderBy(eventOutbox.seq)
          .limit(limit)
          .for('update', { skipLocked: true });
        for (const row of rows)
          await publish({
            id: row.id,
            type: row.type,
            source,
            occurredAt: row.occurredAt.toISOString(),
            data: row.data as Record<string, unknown>,
          });
        if (rows.length)
          await tx
            .update(eventOutbox)
            .set({ publishedAt: new Date() })
            .where(
              inArray(
                eventOutbox.seq,
                rows.map((row) => row.seq),
              ),
            );
        return rows.length;
      }),
    deletePublished: async (before) => {
      await db.delete(eventOutbox).where(and(isNotNull(eventOutbox.publishedAt), lt(eventOutbox.publishedAt, before)));
    },
  };
}

export interface OutboxRelayOptions {
  outbox: OutboxSource;
  bus: KeyValueStore;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
  /** Published rows are deleted after this long (default 7 days). */
  retainMs?: number;
}

export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { outbox, bus } = options;
  const logger = options.logger.child({ component: 'outbox-relay' });
  const pollMs = options.pollMs ?? 200;
  const batchSize = options.batchSize ?? 200;
  const retainMs = options.retainMs ?? 7 * 86_400_000;
  let stopped = false;
  let running: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastCleanup = 0;

  const publishBatch = () => outbox.publishBatch(batchSize, async (event) => void (await bus.streamAdd(EVENT_STREAM, toEntry(event))));
  const pending = () => outbox.hasPending();

  const drainOnce = async () => {
    let total = 0;
    while (await pending()) {
      const published = await publishBatch();
      total += published;
      if (published < batchSize) break;
    }
    if (Date.now() - lastCleanup > 3_600_000) {
      lastCleanup = Date.now();
      await outbox.deletePublished(new Date(Date.now() - retainMs));
    }
    if (total) logger.debug({ published: total }, 'published events');
    return total;
  };

  // One run at a time; a kick during a run is honoured by the next poll.
  const run = (): Promise<number> => {
    running ??= drainOnce().finally(() => {
      running = undefined;
    });
    return running;
  };

  const schedule = (delay: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      run()
        .catch((error: unknown) => logger.warn({ err: error }, 'publishing events failed; retrying'))
        .finally(() => schedule(pollMs));
    }, delay);
    timer.unref();
  };
  schedule(0);

  return {
    kick: () => schedule(0),
    drain: async () => {
      await running?.catch(() => 0);
      return run();
    },
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running?.catch(() => 0);
    },
  };
}

// ── consumer ────────────────────────────────────────────────────────────────

export interface EventConsumer {
  /** Resolves once every event already in the stream when called has been handled. */
  caughtUp: () => Promise<void>;
  stop: () => Promise<void>;
}

export type ConsumerHandlers<S extends AnySchema> =
  /** Handlers run in the service's transactions, deduplicated by its inbox. */
  | { db: PgDb<S>; handlers: EventHandlers<S> }
  /** No database of ours: handlers must be idempotent. */
  | { db?: undefined; handlers: IdempotentEventHandlers };

export type EventConsumerOptions<S extends AnySchema> = ConsumerHandlers<S> & {
  bus: KeyValueStore;
  /** The consumer group: the service name (every replica of a service shares it). */
  group: string;
  logger: Logger;
  /** Name of this replica in the group (default: the host name, stable across restarts of a container). */
  consumer?: string;
  blockMs?: number;
  /** Attempts per event before it is logged as failed and skipped (default 5). */
  attempts?: number;
};

export async function startEventConsumer<S extends AnySchema>(options: EventConsumerOptions<S>): Promise<EventConsumer> {
  const { bus, group } = options;
  const logger = options.logger.child({ component: 'event-consumer' });
  const consumer = options.consumer ?? hostname();
  const blockMs = options.blockMs ?? (bus.kind === 'memory' ? 100 : 1_000);
  const attempts = options.attempts ?? 5;
  let stopped = false;
  let emptyReads = 0;
  const waiters = new Set<() => void>();

  await bus.streamEnsureGroup(EVENT_STREAM, group);

  const handle = async (entry: StreamEntry) => {
    let event: DomainEvent;
    try {
      event = JSON.parse(entry.fields.event ?? '') as DomainEvent;
    } catch (error) {
      logger.error({ err: error, entry: entry.id }, 'unreadable event skipped');
      return;
    }
    if (!options.handlers[event.type]) return;
    for (let attempt = 1; ; attempt++) {
      try {
        if (options.db) {
          const handler = options.handlers[event.type];
          await options.db.transaction(async (tx) => {
            const fresh = await tx.insert(eventInbox).values({ eventId: event.id, type: event.type }).onConflictDoNothing().returning();
            if (fresh.length) await handler?.(event, tx);
          });
        } else await options.handlers[event.type]?.(event);
        return;
      } catch (error) {
        if (attempt >= attempts || stopped) {
          // A poison event must not stop the stream: it is logged with its payload for replay by hand.
          logger.error({ err: error, event }, 'event handler failed; event skipped');
          return;
        }
        logger.warn({ err: error, type: event.type, id: event.id, attempt }, 'event handler failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  };

  const process = async (entries: StreamEntry[]) => {
    for (const entry of entries) {
      await handle(entry);
      await bus.streamAck(EVENT_STREAM, group, entry.id);
    }
  };

  const loop = (async () => {
    // Entries this consumer read before a crash and never acknowledged.
    await process(await bus.streamReadGroup(EVENT_STREAM, group, consumer, { pending: true, count: 1_000 }));
    while (!stopped) {
      try {
        const entries = await bus.streamReadGroup(EVENT_STREAM, group, consumer, { count: 100, blockMs });
        if (entries.length) await process(entries);
        else {
          emptyReads += 1;
          for (const wake of waiters) wake();
        }
      } catch (error) {
        if (stopped) break;
        logger.warn({ err: error }, 'reading events failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  })();

  return {
    caughtUp: () => {
      // Two empty reads after the call: everything that was in the stream has been read and handled.
      const target = emptyReads + 2;
      return new Promise<void>((resolve) => {
        const wake = () => {
          if (emptyReads >= target || stopped) {
            waiters.delete(wake);
            resolve();
          }
        };
        waiters.add(wake);
      });
    },
    stop: async () => {
      stopped = true;
      for (const wake of waiters) wake();
      await bus.close();
      await loop;
    },
  };
}

// ── wiring for a service ────────────────────────────────────────────────────

export interface ServiceEvents {
  relay: OutboxRelay;
  consumer: EventConsumer | undefined;
  /** Publishes what is in the outbox, then waits until this service has handled everything in the stream. */
  settle: () => Promise<void>;
  stop: () => Promise<void>;
}

export type ServiceEventsOptions<S extends AnySchema> = {
  /** The service name: `source` of its events and its consumer group. */
  name: string;
  /** REDIS_URL; unset means the in-process stream. */
  url?: string | undefined;
  /** EVENTS_PREFIX: isolates platforms sharing one Redis (default `market:`). */
  prefix?: string | undefined;
  logger: Logger;
} & (
  | { db: PgDb<S>; handlers?: EventHandlers<S>; outbox?: undefined }
  /**
   * A service without a PostgreSQL database: no inbox (idempotent handlers), and its own outbox source when it
   * produces events (the chat subgraph on MongoDB).
   */
  | { db?: undefined; handlers?: IdempotentEventHandlers; outbox?: OutboxSource }
);

/** Starts a service's relay (when it has an outbox) and, when it handles events, its consumer. */
export async function startServiceEvents<S extends AnySchema>(options: ServiceEventsOptions<S>): Promise<ServiceEvents> {
  const logger = options.logger.child({ component: 'events' });
  const bus = await openEventBus({ url: options.url, prefix: options.prefix, logger });
  const outbox = options.db ? pgOutbox(options.db, options.name) : options.outbox;
  const relay: OutboxRelay = outbox
    ? startOutboxRelay({ outbox, bus, logger })
    : { kick: () => {}, drain: async () => 0, stop: async () => {} };
  let consumer: EventConsumer | undefined;
  try {
    if (options.handlers && Object.keys(options.handlers).length) {
      // Its own connection: a blocking read must not hold up the relay's publishing.
      const common = { bus: await openEventBus({ url: options.url, prefix: options.prefix, logger }), group: options.name, logger };
      consumer = options.db
        ? await startEventConsumer({ ...common, db: options.db, handlers: options.handlers ?? {} })
        : await startEventConsumer<S>({ ...common, handlers: options.handlers });
    }
  } catch (error) {
    await relay.stop();
    await bus.close();
    throw error;
  }
  logger.info({ stream: bus.kind === 'redis' ? 'redis' : 'in-process', consumes: Object.keys(options.handlers ?? {}) }, 'events started');
  return {
    relay,
    consumer,
    settle: async () => {
      await relay.drain();
      await consumer?.caughtUp();
    },
    stop: async () => {
      await relay.stop();
      await consumer?.stop();
      await bus.close();
    },
  };
}
