import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the agency subgraph reads its environment. */
export const loadEnv = defineEnv('agency', {
  ...commonEnv,
  PORT: port(3003),
  DATA_DIR: z.string().default('.data/agency'),
  /** The agency service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
});
export type Env = ReturnType<typeof loadEnv>;
