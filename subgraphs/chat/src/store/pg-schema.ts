import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ConversationKind } from '../domain/conversation';

// Millisecond precision, as JavaScript dates and MongoDB have: a cursor built from a row's time
// then compares equal to that row, so keyset pages neither repeat nor skip messages.
const time = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
// Indexes say `desc().nullsFirst()` because that is what a plain `order by … desc` means in
// PostgreSQL; drizzle's default (DESC NULLS LAST) would not serve those queries.

export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').$type<ConversationKind>().notNull(),
    orderId: uuid('order_id'),
    agencyId: uuid('agency_id'),
    title: text('title'),
    createdAt: time('created_at').notNull(),
    lastMessageAt: time('last_message_at'),
    // Kept next to lastMessageAt (greatest of it and created_at) so lists page on one index.
    lastActivityAt: time('last_activity_at').notNull(),
  },
  (t) => [
    index('conversations_activity_idx').on(t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('conversations_kind_activity_idx').on(t.kind, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    uniqueIndex('conversations_order_id_key')
      .on(t.orderId)
      .where(sql`${t.orderId} is not null`),
  ],
);

export const conversationParticipants = pgTable(
  'conversation_participants',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    // Joining order: the customer first, then the agency's people.
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.userId] }), index('conversation_participants_user_idx').on(t.userId)],
);

export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    senderId: uuid('sender_id').notNull(),
    body: text('body').notNull(),
    createdAt: time('created_at').notNull(),
    editedAt: time('edited_at'),
  },
  (t) => [index('messages_conversation_created_idx').on(t.conversationId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())],
);

export const schema = { conversations, conversationParticipants, messages };
export type ChatSchema = typeof schema;
