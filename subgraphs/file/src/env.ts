import { commonEnv, defineEnv, optionalUrl, port } from '@market/kit';
import { z } from 'zod';

/** The only place the file subgraph reads its environment. */
export const loadEnv = defineEnv('file', {
  ...commonEnv,
  PORT: port(3007),
  /** Embedded database (`<DATA_DIR>/db`) and file contents on local disk (`<DATA_DIR>/blobs`). */
  DATA_DIR: z.string().default('.data/file'),
  /** The file service's own PostgreSQL database; unset means embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  /** Where clients reach this service: `File.url` is `<PUBLIC_URL>/files/<id>`. */
  PUBLIC_URL: optionalUrl(['http', 'https'])
    .default('http://localhost:3007')
    .transform((url) => url.replace(/\/+$/, '')),
});
export type Env = ReturnType<typeof loadEnv>;
