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

/** The only place the subscriptions benchmark (`npm run bench:subscriptions`) reads its environment. */
export const loadSubscriptionBenchEnv = defineEnv('bench', {
  /** `platform`: the real chat and user subgraphs, messages sent by mutation; `stubs`: stand-ins publishing directly. */
  BENCH_SUB_TARGET: z.enum(['platform', 'stubs']).default('platform'),
  BENCH_SUB_CLIENTS: z.coerce.number().int().min(1).default(10_000),
  BENCH_SUB_CONVERSATIONS: z.coerce.number().int().min(1).default(100),
  /** Distinct users subscribed per conversation (their clients share one upstream subscription each). */
  BENCH_SUB_USERS_PER_CONVERSATION: z.coerce.number().int().min(1).default(2),
  /** Messages per second across all conversations. */
  BENCH_SUB_RATE: z.coerce.number().min(1).default(100),
  BENCH_SUB_DURATION_S: z.coerce.number().int().min(1).default(20),
  /**
   * Seconds of sending at the same rate before the measured ones (0: none): a gateway process started for the run
   * has not compiled its hot paths yet. Their deliveries are reported apart, not in the results.
   */
  BENCH_SUB_WARMUP_S: z.coerce.number().int().min(0).default(5),
  BENCH_SUB_WORKERS: z.coerce.number().int().min(1).default(4),
  /** A folder: the gateway writes a V8 CPU profile of each run there, the subgraph host one in its `subgraphs` folder. */
  BENCH_SUB_CPU_PROF: z.string().optional(),
  /** `false` skips the baseline run without deduplication. */
  BENCH_SUB_BASELINE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Set: the platform target's subgraphs run on PostgreSQL instead of PGlite (as startPlatform follows it). */
  DATABASE_URL: z.string().optional(),
  /** Set: the platform target's chat pub/sub (and the gateway's rate limits) go through Redis. */
  REDIS_URL: z.string().optional(),
});
