import { createLogger, startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { openKeyValue } from '@market/stores';
import type { Env } from './env';
import type { Context } from './context';
import { resolvers } from './resolvers';
import { MfaService, mfaKeyFrom } from './domain/mfa';
import { BruteForceGuard } from './oidc/brute-force';
import { loadProviderKeys, type ProviderKeys } from './oidc/keys';
import { createOidc } from './oidc/provider';
import { openUserStore, type UserStore } from './store';
import { createLoaders } from './store/loaders';
import { seedDemoData } from './store/seed';

export const typeDefs = subgraphTypeDefs(import.meta.url);

export interface SsoService extends StoredSubgraph {
  /** The service's own store (tests use it to arrange state the API cannot set yet). */
  store: UserStore;
  /** TOTP enrollment, verification and recovery codes over the store (the GraphQL mutations call these). */
  mfa: MfaService;
}

/** Expired rows of `oidc_payloads` are deleted this often (reads ignore them in between). */
const CLEANUP_INTERVAL_MS = 10 * 60 * 1000;

/**
 * Opens the user store (MySQL, PostgreSQL or PGlite; migrated, seeded on first boot) and the
 * key-value store (Redis or in-process), and serves the subgraph with the OpenID Connect
 * provider and its hosted pages mounted before /graphql.
 */
export async function startService(env: Env, options: { logger?: Logger } = {}): Promise<SsoService> {
  const logger = options.logger ?? createLogger({ service: 'sso', level: env.LOG_LEVEL });
  const mfaKey = mfaKeyFrom(env.MFA_ENCRYPTION_KEY, env.NODE_ENV);
  if (!env.MFA_ENCRYPTION_KEY) logger.warn('MFA_ENCRYPTION_KEY is unset: TOTP secrets are encrypted with the development key');
  const kv = await openKeyValue({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger });
  const guard = BruteForceGuard.open({
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    logger,
    limits: {
      accountMax: env.LOCKOUT_ACCOUNT_MAX,
      ipMax: env.LOCKOUT_IP_MAX,
      windowSeconds: env.LOCKOUT_WINDOW_SECONDS,
      delayAfter: env.LOCKOUT_DELAY_AFTER,
      delayMs: env.LOCKOUT_DELAY_MS,
    },
  });
  let keys: ProviderKeys | undefined;
  let opened: UserStore | undefined;
  let cleanup: NodeJS.Timeout | undefined;
  try {
    const service = await startStoredSubgraph<UserStore, Context>({
      name: 'sso',
      env,
      logger,
      typeDefs,
      resolvers,
      openStore: async (storeLogger) => {
        const store = await openUserStore(env, storeLogger);
        try {
          keys = await loadProviderKeys(store);
          opened = store;
        } catch (error) {
          await store.close();
          throw error;
        }
        return store;
      },
      seed: seedDemoData,
      queryCount: (store) => store.queries.count,
      context: (store, { requestId, logger, viewer }) => ({ requestId, logger, store, loaders: createLoaders(store), viewer }),
      routes: (store) => {
        if (!keys) throw new Error('provider keys were not loaded');
        const oidcLogger = logger.child({ component: 'oidc' });
        cleanup = setInterval(() => {
          store.oidc.deleteExpired(new Date()).then(
            (deleted) => deleted && oidcLogger.info({ deleted }, 'deleted expired oidc payloads'),
            (error: unknown) => oidcLogger.warn({ err: error }, 'could not delete expired oidc payloads'),
          );
        }, CLEANUP_INTERVAL_MS);
        cleanup.unref();
        return createOidc({
          issuer: env.ISSUER,
          apiAudience: env.API_AUDIENCE,
          trustProxy: env.TRUST_PROXY,
          store,
          kv,
          keys,
          logger: oidcLogger,
          guard,
          mfa: new MfaService(store, mfaKey),
        }).handle;
      },
    });
    if (!opened) throw new Error('the store was not opened');
    return {
      ...service,
      store: opened,
      mfa: new MfaService(opened, mfaKey),
      stop: async () => {
        clearInterval(cleanup);
        await service.stop();
        await guard.close();
        await kv.close();
      },
    };
  } catch (error) {
    clearInterval(cleanup);
    await guard.close();
    await kv.close();
    throw error;
  }
}
