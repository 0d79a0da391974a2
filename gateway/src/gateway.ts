import type { ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerOptions } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import {
  createLogger,
  executeApolloHttp,
  GATEWAY_IDENTITY_TTL_S,
  GATEWAY_JWKS_PATH,
  identitySigner,
  type IdentityClaims,
  loadGatewaySigningKey,
  sendJson,
  operationMetricsPlugin,
  startHttpService,
  type Logger,
  type ReadinessCheck,
  type RunningService,
} from '@market/kit';
import { openKeyValue, type KeyValueStore } from '@market/stores';
import { Agent } from 'undici';
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { authorizingExecutor, builtInPolicy, NO_RULES } from './authorization';
import { accessTokenVerifier, InvalidTokenError, KeysUnavailableError, type Identity } from './auth';
import { corsPolicy } from './cors';
import type { Env } from './env';
import { gatewayErrorFormatter } from './errors';
import { gatewayMetrics } from './metrics';
import { operationCostEstimator, operationLimits } from './operation-limits';
import { loadPersistedOperations, persistedQueryCache, safelistPlugin } from './persisted-operations';
import { PLAYGROUND_DIST, servePlaygroundAsset, servePlaygroundPage, wantsPlayground } from './playground';
import {
  createRateLimits,
  identityPrincipal,
  principalOf,
  rateLimitedError,
  tierOf,
  type RateLimitRefusal,
  type RateLimits,
} from './rate-limits';
import { SubgraphDataSource, type GatewayContext } from './subgraph-fetch';
import { createGatewaySubscriptions, type GatewaySubscriptions } from './subscriptions';
import { subgraphHealth } from './subgraph-health';
import { supergraphFile, type LoadedSupergraph } from './supergraph-file';

export { loadEnv, type Env } from './env';
export type { Identity } from './auth';
export { SUBGRAPH_UNAVAILABLE, type GatewayContext } from './subgraph-fetch';
export { inspectSupergraph, type LoadedSupergraph } from './supergraph-file';

export interface StartGatewayOptions {
  logger?: Logger;
  /** Routing URL overrides by subgraph name (merged over SUBGRAPH_URLS). */
  subgraphUrls?: Record<string, string>;
  /** Built playground (tests may point elsewhere). */
  playgroundDir?: string;
  /** Test hooks of the subscriptions (e.g. observing batched entity fetches). */
  subscriptions?: { onBatch?: (subgraph: string, joined: number) => void };
}

export interface RunningGateway extends RunningService {
  /** Re-reads SUPERGRAPH_PATH now; rejects when the file is not a valid supergraph (the old one stays). */
  reload(): Promise<void>;
  /** The supergraph being served. */
  supergraph(): LoadedSupergraph | undefined;
  /** graphql-ws subscriptions on /graphql. */
  subscriptions: GatewaySubscriptions;
}

const HEALTH_TIMEOUT_MS = 1_000;
const HEALTH_INTERVAL_MS = 5_000;

type ApolloCache = Exclude<ApolloServerOptions<GatewayContext>['cache'], 'bounded' | undefined>;

/** Apollo's KeyValueCache (automatic persisted queries) over the platform's Redis store, shared by replicas. */
function keyValueCache(kv: KeyValueStore): ApolloCache {
  return {
    get: async (key) => (await kv.get(key)) ?? undefined,
    set: (key, value, options) => kv.set(key, value, options?.ttl ? Math.ceil(options.ttl) : undefined),
    delete: (key) => kv.del(key),
  };
}

/**
 * Identity tokens reused for the same caller (same claims) for half their lifetime: signing ES256 per request was a
 * measurable share of the gateway's CPU. The request id travels in `x-request-id`, not in these tokens. Bounded:
 * the cache is emptied when it holds 10,000 callers.
 */
function cachedIdentityTokens(sign: ReturnType<typeof identitySigner>) {
  const cache = new Map<string, { token: Promise<string>; until: number }>();
  return {
    tokenFor(claims: Omit<IdentityClaims, 'requestId'>): Promise<string> {
      const key = JSON.stringify([claims.sub, claims.clientId, claims.sessionId, claims.roles, claims.scopes, claims.ip, claims.userAgent]);
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.until > now) return hit.token;
      if (cache.size >= 10_000) cache.clear();
      const token = sign(claims);
      cache.set(key, { token, until: now + (GATEWAY_IDENTITY_TTL_S * 1000) / 2 });
      token.catch(() => cache.delete(key));
      return token;
    },
  };
}

/** HTTP 429 with `Retry-After` and a GraphQL `RATE_LIMITED` error. */
function sendRateLimited(res: ServerResponse, refusal: RateLimitRefusal): void {
  const { message, extensions } = rateLimitedError(refusal);
  const { code, budget, retryAfter } = extensions;
  sendJson(res, 429, { errors: [{ message, extensions: { code, budget, retryAfter } }] }, { 'retry-after': String(refusal.retryAfterS) });
}

