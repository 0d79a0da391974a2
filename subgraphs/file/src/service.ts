import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLogger, shouldSeedDemoData, startSubgraph, type Logger, type RunningService } from '@market/kit';
import { openPostgres } from '@market/stores';
import { parse } from 'graphql';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { fileContentRoute } from './routes/file-content';
import { createBlobStore } from './store/blobs';
import { createLoaders } from './store/loaders';
import { createFileRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

const root = fileURLToPath(new URL('..', import.meta.url));
export const typeDefs = parse(readFileSync(`${root}schema.graphql`, 'utf8'));
export const migrationsFolder = `${root}drizzle`;

/** DATA_DIR holds two stores side by side: the embedded database and the file contents. */
export function dataPaths(env: Pick<Env, 'DATA_DIR'>) {
  return { database: join(env.DATA_DIR, 'db'), blobs: join(env.DATA_DIR, 'blobs') };
}

export interface FileService extends RunningService {
  queryCount(): number;
}

/** Opens the store (migrated, seeded on first boot) and serves the subgraph and the file contents. */
export async function startService(env: Env, options: { logger?: Logger } = {}): Promise<FileService> {
  const logger = options.logger ?? createLogger({ service: 'file', level: env.LOG_LEVEL });
  const seed = shouldSeedDemoData('file', env);
  const paths = dataPaths(env);
  const store = await openPostgres({
    url: env.DATABASE_URL,
    dataDir: paths.database,
    schema,
    migrationsFolder,
    logger,
  });
  try {
    const repo = createFileRepository(store.db);
    const blobs = createBlobStore(paths.blobs);
    if (seed) await seedDemoData(repo, logger);
    const service = await startSubgraph<Context>({
      name: 'file',
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
        publicUrl: env.PUBLIC_URL,
      }),
      routes: fileContentRoute(repo, blobs),
      checks: [{ name: 'postgres', check: store.ping }],
      onStop: store.close,
    });
    return { ...service, queryCount: () => store.queries.count };
  } catch (error) {
    await store.close();
    throw error;
  }
}
