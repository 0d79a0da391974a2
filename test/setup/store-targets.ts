import { testEnv } from '@market/testkit';

/**
 * Says up front which store adapters this run exercises against real servers and which it skips,
 * so a skipped suite (MongoDB, on machines without it) is stated plainly, not just counted.
 */
export default function announceStoreTargets(): void {
  const line = (name: string, variable: string, url: string | undefined, otherwise: string) =>
    `  ${name.padEnd(11)} ${url ? `real server (${variable})` : otherwise}`;
  const lines = [
    'Store adapters under test:',
    '  PGlite      embedded, always',
    '  in-process  key-value/pub-sub/streams, always',
    line('PostgreSQL', 'DATABASE_URL', testEnv.DATABASE_URL, 'skipped: DATABASE_URL is not set'),
    line('MySQL', 'MYSQL_URL', testEnv.MYSQL_URL, 'skipped: MYSQL_URL is not set'),
    line('Redis', 'REDIS_URL', testEnv.REDIS_URL, 'skipped: REDIS_URL is not set'),
    line('MongoDB', 'MONGO_URL', testEnv.MONGO_URL, 'SKIPPED: MONGO_URL is not set, so the mongoose adapter contract tests do not run'),
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
