import { fileURLToPath } from 'node:url';
import { commonEnv, defineEnv, optionalUrl, port, tracingEnv, type EnvSource } from '@market/kit';
import { z } from 'zod';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));
const DEFAULT_PERSISTED_OPERATIONS = fileURLToPath(new URL('../persisted-operations.json', import.meta.url));

/** `name=url,name=url` → { name: url }; docker-compose and tests remap routing URLs with it. */
const subgraphUrls = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const urls: Record<string, string> = {};
    for (const entry of (value ?? '')
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean)) {
      const match = /^([A-Za-z][\w-]*)=(https?:\/\/\S+)$/.exec(entry);
      if (!match?.[1] || !match[2] || !URL.canParse(match[2])) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not name=http(s)://host:port/graphql` });
        continue;
      }
      urls[match[1]] = match[2];
    }
    return urls;
  });

/** The web apps as `npm start` serves them (web-client on 3008, web-admin on 3009), by either loopback name. */
export const DEFAULT_CORS_ORIGINS = ['http://localhost:3008', 'http://127.0.0.1:3008', 'http://localhost:3009', 'http://127.0.0.1:3009'];

const optionalFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .optional()
  .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes'));

const limit = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

const parseEnv = defineEnv(
  'gateway',
  {
    ...tracingEnv,
    NODE_ENV: commonEnv.NODE_ENV,
    HOST: commonEnv.HOST,
    LOG_LEVEL: commonEnv.LOG_LEVEL,
    PORT: port(3000),
    /** The composed supergraph; watched, so `npm run compose` is picked up without a restart. */
    SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH),
    /** Longest wait for one subgraph fetch before the gateway answers without it. */
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(1500),
    /** Extra attempts for a query whose subgraph connection failed (refused or reset); mutations are never retried. */
    SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(1),
    /** Identical query fetches in flight at once for the same caller scope share one subgraph request. */
    SUBGRAPH_DEDUPE: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    /** Consecutive failed fetches (unreachable or timed out) that open a subgraph's circuit (0: no breaker). */
    SUBGRAPH_BREAKER_THRESHOLD: z.coerce.number().int().min(0).default(5),
    /** How long an open circuit fails fast before a trial fetch is let through. */
    SUBGRAPH_BREAKER_RESET_MS: z.coerce.number().int().min(100).default(5_000),
    /** Shared cache (APQ) across replicas; unset means in-process. */
    REDIS_URL: optionalUrl(['redis', 'rediss']),
    /** GraphiQL on GET /graphql for browsers; defaults to on outside production. */
    PLAYGROUND: optionalFlag,
    SUBGRAPH_URLS: subgraphUrls,
    /** Browser origins allowed to call the gateway (comma-separated): the two web apps unless told otherwise. */
    CORS_ORIGINS: z
      .string()
      .default(DEFAULT_CORS_ORIGINS.join(','))
      .transform((value, ctx) => {
        const origins = value
          .split(',')
          .map((o) => o.trim())
          .filter(Boolean);
        for (const origin of origins) {
          // An origin is scheme://host[:port], exactly as browsers send it; `*` would defeat credentials rules.
          if (!URL.canParse(origin) || new URL(origin).origin !== origin) {
            ctx.addIssue({ code: 'custom', message: `"${origin}" is not an origin like http://localhost:3008` });
          }
        }
        return origins;
      }),
    /** Key prefix in Redis (APQ, rate limits), so several deployments or tests can share one server. */
    REDIS_PREFIX: z.string().default('gateway:'),
    /** Behind one reverse proxy: the client IP is the last X-Forwarded-For entry, not the socket's peer. */
    TRUST_PROXY: optionalFlag,
    /** Largest accepted request body (413 beyond). */
    MAX_BODY_BYTES: limit(1_000_000),
    // Operation limits: the apps' and the playground's operations stay well inside them (see README).
    MAX_DEPTH: limit(12),
    MAX_ALIASES: limit(15),
    MAX_ROOT_FIELDS: limit(15),
    MAX_TOKENS: limit(5_000),
    MAX_DIRECTIVES: limit(50),
    MAX_COST: limit(20_000),
    /** Schema introspection; defaults to on outside production (and wherever the playground is on). */
    INTROSPECTION: optionalFlag,
    /** `Did you mean "…"?` in validation errors; defaults to off in production (it reveals the schema). */
    FIELD_SUGGESTIONS: optionalFlag,
    /** Rate limits: budgets per principal (the client IP, until identity-based budgets) per window. */
    RATE_LIMIT_WINDOW_S: limit(60),
    /** Requests of any kind per window. */
    RATE_LIMIT_REQUESTS: limit(1_200),
    /** Summed operation cost (the MAX_COST estimate) per window. */
    RATE_LIMIT_COST: limit(500_000),
    /** Mutations per window (stricter: they write). */
    RATE_LIMIT_MUTATIONS: limit(120),
    /**
     * Budget multipliers per caller tier, `tier=factor,…` over anonymous (per IP), customer, agency (staff and
     * owners), admin and service (client-credentials tokens); unlisted tiers keep 1.
     */
    RATE_LIMIT_TIERS: z
      .string()
      .default('anonymous=1,customer=1,agency=2,admin=4,service=4')
      .transform((text, ctx) => {
        const tiers: Record<string, number> = {};
        for (const part of text
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const [name, factor] = part.split('=').map((p) => p.trim());
          const value = Number(factor);
          if (!name || !['anonymous', 'customer', 'agency', 'admin', 'service'].includes(name) || !(value > 0)) {
            ctx.addIssue({ code: 'custom', message: `"${part}" is not tier=factor (tiers: anonymous, customer, agency, admin, service)` });
            return z.NEVER;
          }
          tiers[name] = value;
        }
        return tiers;
      }),
    /** Management mutations (those needing an admin:* or agency:* scope) per window, whatever the tier. */
    RATE_LIMIT_MANAGEMENT: limit(30),
    /** Sign-in-sensitive mutations (password, MFA) per RATE_LIMIT_SENSITIVE_WINDOW_S. */
    RATE_LIMIT_SENSITIVE: limit(5),
    RATE_LIMIT_SENSITIVE_WINDOW_S: limit(300),
    /** Root mutation fields that count as sign-in-sensitive. */
    SENSITIVE_MUTATIONS: z
      .string()
      .default('changePassword,disableTotp,confirmTotpEnrollment,regenerateRecoveryCodes,startTotpEnrollment,unlinkIdentity')
      .transform((text) =>
        text
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
      ),
    /**
     * Progressive limits: each refusal of the management or sensitive budget within a day blocks those operations
     * for this many seconds, doubled per earlier refusal (capped at a day).
     */
    RATE_LIMIT_PENALTY_S: limit(60),
    /** The apps' operations (Apollo persisted query manifest): served by hash, and the safelist when SAFELIST is on. */
    PERSISTED_OPERATIONS_PATH: z.string().default(DEFAULT_PERSISTED_OPERATIONS),
    /** Refuse every operation that is not in PERSISTED_OPERATIONS_PATH (production with only the two apps as clients). */
    SAFELIST: optionalFlag,
    /**
     * Benchmarks only: `false` runs Apollo's gateway without the edge policies (authorization, operation and rate
     * limits, safelist, signed identity). Refused in production.
     */
    EDGE_POLICIES: optionalFlag,
    /** SSO's issuer: access tokens must carry it as `iss`. */
    OIDC_ISSUER: z
      .string()
      .url()
      .default('http://localhost:3001')
      .transform((v) => v.replace(/\/+$/, '')),
    /** SSO's JWKS; defaults to `<OIDC_ISSUER>/jwks` (the provider's jwks_uri). */
    OIDC_JWKS_URL: z.string().url().optional(),
    /** The audience access tokens must be issued for (SSO's API_AUDIENCE). */
    API_AUDIENCE: z.string().url().default('http://localhost:3000/graphql'),
    /**
     * The gateway's private ES256 key for the identity it forwards to subgraphs: a private EC P-256 JWK (JSON)
     * or a PKCS#8 PEM (newlines may be written as \\n). Required in production, where every replica must sign with
     * the same key; elsewhere generated at start when unset.
     */
    GATEWAY_SIGNING_KEY: z.string().optional(),
    // --- subscriptions (src/subscriptions) ---
    /** How long a subgraph may stay unreachable before its subscriptions end with SUBGRAPH_UNAVAILABLE. */
    SUBSCRIPTION_UPSTREAM_GIVE_UP_MS: z.coerce.number().int().min(100).default(30_000),
    /** Identical subscriptions share one upstream subscription; `false` exists for the benchmark's baseline. */
    SUBSCRIPTION_DEDUPE: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .default('true')
      .transform((v) => v === 'true' || v === '1' || v === 'yes'),
    /** How long an event's entity fetch waits for those of other events, to share one _entities fetch (0: one macrotask). */
    SUBSCRIPTION_BATCH_WINDOW_MS: z.coerce.number().int().min(0).max(50).default(2),
    /**
     * How often the gateway pings each subscriber's socket (a WebSocket ping; a socket that has not answered the
     * previous one is closed). Keep it under the idle timeout of any proxy in front (often 60 s).
     */
    SUBSCRIPTION_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(300_000).default(30_000),
    // --- end subscriptions ---
  },
  [
    (env) =>
      env.NODE_ENV === 'production' && !env.GATEWAY_SIGNING_KEY
        ? [
            'GATEWAY_SIGNING_KEY: required in production (replicas must share one key; e.g. `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`)',
          ]
        : [],
    (env) =>
      env.NODE_ENV === 'production' && env.EDGE_POLICIES === false
        ? ['EDGE_POLICIES: cannot be turned off in production (it exists for benchmarks)']
        : [],
  ],
);

export function loadEnv(source: EnvSource = process.env) {
  const env = parseEnv(source);
  const production = env.NODE_ENV === 'production';
  const playground = env.PLAYGROUND ?? !production;
  return {
    ...env,
    PLAYGROUND: playground,
    // The playground is useless without introspection, so turning it on in production turns that on too.
    INTROSPECTION: env.INTROSPECTION ?? playground,
    FIELD_SUGGESTIONS: env.FIELD_SUGGESTIONS ?? !production,
    TRUST_PROXY: env.TRUST_PROXY ?? false,
    SAFELIST: env.SAFELIST ?? false,
    EDGE_POLICIES: env.EDGE_POLICIES ?? true,
    OIDC_JWKS_URL: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER}/jwks`,
  };
}
export type Env = ReturnType<typeof loadEnv>;
