import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the user subgraph reads its environment. */
export const loadEnv = defineEnv('user', {
  ...commonEnv,
  PORT: port(3002),
  DATA_DIR: z.string().default('.data/user'),
  /** The user service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** Where clients download files (the file service's PUBLIC_URL): `avatarUrl` is `<FILE_PUBLIC_URL>/files/<id>`. */
  FILE_PUBLIC_URL: optionalUrl(['http', 'https'])
    .default('http://localhost:3007')
    .transform((url) => url.replace(/\/+$/, '')),
});
export type Env = ReturnType<typeof loadEnv>;
