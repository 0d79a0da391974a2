import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLogger, shouldSeedDemoData, startSubgraph, type Logger, type RunningService } from '@market/kit';
import { parse } from 'graphql';
import type { Env } from './env';
import { viewerOf, type Context } from './context';
import { resolvers } from './resolvers';
import { openChatStore } from './store';
import { createLoaders } from './store/loaders';
import { seedDemoData } from './store/seed';

const root = fileURLToPath(new URL('..', import.meta.url));
export const typeDefs = parse(readFileSync(`${root}schema.graphql`, 'utf8'));

export interface ChatService extends RunningService {
  /** Store round trips since start (SQL statements, or MongoDB commands). */
  queryCount(): number;
}

/** Opens the store (MongoDB, PostgreSQL or PGlite; migrated, seeded on first boot) and serves the subgraph. */
export async function startService(env: Env, options: { logger?: Logger } = {}): Promise<ChatService> {
  const logger = options.logger ?? createLogger({ service: 'chat', level: env.LOG_LEVEL });
  const seed = shouldSeedDemoData('chat', env);
  const store = await openChatStore(env, logger);
  try {
    if (seed) await seedDemoData(store, logger);
    const service = await startSubgraph<Context>({
      name: 'chat',
      host: env.HOST,
      port: env.PORT,
      logger,
      typeDefs,
      resolvers,
      exposeErrors: env.NODE_ENV === 'development',
      context: ({ requestId, req, logger: requestLogger }) => ({
        requestId,
        logger: requestLogger,
        store,
        loaders: createLoaders(store),
        viewer: viewerOf(req),
      }),
      checks: [{ name: store.kind === 'mongodb' ? 'mongodb' : 'postgres', check: store.ping }],
      onStop: store.close,
    });
    return { ...service, queryCount: () => store.queryCount() };
  } catch (error) {
    await store.close();
    throw error;
  }
}
