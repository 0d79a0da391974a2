import { defineEnv } from '@market/kit';
import { z } from 'zod';

/** The only place the gateway benchmark reads its environment. */
export const loadBenchEnv = defineEnv('bench', {
  /** Seconds of load per target and operation (after 2 s of warm-up). */
  BENCH_DURATION_S: z.coerce.number().int().min(1).default(10),
  BENCH_CONNECTIONS: z.coerce.number().int().min(1).default(16),
  /** Which gateways to compare, comma-separated. */
  BENCH_TARGETS: z
    .string()
    .default('apollo,hive,ours-off,ours')
    .transform((v) =>
      v
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  /** A folder: each gateway writes a V8 CPU profile there. */
  BENCH_CPU_PROF: z.string().optional(),
  /** Hive Gateway logs at debug level (otherwise errors only). */
  BENCH_HIVE_LOG: z.string().optional(),
  /** Set: the subgraphs run on PostgreSQL (and MySQL for sso when MYSQL_URL is set) instead of PGlite. */
  DATABASE_URL: z.string().optional(),
});
