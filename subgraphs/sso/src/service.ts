import { createLogger, startStoredSubgraph, subgraphTypeDefs, type Logger, type StoredSubgraph } from '@market/kit';
import { startServiceEvents } from '@market/events';
import { openKeyValue } from '@market/stores';
import { socialSettings, type Env } from './env';
import type { AccountServices, Context } from './context';
import { ssoEventHandlers } from './events';
import { resolvers } from './resolvers';
import { MfaService, mfaKeyFrom } from './domain/mfa';
import { sessionControl } from './oidc/accounts';
import { BruteForceGuard } from './oidc/brute-force';
import { firstPartyClients } from './oidc/clients';
import { loadProviderKeys, type ProviderKeys } from './oidc/keys';
import { AccountLimits } from './oidc/limits';
import { openMailer, type Mailer } from './oidc/mailer';
import { OAuthClientRegistry } from './oidc/oauth-clients';
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
export async function startService(env: Env, options: { logger?: Logger; mailer?: Mailer } = {}): Promise<SsoService> {
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
  const mailer =
    options.mailer ?? openMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, production: env.NODE_ENV === 'production', logger });
  const limits = AccountLimits.open({
    redisUrl: env.REDIS_URL,
    prefix: env.REDIS_PREFIX,
    logger,
    limits: { registrationsPerIp: env.REGISTRATION_IP_MAX, resetRequestsPerIp: env.PASSWORD_RESET_IP_MAX },
  });
  let keys: ProviderKeys | undefined;
  let opened: UserStore | undefined;
  let cleanup: NodeJS.Timeout | undefined;
  // Set once the provider exists (routes), before the server takes requests.
  let accounts: AccountServices | undefined;
  const accountServices = () => {
    if (!accounts) throw new Error('the OpenID Connect provider is not ready');
    return accounts;
  };
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
      // Consumes other services' events (agency memberships → roles, audit records); SSO publishes none yet.
      background: (store, eventsLogger) =>
        startServiceEvents({
          name: 'sso',
          url: env.REDIS_URL,
          prefix: env.EVENTS_PREFIX,
          handlers: ssoEventHandlers(store, eventsLogger),
          logger: eventsLogger,
        }),
      queryCount: (store) => store.queries.count,
      context: (store, { requestId, logger, viewer }) => ({
        requestId,
        logger,
        store,
        loaders: createLoaders(store),
        viewer,
        accounts: accountServices(),
      }),
      routes: (store) => {
        if (!keys) throw new Error('provider keys were not loaded');
        const oidcLogger = logger.child({ component: 'oidc' });
        cleanup = setInterval(() => {
          const now = new Date();
          Promise.all([store.oidc.deleteExpired(now), store.deleteExpiredSessions(now), store.deleteExpiredAccountTokens(now)]).then(
            ([payloads, sessions, tokens]) =>
              (payloads || sessions || tokens) &&
              oidcLogger.info({ payloads, sessions, tokens }, 'deleted expired oidc payloads, sessions and tokens'),
            (error: unknown) => oidcLogger.warn({ err: error }, 'could not delete expired oidc payloads, sessions or tokens'),
          );
        }, CLEANUP_INTERVAL_MS);
        cleanup.unref();
        const mfa = new MfaService(store, mfaKey);
        const appUrls = { webClient: env.WEB_CLIENT_URL, webAdmin: env.WEB_ADMIN_URL };
        const oidc = createOidc({
          issuer: env.ISSUER,
          apiAudience: env.API_AUDIENCE,
          trustProxy: env.TRUST_PROXY,
          store,
          kv,
          keys,
          logger: oidcLogger,
          guard,
          mfa,
          appUrls,
          mailer,
          limits,
          social: socialSettings(env),
        });
        accounts = {
          sessions: sessionControl(oidc.provider, store),
          clients: new OAuthClientRegistry(oidc.provider, store.oidc, firstPartyClients(appUrls)),
          mfa,
          guard,
        };
        return oidc.handle;
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
        await limits.close();
        if (!options.mailer) await mailer.close?.();
        await kv.close();
      },
    };
  } catch (error) {
    clearInterval(cleanup);
    await guard.close();
    await limits.close();
    if (!options.mailer) await mailer.close?.();
    await kv.close();
    throw error;
  }
}
