import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the chat subgraph reads its environment. */
export const loadEnv = defineEnv('chat', {
  ...commonEnv,
  PORT: port(3005),
  DATA_DIR: z.string().default('.data/chat'),
  /** The chat service's own PostgreSQL database; used when MONGO_URL is unset. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /**
   * The chat service's MongoDB database (production); takes precedence over DATABASE_URL.
   * Checked by shape only: replica-set URLs list several hosts, which URL parsers refuse.
   */
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\/[^/?]+/, 'must be a mongodb:// or mongodb+srv:// connection string')
    .optional(),
  /**
   * Pub/sub between chat replicas (new messages, typing, conversation updates) and the typing
   * throttle; in-process when unset, which is right for one replica only.
   */
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Prefix of every key and channel this service uses on Redis (isolates services and test runs). */
  REDIS_PREFIX: z.string().default('chat:'),
});
export type Env = ReturnType<typeof loadEnv>;
