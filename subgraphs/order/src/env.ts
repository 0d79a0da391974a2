import { commonEnv, defineEnv, optionalUrl, port, type EnvSource } from '@market/kit';
import { z } from 'zod';

const parse = defineEnv(
  'order',
  {
    ...commonEnv,
    PORT: port(3004),
    DATA_DIR: z.string().default('.data/order'),
    /** The order service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
    DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
    /** `markOrderPaidSandbox` works (payments arrive in their own issue); on by default outside production. */
    PAYMENTS_SANDBOX: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1' || v === 'yes')),
  },
  [
    (env) =>
      env.NODE_ENV === 'production' && env.PAYMENTS_SANDBOX
        ? ['PAYMENTS_SANDBOX: sandbox payments are never enabled when NODE_ENV=production']
        : [],
  ],
);

/** The only place the order subgraph reads its environment. */
export function loadEnv(source: EnvSource = process.env) {
  const env = parse(source);
  return { ...env, PAYMENTS_SANDBOX: env.PAYMENTS_SANDBOX ?? env.NODE_ENV !== 'production' };
}
export type Env = ReturnType<typeof loadEnv>;
