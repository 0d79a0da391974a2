import { fileURLToPath } from 'node:url';
import { startServiceEvents, type ServiceEvents } from '@market/events';
import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openPostgres } from '@market/stores';
import type { Env } from './env';
import type { Context } from './context';
import { eventHandlers } from './events';
import { resolvers } from './resolvers';
import { createLoaders } from './store/loaders';
import { createOrderRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);
const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export type OrderService = StoredSubgraph<ServiceEvents>;

/** Opens the store (migrated, seeded on first boot), relays its events, consumes the agency replica's, and serves the subgraph. */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<OrderService> {
  return startStoredSubgraph<Awaited<ReturnType<typeof openPostgres<typeof schema>>>, Context, ServiceEvents>({
    name: 'order',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openPostgres({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, schema, migrationsFolder, logger }),
    seed: (store, logger) => seedDemoData(createOrderRepository(store.db), logger),
    queryCount: (store) => store.queries.count,
    background: (store, logger) =>
      startServiceEvents({ name: 'order', db: store.db, url: env.REDIS_URL, prefix: env.EVENTS_PREFIX, handlers: eventHandlers, logger }),
    context: (store, { requestId, logger, viewer }) => {
      const repo = createOrderRepository(store.db);
      return { requestId, logger, repo, loaders: createLoaders(repo), viewer, paymentsSandbox: env.PAYMENTS_SANDBOX };
    },
  });
}
