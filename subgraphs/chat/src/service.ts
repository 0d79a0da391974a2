import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { openChatStore } from './store';
import { createLoaders } from './store/loaders';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);

/** queryCount(): store round trips since start (SQL statements, or MongoDB commands). */
export type ChatService = StoredSubgraph;

/** Opens the store (MongoDB, PostgreSQL or PGlite; migrated, seeded on first boot) and serves the subgraph. */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<ChatService> {
  return startStoredSubgraph<Awaited<ReturnType<typeof openChatStore>>, Context>({
    name: 'chat',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openChatStore(env, logger),
    seed: seedDemoData,
    queryCount: (store) => store.queryCount(),
    context: (store, { requestId, logger, viewer }) => ({
      requestId,
      logger,
      store,
      loaders: createLoaders(store),
      viewer,
    }),
  });
}