/**
 * The Apollo Gateway on one port: /graphql (queries and mutations planned over
 * the supergraph's subgraphs, GraphiQL for browsers), /health, /ready (the
 * supergraph is loaded and every subgraph answers), /metrics.
 */
export async function startGateway(env: Env, options: StartGatewayOptions = {}): Promise<RunningGateway> {
  const logger = options.logger ?? createLogger({ service: 'gateway', level: env.LOG_LEVEL });
  const metrics = gatewayMetrics();
  const { latency, up, supergraphLoads, rateLimited, authorizationRefusals, circuitOpen, deduplicated } = metrics;

  const fetchLogger = logger.child({ component: 'subgraph-fetch' });
  const overrides: Record<string, string> = { ...env.SUBGRAPH_URLS, ...options.subgraphUrls };
  const routingUrl = (name: string, url: string | undefined) => overrides[name] ?? url ?? '';
  // One keep-alive pool for every subgraph call: connection set-up is most of a small fetch.
  const agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  const health = subgraphHealth({
    agent,
    logger: logger.child({ component: 'subgraph-health' }),
    up,
    timeoutMs: HEALTH_TIMEOUT_MS,
    intervalMs: HEALTH_INTERVAL_MS,
  });

  // The key the identity forwarded to subgraphs is signed with; its public half is served on /.well-known/jwks.json.
  const signingKey = await loadGatewaySigningKey(env.GATEWAY_SIGNING_KEY);
  const identityTokens = cachedIdentityTokens(identitySigner(signingKey));
  const jwks = JSON.stringify({ keys: [signingKey.publicJwk] });
  const accessTokens = accessTokenVerifier({ issuer: env.OIDC_ISSUER, jwksUrl: env.OIDC_JWKS_URL, audience: env.API_AUDIENCE });

  let kv: KeyValueStore | undefined;
  let apollo: ApolloServer<GatewayContext> | undefined;
  let rateLimits: RateLimits | undefined;
  let subscriptions: GatewaySubscriptions | undefined;
  try {
    // Replicas share APQ through Redis; alone, Apollo's bounded in-process LRU is the better cache.
    kv = env.REDIS_URL ? await openKeyValue({ url: env.REDIS_URL, prefix: env.REDIS_PREFIX, logger }) : undefined;
    const kvStore = kv;
    const limits = operationLimits({
      maxDepth: env.MAX_DEPTH,
      maxAliases: env.MAX_ALIASES,
      maxRootFields: env.MAX_ROOT_FIELDS,
      maxTokens: env.MAX_TOKENS,
      maxDirectives: env.MAX_DIRECTIVES,
      maxCost: env.MAX_COST,
      fieldSuggestions: env.FIELD_SUGGESTIONS,
    });
    // The authorization rules of the supergraph being served (the rate limits read them too).
    const served: { file?: { current(): LoadedSupergraph | undefined } } = {};
    const currentRules = () => served.file?.current()?.authorization ?? NO_RULES;
    rateLimits = await createRateLimits({
      budgets: {
        windowS: env.RATE_LIMIT_WINDOW_S,
        requests: env.RATE_LIMIT_REQUESTS,
        cost: env.RATE_LIMIT_COST,
        mutations: env.RATE_LIMIT_MUTATIONS,
        tiers: env.RATE_LIMIT_TIERS,
        management: env.RATE_LIMIT_MANAGEMENT,
        sensitive: env.RATE_LIMIT_SENSITIVE,
        sensitiveWindowS: env.RATE_LIMIT_SENSITIVE_WINDOW_S,
        sensitiveMutations: env.SENSITIVE_MUTATIONS,
        penaltyS: env.RATE_LIMIT_PENALTY_S,
      },
      rules: () => currentRules(),
      redisUrl: env.REDIS_URL,
      keyPrefix: env.REDIS_PREFIX,
      logger: logger.child({ component: 'rate-limits' }),
      refusals: rateLimited,
      costOf: operationCostEstimator(),
    });
    const limiter = rateLimits;
    // startHttpService reads this array on every /ready, so it is updated in place when the supergraph changes.
    const checks: ReadinessCheck[] = [];
    const supergraph = supergraphFile({
      path: env.SUPERGRAPH_PATH,
      logger: logger.child({ component: 'supergraph' }),
      onRejected: () => supergraphLoads.inc({ outcome: 'rejected' }),
      onLoaded: (loaded) => {
        supergraphLoads.inc({ outcome: 'loaded' });
        health.setSubgraphs(loaded.subgraphs.map(({ name, url }) => ({ name, url: routingUrl(name, url) })));
        const storeChecks: ReadinessCheck[] = kvStore ? [{ name: 'redis', check: () => kvStore.ping() }] : [];
        checks.splice(0, checks.length, supergraphCheck, ...health.checks(), ...storeChecks);
        void health.pollNow();
      },
    });
    served.file = supergraph;
    const supergraphCheck: ReadinessCheck = {
      name: 'supergraph',
      check: async () => {
        const current = supergraph.current();
        if (!current) throw new Error('no supergraph loaded');
        return current.id;
      },
    };

    // The data sources Apollo's gateway builds, kept so subscription events fetch through the same ones.
    const dataSources = new Map<string, SubgraphDataSource>();
    const gateway = new ApolloGateway({
      supergraphSdl: supergraph.hook,
      logger: logger.child({ component: 'apollo-gateway' }),
      buildService: ({ name, url }) => {
        const dataSource = new SubgraphDataSource({
          name,
          url: routingUrl(name, url),
          timeoutMs: env.SUBGRAPH_TIMEOUT_MS,
          agent,
          latency,
          logger: fetchLogger,
          retries: env.SUBGRAPH_RETRIES,
          dedupe: env.SUBGRAPH_DEDUPE,
          deduplicated,
          breakerThreshold: env.SUBGRAPH_BREAKER_THRESHOLD,
          breakerResetMs: env.SUBGRAPH_BREAKER_RESET_MS,
          circuitOpen,
        });
        dataSources.set(name, dataSource);
        return dataSource;
      },
    });
    // Apollo's gateway enforces no authorization directives: its executor is wrapped so that fields the caller
    // may not see are removed before planning and answered with UNAUTHENTICATED/FORBIDDEN (authorization.ts).
    const authorizing: GatewayInterface = {
      load: async (loadOptions) => {
        const loaded = await gateway.load(loadOptions);
        return {
          ...loaded,
          executor:
            loaded.executor &&
            authorizingExecutor(loaded.executor, {
              rules: currentRules,
              identityOf: (context) => (context as unknown as GatewayContext).identity,
              evaluate: builtInPolicy,
              onRefused: (code) => authorizationRefusals.inc({ code }),
            }),
        };
      },
      onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
      stop: () => gateway.stop(),
    };
    const persisted = loadPersistedOperations(env.PERSISTED_OPERATIONS_PATH);
    // --- subscriptions: graphql-ws on /graphql (src/subscriptions) ---
    const formatError = gatewayErrorFormatter(logger, env.NODE_ENV === 'development');
    subscriptions = createGatewaySubscriptions({
      settings: {
        corsOrigins: env.CORS_ORIGINS,
        trustProxy: env.TRUST_PROXY,
        policies: env.EDGE_POLICIES,
        safelist: env.SAFELIST,
        maxTokens: env.MAX_TOKENS,
        fieldSuggestions: env.FIELD_SUGGESTIONS,
        dedupe: env.SUBSCRIPTION_DEDUPE,
        giveUpMs: env.SUBSCRIPTION_UPSTREAM_GIVE_UP_MS,
        batchWindowMs: env.SUBSCRIPTION_BATCH_WINDOW_MS,
        keepAliveMs: env.SUBSCRIPTION_KEEPALIVE_MS,
      },
      logger,
      metrics: { ...metrics.subscriptions, authorizationRefusals },
      accessTokens,
      limiter,
      validationRules: limits.validationRules,
      rules: currentRules,
      persisted,
      identityToken: (claims) => identityTokens.tokenFor(claims),
      dataSource: (name) => dataSources.get(name),
      subgraphUrl: (name) => {
        const url = supergraph.current()?.subgraphs.find((subgraph) => subgraph.name === name)?.url;
        return url === undefined && !overrides[name] ? undefined : routingUrl(name, url);
      },
      formatError,
      ...options.subscriptions,
    });
    const live = subscriptions;
    gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => live.setSupergraph(apiSchema, coreSupergraphSdl));
    // --- end subscriptions ---
    const sharedCache = kvStore ? keyValueCache(kvStore) : new InMemoryLRUCache<string>();
    // EDGE_POLICIES=false (benchmarks only; refused in production): Apollo's gateway with none of the edge policies.
    const policies = env.EDGE_POLICIES;
    apollo = new ApolloServer<GatewayContext>({
      gateway: policies ? authorizing : gateway,
      cache: sharedCache,
      // The apps' operations resolve by hash from the manifest; other clients re-register on a miss, so a day
      // bounds Redis without costing much.
      persistedQueries: { ttl: 86_400, cache: persistedQueryCache(persisted, sharedCache) },
      formatError,
      introspection: env.INTROSPECTION,
      includeStacktraceInErrorResponses: false,
      // One operation per request: a batch would multiply every limit below by its length.
      allowBatchedHttpRequests: false,
      validationRules: policies ? limits.validationRules : [],
      parseOptions: policies ? limits.parseOptions : {},
      // Shutdown is ours (stop() / runMain / the launcher), in order; Apollo must not stop itself on SIGINT.
      stopOnTerminationSignals: false,
      // Apollo's default landing page loads Sandbox from a CDN; ours is bundled (see playground/).
      plugins: [
        ApolloServerPluginLandingPageDisabled(),
        operationMetricsPlugin(metrics),
        ...(policies ? [...(env.SAFELIST ? [safelistPlugin(persisted)] : []), ...limits.plugins, limiter.plugin] : []),
      ],
      logger,
    });
    await apollo.start();
    const server = apollo;

    const cors = corsPolicy({ origins: env.CORS_ORIGINS });
    const playgroundDir = options.playgroundDir ?? PLAYGROUND_DIST;
    const service = await startHttpService({
      name: 'gateway',
      host: env.HOST,
      port: env.PORT,
      tracing: env,
      logger,
      metrics,
      checks,
      onStop: async () => {
        health.stop();
        await server.stop();
        await agent.close();
        await limiter.close();
        await kvStore?.close();
      },
      handle: async (req, res, info) => {
        const { pathname } = new URL(req.url ?? '/', 'http://localhost');
        if (env.PLAYGROUND && (await servePlaygroundAsset(req, res, pathname, playgroundDir))) return true;
        if (pathname === GATEWAY_JWKS_PATH && (req.method === 'GET' || req.method === 'HEAD')) {
          res.writeHead(200, { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' });
          res.end(req.method === 'HEAD' ? undefined : jwks);
          return true;
        }
        if (pathname !== '/graphql') return false;
        if (cors(req, res)) return true;
        if (env.PLAYGROUND && wantsPlayground(req)) {
          await servePlaygroundPage(req, res, playgroundDir);
          return true;
        }
        const ipPrincipal = principalOf(req, env.TRUST_PROXY);
        const authorization = req.headers.authorization?.trim() || undefined;
        let identity: Identity | undefined;
        try {
          identity = await accessTokens.verify(authorization);
        } catch (error) {
          if (error instanceof KeysUnavailableError) {
            info.logger.warn({ err: error.cause }, 'cannot fetch the SSO keys to verify an access token');
            sendJson(
              res,
              503,
              { errors: [{ message: error.message, extensions: { code: 'SERVICE_UNAVAILABLE' } }] },
              { 'retry-after': '5' },
            );
            return true;
          }
          if (!(error instanceof InvalidTokenError)) throw error;
          // Refused tokens count against the caller's IP, so guessing tokens is rate-limited too.
          const refusal = await limiter.checkRequest(ipPrincipal);
          if (refusal) {
            sendRateLimited(res, refusal);
            return true;
          }
          sendJson(
            res,
            401,
            { errors: [{ message: error.message, extensions: { code: error.code } }] },
            { 'www-authenticate': 'Bearer error="invalid_token"' },
          );
          return true;
        }
        const principal = identity ? identityPrincipal(identity) : ipPrincipal;
        const refusal = policies ? await limiter.checkRequest(principal, tierOf(identity)) : undefined;
        if (refusal) {
          sendRateLimited(res, refusal);
          return true;
        }
        const caller = identity;
        await executeApolloHttp(server, req, res, {
          bodyLimit: env.MAX_BODY_BYTES,
          context: async () => ({
            requestId: info.requestId,
            principal,
            dedupeScope: caller
              ? JSON.stringify([caller.sub ?? null, caller.clientId ?? null, caller.sessionId ?? null, caller.roles, caller.scopes])
              : 'anonymous',
            ...(caller ? { identity: caller } : {}),
            identityToken: !policies
              ? undefined
              : await identityTokens.tokenFor({
                  sub: caller?.sub,
                  roles: caller?.roles ?? [],
                  scopes: caller?.scopes ?? [],
                  clientId: caller?.clientId,
                  sessionId: caller?.sessionId,
                  // For the subgraphs' audit trails: the client as the gateway saw it.
                  ip: ipPrincipal.slice('ip:'.length),
                  userAgent: req.headers['user-agent'],
                }),
          }),
        });
        return true;
      },
    });
    live.attach(service.httpServer);
    // Open sockets would hold the HTTP server's close: subscriptions end first.
    const stop = async () => {
      await live.close();
      await service.stop();
    };
    return { ...service, stop, reload: () => supergraph.reload(), supergraph: () => supergraph.current(), subscriptions: live };
  } catch (error) {
    health.stop();
    await subscriptions?.close();
    await apollo?.stop().catch(() => undefined);
    await rateLimits?.close();
    await agent.close();
    await kv?.close();
    throw error;
  }
}
