import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, shouldSeedDemoData, startSubgraph, type Logger, type RunningService } from '@market/kit';
import { openPostgres } from '@market/stores';
import { parse } from 'graphql';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { createLoaders } from './store/loaders';
import { createNotificationRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

const root = fileURLToPath(new URL('..', import.meta.url));
export const typeDefs = parse(readFileSync(`${root}schema.graphql`, 'utf8'));

export interface NotificationService extends RunningService {
  queryCount(): number;
}

/** Opens the store (migrated, seeded on first boot) and serves the subgraph. */
export async function startService(env: Env, options: { logger?: Logger } = {}): Promise<NotificationService> {
  const logger = options.logger ?? createLogger({ service: 'notification', level: env.LOG_LEVEL });
  const seed = shouldSeedDemoData('notification', env);
  const store = await openPostgres({
    url: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    schema,
    migrationsFolder: `${root}drizzle`,
    logger,
  });
  try {
    const repo = createNotificationRepository(store.db);
    if (seed) await seedDemoData(repo, logger);
    const service = await startSubgraph<Context>({
      name: 'notification',
      host: env.HOST,
      port: env.PORT,
      logger,
      typeDefs,
      resolvers,
      exposeErrors: env.NODE_ENV === 'development',
      context: ({ requestId, logger: requestLogger }) => ({
        requestId,
        logger: requestLogger,
        repo,
        loaders: createLoaders(repo),
        viewer: null,
      }),
      checks: [{ name: 'postgres', check: store.ping }],
      onStop: store.close,
    });
    return { ...service, queryCount: () => store.queries.count };
  } catch (error) {
    await store.close();
    throw error;
  }
}
