import { fileURLToPath } from 'node:url';
import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openPostgres } from '@market/stores';
import type { Env } from './env';
import type { Context } from './context';
import { loggingPhoneCodeSender, type PhoneCodeSender } from './phone-code-sender';
import { createProfileService } from './profile-service';
import { resolvers } from './resolvers';
import { createLoaders } from './store/loaders';
import { createProfileRepository, type ProfileRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

/** One repository per database (its prepared statements are built once), not one per request. */
const repositories = new WeakMap<object, ProfileRepository>();
function repositoryOf(db: Parameters<typeof createProfileRepository>[0]): ProfileRepository {
  let repo = repositories.get(db);
  if (!repo) repositories.set(db, (repo = createProfileRepository(db)));
  return repo;
}

export const typeDefs = subgraphTypeDefs(import.meta.url);
const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export type UserService = StoredSubgraph;

export interface UserServiceOptions {
  logger?: Logger;
  /** Delivers phone verification codes; default: logged (embedded mode) until the notification service takes over. */
  phoneCodeSender?: PhoneCodeSender;
  /** The clock of phone verification (tests move it). */
  now?: () => Date;
}

/** Opens the store (migrated, seeded on first boot) and serves the subgraph. */
export function startService(env: Env, options: UserServiceOptions = {}): Promise<UserService> {
  return startStoredSubgraph<Awaited<ReturnType<typeof openPostgres<typeof schema>>>, Context>({
    name: 'user',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openPostgres({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, schema, migrationsFolder, logger }),
    seed: (store, logger) => seedDemoData(repositoryOf(store.db), logger),
    queryCount: (store) => store.queries.count,
    context: (store, { requestId, logger, viewer }) => {
      const repo = repositoryOf(store.db);
      const sender = options.phoneCodeSender ?? loggingPhoneCodeSender(logger);
      return {
        requestId,
        logger,
        loaders: createLoaders(repo),
        profiles: createProfileService({ repo, sender, logger, now: options.now }),
        fileBaseUrl: env.FILE_PUBLIC_URL,
        viewer,
      };
    },
  });
}
