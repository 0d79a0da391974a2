import { sql } from 'drizzle-orm';
import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The transactional outbox: a service writes its events here in the same transaction as the change they describe,
 * and the relay publishes them afterwards. Nothing is lost when the process dies between commit and publish; an event
 * may be published twice (the relay crashed after publishing, before marking), which consumers absorb with the inbox.
 */
export const eventOutbox = pgTable(
  'event_outbox',
  {
    /** Publication order (the relay reads rows by it). */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique(),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    index('event_outbox_unpublished_idx')
      .on(t.seq)
      .where(sql`published_at is null`),
  ],
);

/** The events a service has processed, by id: a handler's changes and its inbox row commit together, once. */
export const eventInbox = pgTable('event_inbox', {
  eventId: uuid('event_id').primaryKey(),
  type: text('type').notNull(),
  processedAt: timestamp('processed_at', { withTimezone: true }).notNull().defaultNow(),
});

export type OutboxRow = typeof eventOutbox.$inferSelect;
