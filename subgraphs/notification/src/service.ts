import { fileURLToPath } from 'node:url';
import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openPostgres } from '@market/stores';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { createLoaders } from './store/loaders';
import { createNotificationRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);
const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export type NotificationService = StoredSubgraph;

/** Opens the store (migrated, seeded on first boot) and serves the subgraph. */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<NotificationService> {
  return startStoredSubgraph<Awaited<ReturnType<typeof openPostgres<typeof schema>>>, Context>({
    name: 'notification',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openPostgres({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, schema, migrationsFolder, logger }),
    seed: (store, logger) => seedDemoData(createNotificationRepository(store.db), logger),
    queryCount: (store) => store.queries.count,
    context: (store, { requestId, logger, viewer }) => {
      const repo = createNotificationRepository(store.db);
      return { requestId, logger, repo, loaders: createLoaders(repo), viewer };
    },
  });
}
