import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openKeyValue, type KeyValueStore } from '@market/stores';
import type { Env } from './env';
import { handleChatEvent, eventHandlers } from './event-handlers';
import { startServiceEvents, type IdempotentEventHandlers, type ServiceEvents } from './events';
import type { Context } from './context';
import { ChatRealtime } from './realtime';
import { resolvers } from './resolvers';
import { openChatStore, type ChatStore } from './store';
import { createLoaders } from './store/loaders';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);

/** The store plus the pub/sub the subscriptions use, opened and closed together. */
export interface ChatRuntime {
  readonly kind: ChatStore['kind'];
  store: ChatStore;
  kv: KeyValueStore;
  realtime: ChatRealtime;
  ping: () => Promise<void>;
  close: () => Promise<void>;
}

/** queryCount(): store round trips since start (SQL statements, or MongoDB commands). */
export type ChatService = StoredSubgraph<ServiceEvents>;

export type RuntimeEnv = Pick<Env, 'MONGO_URL' | 'DATABASE_URL' | 'REDIS_URL' | 'REDIS_PREFIX'> & { DATA_DIR?: string | undefined };

export async function openChatRuntime(env: RuntimeEnv, logger: Logger): Promise<ChatRuntime> {
  const store = await openChatStore(env, logger);
  try {
    const kv = await openKeyValue({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
    return {
      kind: store.kind,
      store,
      kv,
      realtime: new ChatRealtime(kv, logger),
      ping: async () => {
        await Promise.all([store.ping(), kv.ping()]);
      },
      close: async () => {
        await Promise.allSettled([kv.close(), store.close()]);
      },
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** The per-request (or per-subscription) context. */
export function chatContext(runtime: ChatRuntime, info: { requestId: string; logger: Logger; viewer: Context['viewer'] }): Context {
  return {
    requestId: info.requestId,
    logger: info.logger,
    store: runtime.store,
    kv: runtime.kv,
    realtime: runtime.realtime,
    loaders: createLoaders(runtime.store, info.viewer?.id.toLowerCase() ?? null),
    // Ids are compared lower-case everywhere (as PostgreSQL prints uuids).
    viewer: info.viewer ? { ...info.viewer, id: info.viewer.id.toLowerCase() } : null,
    audited: new Set(),
  };
}

/**
 * Opens the store (MongoDB, PostgreSQL or PGlite; migrated, seeded on first boot) and the pub/sub
 * (Redis or in-process), and serves the subgraph. Event handlers: `eventHandlers` in src/event-handlers.ts.
 */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<ChatService> {
  return startStoredSubgraph<ChatRuntime, Context, ServiceEvents>({
    name: 'chat',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openChatRuntime(env, logger),
    seed: (runtime, logger) => seedDemoData(runtime.store, logger),
    queryCount: (runtime) => runtime.store.queryCount(),
    background: (runtime, logger) => {
      const common = { name: 'chat', url: env.REDIS_URL, prefix: env.EVENTS_PREFIX, logger };
      const db = runtime.store.eventsDb();
      if (db) return startServiceEvents({ ...common, db, handlers: eventHandlers });
      // MongoDB: no inbox, so the handlers run idempotently (each of them is: upserts and flags).
      const idempotent: IdempotentEventHandlers = Object.fromEntries(
        Object.keys(eventHandlers).map((type) => [
          type,
          (event: Parameters<typeof handleChatEvent>[1]) => handleChatEvent(runtime.store, event),
        ]),
      );
      // MongoDB: its outbox collection is relayed like the PostgreSQL table.
      return startServiceEvents({ ...common, handlers: idempotent, outbox: runtime.store.eventsOutbox() ?? undefined });
    },
    context: (runtime, info) => chatContext(runtime, info),
  });
}
