import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the notification subgraph reads its environment. */
export const loadEnv = defineEnv('notification', {
  ...commonEnv,
  PORT: port(3006),
  DATA_DIR: z.string().default('.data/notification'),
  /** The notification service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
});
export type Env = ReturnType<typeof loadEnv>;
