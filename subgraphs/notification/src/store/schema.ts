import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CHANNELS,
  type NotificationCategory,
  type NotificationChannel,
} from '../domain/notification-kinds';

// Millisecond precision, as in JavaScript: a keyset cursor carries the exact
// created_at of its row, so no row is skipped or repeated at a page boundary.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
const oneOf = (column: string, values: readonly string[]) => sql.raw(`"${column}" in (${values.map((v) => `'${v}'`).join(', ')})`);

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id').notNull(),
    channel: text('channel').$type<NotificationChannel>().notNull(),
    category: text('category').$type<NotificationCategory>().notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    readAt: instant('read_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    // Newest first (NULLS FIRST is what a plain ORDER BY … DESC means, so the index can serve it).
    index('notifications_recipient_created_at_idx').on(t.recipientId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The unread badge and `unreadOnly` read only the small unread part.
    index('notifications_recipient_unread_idx')
      .on(t.recipientId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.readAt} is null`),
    index('notifications_created_at_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('notifications_channel_known', oneOf('channel', NOTIFICATION_CHANNELS)),
    check('notifications_category_known', oneOf('category', NOTIFICATION_CATEGORIES)),
  ],
);

export const schema = { notifications };
export type NotificationSchema = typeof schema;
export type NotificationRow = typeof notifications.$inferSelect;
export type NewNotification = typeof notifications.$inferInsert;

/** A user as this subgraph knows it: only the key (the user subgraph owns the rest). */
export interface UserRef {
  __typename?: 'User';
  id: string;
}
