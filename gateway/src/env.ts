import { fileURLToPath } from 'node:url';
import { commonEnv, defineEnv, optionalUrl, port, type EnvSource } from '@market/kit';
import { z } from 'zod';

const DEFAULT_SUPERGRAPH = fileURLToPath(new URL('../../supergraph.graphql', import.meta.url));

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

const parseEnv = defineEnv('gateway', {
  NODE_ENV: commonEnv.NODE_ENV,
  HOST: commonEnv.HOST,
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  PORT: port(3000),
  /** The composed supergraph; watched, so `npm run compose` is picked up without a restart. */
  SUPERGRAPH_PATH: z.string().default(DEFAULT_SUPERGRAPH),
  /** Longest wait for one subgraph fetch before the gateway answers without it. */
  SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(10).max(60_000).default(1500),
  /** Shared cache (APQ) across replicas; unset means in-process. */
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** GraphiQL on GET /graphql for browsers; defaults to on outside production. */
  PLAYGROUND: z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
  SUBGRAPH_URLS: subgraphUrls,
  /** Browser origins allowed to call the gateway (comma-separated); unset allows loopback origins outside production. */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
});

export function loadEnv(source: EnvSource = process.env) {
  const env = parseEnv(source);
  return { ...env, PLAYGROUND: env.PLAYGROUND ?? env.NODE_ENV !== 'production' };
}
export type Env = ReturnType<typeof loadEnv>;
