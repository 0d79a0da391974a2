import { fileURLToPath } from 'node:url';
import { startServiceEvents, type ServiceEvents } from '@market/events';
import { startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openPostgres } from '@market/stores';
import type { Env } from './env';
import type { AgencySettings, Context } from './context';
import { eventHandlers } from './store/event-handlers';
import { resolvers } from './resolvers';
import { createLoaders } from './store/loaders';
import { createAgencyRepository } from './store/repository';
import { schema } from './store/schema';
import { seedDemoData } from './store/seed';

export { eventHandlers };
export const typeDefs = subgraphTypeDefs(import.meta.url);
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

export type AgencyService = StoredSubgraph<ServiceEvents>;
export type AgencyStore = Awaited<ReturnType<typeof openPostgres<typeof schema>>>;

/** The per-request context every way of calling the subgraph shares (HTTP, tests, the benchmark). */
export function createContext(
  store: Pick<AgencyStore, 'db'>,
  settings: AgencySettings,
  info: Pick<Context, 'requestId' | 'logger' | 'viewer'>,
): Context {
  const repo = createAgencyRepository(store.db);
  return { ...info, repo, loaders: createLoaders(repo, info.viewer), settings };
}

export const settingsOf = (env: Env): AgencySettings => ({
  webAdminUrl: env.WEB_ADMIN_URL,
  logInvitationLinks: !env.DATABASE_URL,
  now: () => new Date(),
});

/** Opens the store (migrated, seeded on first boot), relays its events, consumes the order and chat events, and serves the subgraph. */
export function startService(env: Env, options: { logger?: Logger } = {}): Promise<AgencyService> {
  const settings = settingsOf(env);
  return startStoredSubgraph<AgencyStore, Context, ServiceEvents>({
    name: 'agency',
    env,
    logger: options.logger,
    typeDefs,
    resolvers,
    openStore: (logger) => openPostgres({ url: env.DATABASE_URL, dataDir: env.DATA_DIR, schema, migrationsFolder, logger }),
    seed: (store, logger) => seedDemoData(createAgencyRepository(store.db), logger),
    queryCount: (store) => store.queries.count,
    background: (store, logger) =>
      startServiceEvents({ name: 'agency', db: store.db, url: env.REDIS_URL, prefix: env.EVENTS_PREFIX, handlers: eventHandlers, logger }),
    context: (store, { requestId, logger, viewer }) => createContext(store, settings, { requestId, logger, viewer }),
  });
}
