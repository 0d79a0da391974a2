import { booleanFlag, commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the SSO subgraph reads its environment. */
export const loadEnv = defineEnv('sso', {
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
});
export type Env = ReturnType<typeof loadEnv>;
