import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openPostgres } from '@market/stores';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { fileContentRoute } from './routes/file-content';
import { createBlobStore } from './store/blobs';
import { createLoaders } from './store/loaders';
import { createFileRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** DATA_DIR holds two stores side by side: the embedded database and the file contents. */
export function dataPaths(env: Pick<Env, 'DATA_DIR'>) {
  return { database: join(env.DATA_DIR, 'db'), blobs: join(env.DATA_DIR, 'blobs') };
}

export type FileService = StoredSubgraph;

/** Opens the store (migrated, seeded on first boot) and serves the subgraph and the file contents. */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<FileService> {
  const paths = dataPaths(env);
  const blobs = createBlobStore(paths.blobs);
  return startStoredSubgraph<Awaited<ReturnType<typeof openPostgres<typeof schema>>>, Context>({
    name: 'file',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openPostgres({ url: env.DATABASE_URL, dataDir: paths.database, schema, migrationsFolder, logger }),
    seed: (store, logger) => seedDemoData(createFileRepository(store.db), logger),
    queryCount: (store) => store.queries.count,
    context: (store, { requestId, logger, viewer }) => {
      const repo = createFileRepository(store.db);
      return { requestId, logger, repo, loaders: createLoaders(repo), publicUrl: env.PUBLIC_URL, viewer };
    },
    routes: (store) => fileContentRoute(createFileRepository(store.db), blobs),
  });
}
