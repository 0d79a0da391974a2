import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the SSO subgraph reads its environment. */
export const loadEnv = defineEnv('sso', {
  ...commonEnv,
  PORT: port(3001),
  DATA_DIR: z.string().default('.data/sso'),
  /** SSO's own MySQL/MariaDB database (production); when set it wins over DATABASE_URL. */
  MYSQL_URL: optionalUrl(['mysql']),
  /** A PostgreSQL database instead, when MYSQL_URL is unset; both unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
});
export type Env = ReturnType<typeof loadEnv>;
