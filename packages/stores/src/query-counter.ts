import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type { Logger } from 'pino';

/**
 * Counts the SQL statements a store runs. The batching tests read it to prove
 * that a list of N entities costs a constant number of queries.
 */
export class QueryCounter implements DrizzleLogger {
  count = 0;
  constructor(private readonly logger?: Logger) {}
  logQuery(query: string, params: unknown[]): void {
    this.count += 1;
    if (this.logger?.isLevelEnabled('trace')) this.logger.trace({ query, params: params.length }, 'sql');
  }
  reset(): void {
    this.count = 0;
  }
}
