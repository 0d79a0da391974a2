import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { openUserStore } from './store';
import { createLoaders } from './store/loaders';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);

export type SsoService = StoredSubgraph;

/** Opens the user store (MySQL, PostgreSQL or PGlite; migrated, seeded on first boot) and serves the subgraph. */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<SsoService> {
  return startStoredSubgraph<Awaited<ReturnType<typeof openUserStore>>, Context>({
    name: 'sso',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openUserStore(env, logger),
    seed: seedDemoData,
    queryCount: (store) => store.queries.count,
    // The caller's identity is forwarded by the gateway in a later issue; until then nobody is signed in.
    context: (store, { requestId, logger }) => ({ requestId, logger, store, loaders: createLoaders(store), viewer: null }),
  });
}
