import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import type { Logger } from 'pino';

/** Tables of the event machinery (@market/events), whose relay polls in the background. */
const BACKGROUND_TABLES = /"event_(outbox|inbox)"/;

/**
 * Counts the SQL statements a store runs. The batching tests read it to prove
 * that a list of N entities costs a constant number of queries. Statements on the
 * event outbox/inbox are not counted: the relay polls them whatever requests do.
 */
export class QueryCounter implements DrizzleLogger {
  count = 0;
  constructor(private readonly logger?: Logger) {}
  logQuery(query: string, params: unknown[]): void {
    if (BACKGROUND_TABLES.test(query)) return;
    this.count += 1;
    if (this.logger?.isLevelEnabled('trace')) this.logger.trace({ query, params: params.length }, 'sql');
  }
  reset(): void {
    this.count = 0;
  }
}
