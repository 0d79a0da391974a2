import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the order subgraph reads its environment. */
export const loadEnv = defineEnv('order', {
  ...commonEnv,
  PORT: port(3004),
  DATA_DIR: z.string().default('.data/order'),
  /** The order service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
});
export type Env = ReturnType<typeof loadEnv>;
