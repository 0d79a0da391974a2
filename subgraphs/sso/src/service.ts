import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, shouldSeedDemoData, startSubgraph, type Logger, type RunningService } from '@market/kit';
import { parse } from 'graphql';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { openUserStore } from './store';
import { createLoaders } from './store/loaders';
import { seedDemoData } from './store/seed';

const root = fileURLToPath(new URL('..', import.meta.url));
export const typeDefs = parse(readFileSync(`${root}schema.graphql`, 'utf8'));

export interface SsoService extends RunningService {
  queryCount(): number;
}

/** Opens the user store (MySQL, PostgreSQL or PGlite; migrated, seeded on first boot) and serves the subgraph. */
export async function startService(env: Env, options: { logger?: Logger } = {}): Promise<SsoService> {
  const logger = options.logger ?? createLogger({ service: 'sso', level: env.LOG_LEVEL });
  const seed = shouldSeedDemoData('sso', env);
  const store = await openUserStore(env, logger);
  try {
    if (seed) await seedDemoData(store, logger);
    const service = await startSubgraph<Context>({
      name: 'sso',
      host: env.HOST,
      port: env.PORT,
      logger,
      typeDefs,
      resolvers,
      exposeErrors: env.NODE_ENV === 'development',
      context: ({ requestId, logger: requestLogger }) => ({
        requestId,
        logger: requestLogger,
        store,
        loaders: createLoaders(store),
        viewer: null,
      }),
      checks: [{ name: store.kind === 'mysql' ? 'mysql' : 'postgres', check: () => store.ping() }],
      onStop: () => store.close(),
    });
    return { ...service, queryCount: () => store.queries.count };
  } catch (error) {
    await store.close();
    throw error;
  }
}
