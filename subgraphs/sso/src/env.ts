import { booleanFlag, commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';
import type { SocialSettings } from './oidc/social';

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
    /** Where the customer app is served (its redirect URIs are `<url>/callback` and `<url>/`). */
    WEB_CLIENT_URL: z
      .string()
      .url()
      .default('http://localhost:3008')
      .transform((v) => v.replace(/\/+$/, '')),
    /** Where the back office is served (its redirect URIs are `<url>/callback` and `<url>/`). */
    WEB_ADMIN_URL: z
      .string()
      .url()
      .default('http://localhost:3009')
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
    /** Registrations from one IP address per hour. */
    REGISTRATION_IP_MAX: z.coerce.number().int().min(1).default(10),
    /** Password-reset requests from one IP address per hour (and at most 3 reset mails per address per hour). */
    PASSWORD_RESET_IP_MAX: z.coerce.number().int().min(1).default(20),
    /** SMTP server of the account mails (`smtp://user:pass@host:587`, `smtps://…`); unset: mails are logged, not sent. */
    SMTP_URL: optionalUrl(['smtp', 'smtps']),
    /** Sender of the account mails. */
    MAIL_FROM: z.string().min(3).default('Marketplace <no-reply@marketplace.local>'),
    /** Social sign-in: each connector is enabled by its client id and secret (registered at the provider with
     * the redirect URI `<ISSUER>/social/callback/<google|github|facebook|linkedin|oidc>`). */
    SOCIAL_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    SOCIAL_GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    SOCIAL_GITHUB_CLIENT_ID: z.string().min(1).optional(),
    SOCIAL_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    SOCIAL_FACEBOOK_CLIENT_ID: z.string().min(1).optional(),
    SOCIAL_FACEBOOK_CLIENT_SECRET: z.string().min(1).optional(),
    SOCIAL_LINKEDIN_CLIENT_ID: z.string().min(1).optional(),
    SOCIAL_LINKEDIN_CLIENT_SECRET: z.string().min(1).optional(),
    /** A generic OpenID Connect provider (discovery at `<issuer>/.well-known/openid-configuration`). */
    SOCIAL_OIDC_ISSUER: z.string().url().optional(),
    SOCIAL_OIDC_CLIENT_ID: z.string().min(1).optional(),
    SOCIAL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Its button label ("Continue with …"). */
    SOCIAL_OIDC_NAME: z.string().min(1).max(40).default('SSO'),
  },
  [
    (env) =>
      env.NODE_ENV === 'production' && !env.MFA_ENCRYPTION_KEY
        ? ['MFA_ENCRYPTION_KEY: required in production (32 random bytes, base64; e.g. `openssl rand -base64 32`)']
        : [],
    (env) =>
      (['GOOGLE', 'GITHUB', 'FACEBOOK', 'LINKEDIN', 'OIDC'] as const).flatMap((name) => {
        const id = env[`SOCIAL_${name}_CLIENT_ID`];
        const secret = env[`SOCIAL_${name}_CLIENT_SECRET`];
        const problems =
          Boolean(id) === Boolean(secret) ? [] : [`SOCIAL_${name}_CLIENT_ID and SOCIAL_${name}_CLIENT_SECRET: set both or neither`];
        if (name === 'OIDC' && Boolean(id) !== Boolean(env.SOCIAL_OIDC_ISSUER)) {
          problems.push('SOCIAL_OIDC_ISSUER: required with SOCIAL_OIDC_CLIENT_ID (and only then)');
        }
        return problems;
      }),
  ],
);

/** The enabled social connectors' settings (see src/oidc/social.ts). */
export function socialSettings(env: Env): SocialSettings {
  const pair = (id: string | undefined, secret: string | undefined) => (id && secret ? { clientId: id, clientSecret: secret } : undefined);
  const oidc = pair(env.SOCIAL_OIDC_CLIENT_ID, env.SOCIAL_OIDC_CLIENT_SECRET);
  return {
    google: pair(env.SOCIAL_GOOGLE_CLIENT_ID, env.SOCIAL_GOOGLE_CLIENT_SECRET),
    github: pair(env.SOCIAL_GITHUB_CLIENT_ID, env.SOCIAL_GITHUB_CLIENT_SECRET),
    facebook: pair(env.SOCIAL_FACEBOOK_CLIENT_ID, env.SOCIAL_FACEBOOK_CLIENT_SECRET),
    linkedin: pair(env.SOCIAL_LINKEDIN_CLIENT_ID, env.SOCIAL_LINKEDIN_CLIENT_SECRET),
    oidc: oidc && env.SOCIAL_OIDC_ISSUER ? { ...oidc, issuer: env.SOCIAL_OIDC_ISSUER, name: env.SOCIAL_OIDC_NAME } : undefined,
  };
}
export type Env = ReturnType<typeof loadEnv>;
