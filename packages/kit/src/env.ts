import type { JWK } from 'jose';
import { z } from 'zod';
import { tracingEnv } from './tracing';

export type EnvSource = Record<string, string | undefined>;

/** Raised when configuration is invalid; lists every problem at once. */
export class EnvError extends Error {
  constructor(
    readonly service: string,
    readonly problems: string[],
  ) {
    super(`Invalid configuration for ${service}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

/**
 * Builds a typed environment parser. Each service's env.ts calls this once and is
 * the only place that reads process.env; the launcher passes per-service overrides.
 */
export function defineEnv<Shape extends z.ZodRawShape>(
  service: string,
  shape: Shape,
  /** Rules across variables (e.g. "required in production"): each returns problems, reported with the rest. */
  rules: ((env: z.infer<z.ZodObject<Shape>>) => string[])[] = [],
) {
  const schema = z.object(shape);
  return (source: EnvSource = process.env): z.infer<typeof schema> => {
    // Empty strings mean "unset", as in most .env tooling.
    const cleaned: EnvSource = {};
    for (const [key, value] of Object.entries(source)) cleaned[key] = value === '' ? undefined : value;
    const result = schema.safeParse(cleaned);
    if (!result.success) {
      throw new EnvError(
        service,
        result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
      );
    }
    const problems = rules.flatMap((rule) => rule(result.data));
    if (problems.length) throw new EnvError(service, problems);
    return result.data;
  };
}

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

export const booleanFlag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((v) => protocols.some((p) => v.startsWith(`${p}:`)), {
      message: `must be a ${protocols.join(' or ')} URL`,
    })
    .optional();

/** Variables every service understands. */
export const commonEnv = {
  ...tracingEnv,
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where embedded stores keep their files. */
  DATA_DIR: z.string().default('.data'),
  /** Seed demo data (and the demo sign-ins) on first boot; defaults to on outside production. */
  SEED_DEMO_DATA: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
  /** The gateway's JWKS (e.g. http://localhost:3000/.well-known/jwks.json): subgraphs accept only gateway-signed /graphql requests. */
  GATEWAY_JWKS_URL: z.string().url().optional(),
  /** The gateway's public key itself, a JWK or JWK set in JSON (the launcher hands it over); wins over GATEWAY_JWKS_URL. */
  GATEWAY_PUBLIC_JWK: z
    .string()
    .optional()
    .transform((value, ctx): JWK | { keys: JWK[] } | undefined => {
      if (!value) return undefined;
      try {
        const parsed = JSON.parse(value) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JWK or a JWK set in JSON' });
      return undefined;
    }),
  /** Domain events between services go through Redis Streams when REDIS_URL is set, in-process otherwise. */
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Prefix of the event stream's keys: platforms sharing one Redis keep their events apart. */
  EVENTS_PREFIX: z.string().default('market:'),
};

/**
 * Demo data carries well-known passwords: it is seeded by default in
 * development and test, never in production, where asking for it is an error.
 */
export function shouldSeedDemoData(service: string, env: { NODE_ENV: string; SEED_DEMO_DATA: boolean | undefined }): boolean {
  if (env.NODE_ENV === 'production') {
    if (env.SEED_DEMO_DATA) {
      throw new EnvError(service, ['SEED_DEMO_DATA: demo data (with its public demo passwords) is never seeded when NODE_ENV=production']);
    }
    return false;
  }
  return env.SEED_DEMO_DATA ?? true;
}
