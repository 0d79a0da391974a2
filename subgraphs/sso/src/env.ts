import { booleanFlag, commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the SSO subgraph reads its environment. */
export const loadEnv = defineEnv(
  'sso',
  {
    ...commonEnv,
    PORT: port(3001),
    DATA_DIR: z.string().default('.data/sso'),
    /** SSO's own MySQL/MariaDB database (production); when set it wins over DATABASE_URL. */
    MYSQL_URL: optionalUrl(['mysql']),
    /** A PostgreSQL database instead, when MYSQL_URL is unset; both unset means embedded PGlite under DATA_DIR. */
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    /** Short-lived OIDC state (sessions, interactions, codes); in-process when unset. */
    REDIS_URL: optionalUrl(['redis', 'rediss']),
    /** Prefix of every key this service writes to Redis (isolates services and test runs sharing one server). */
    REDIS_PREFIX: z.string().default('sso:'),
    /** The OpenID Connect issuer: the public URL of this service, without a trailing slash. */
    ISSUER: z
      .string()
      .url()
      .default('http://localhost:3001')
      .transform((v) => v.replace(/\/+$/, '')),
    /** The audience of the access tokens the apps receive: the gateway's GraphQL endpoint. */
    API_AUDIENCE: z.string().url().default('http://localhost:3000/graphql'),
    /** Trust X-Forwarded-* from a reverse proxy in front of this service (TLS termination). */
    TRUST_PROXY: booleanFlag(false),
    /**
     * AES-256-GCM key encrypting TOTP secrets at rest (32 bytes, base64 or hex; e.g. `openssl rand -base64 32`).
     * Required in production; elsewhere a fixed development key is used when unset.
     */
    MFA_ENCRYPTION_KEY: z.string().optional(),
    /** Failed sign-ins of one account within the window before it is locked for the window. */
    LOCKOUT_ACCOUNT_MAX: z.coerce.number().int().min(1).default(10),
    /** Failed sign-ins from one IP address within the window before it is locked for the window. */
    LOCKOUT_IP_MAX: z.coerce.number().int().min(1).default(50),
    /** The counting window and lock duration, in seconds. */
    LOCKOUT_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
    /** Failures of an account answered at once; each further one is delayed, doubling from LOCKOUT_DELAY_MS (0: no delays). */
    LOCKOUT_DELAY_AFTER: z.coerce.number().int().min(0).default(3),
    LOCKOUT_DELAY_MS: z.coerce.number().int().min(0).default(250),
  },
  [
    (env) =>
      env.NODE_ENV === 'production' && !env.MFA_ENCRYPTION_KEY
        ? ['MFA_ENCRYPTION_KEY: required in production (32 random bytes, base64; e.g. `openssl rand -base64 32`)']
        : [],
  ],
);
export type Env = ReturnType<typeof loadEnv>;
