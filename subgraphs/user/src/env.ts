import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the user subgraph reads its environment. */
export const loadEnv = defineEnv('user', {
  ...commonEnv,
  PORT: port(3002),
  DATA_DIR: z.string().default('.data/user'),
  /** The user service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
});
export type Env = ReturnType<typeof loadEnv>;
