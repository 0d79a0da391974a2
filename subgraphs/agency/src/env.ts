import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the agency subgraph reads its environment. */
export const loadEnv = defineEnv('agency', {
  ...commonEnv,
  PORT: port(3003),
  DATA_DIR: z.string().default('.data/agency'),
  /** The agency service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** The event stream (Redis Streams); unset means the in-process stream shared by the services of this process. */
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Isolates platforms (and tests) sharing one stream. */
  EVENTS_PREFIX: z.string().optional(),
  /** The back office: invitation links are `<url>/invitations/<token>`. */
  WEB_ADMIN_URL: z
    .string()
    .url()
    .default('http://localhost:3009')
    .transform((v) => v.replace(/\/+$/, '')),
});
export type Env = ReturnType<typeof loadEnv>;
