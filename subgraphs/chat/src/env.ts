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
});
export type Env = ReturnType<typeof loadEnv>;
