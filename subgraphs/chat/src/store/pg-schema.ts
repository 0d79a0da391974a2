import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ConversationKind, ParticipantSide } from '../domain/conversation';
import { eventInbox, eventOutbox } from '../events';
import type { RevisionRecord, VoiceRecord } from './chat-store';

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
    disputed: boolean('disputed').notNull().default(false),
    createdAt: time('created_at').notNull(),
    lastMessageAt: time('last_message_at'),
    // Kept next to lastMessageAt (greatest of it and created_at) so lists page on one index.
    lastActivityAt: time('last_activity_at').notNull(),
  },
  (t) => [
    index('conversations_activity_idx').on(t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('conversations_kind_activity_idx').on(t.kind, t.lastActivityAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('conversations_agency_idx').on(t.agencyId, t.kind),
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
    side: text('side').$type<ParticipantSide>().notNull().default('CUSTOMER'),
    lastReadMessageId: uuid('last_read_message_id'),
    lastReadAt: time('last_read_at'),
    joinedAt: time('joined_at').notNull().defaultNow(),
    leftAt: time('left_at'),
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
    attachmentIds: uuid('attachment_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    voice: jsonb('voice').$type<VoiceRecord>(),
    clientMessageId: text('client_message_id'),
    createdAt: time('created_at').notNull(),
    editedAt: time('edited_at'),
    deletedAt: time('deleted_at'),
    revisions: jsonb('revisions').$type<{ body: string; replacedAt: string }[]>().notNull().default([]),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // A retried send (same sender, conversation and client id) finds the first message.
    uniqueIndex('messages_client_message_id_key')
      .on(t.conversationId, t.senderId, t.clientMessageId)
      .where(sql`${t.clientMessageId} is not null`),
  ],
);

/** Replica of the agency service's members (agency.member.added/removed). */
export const agencyMembers = pgTable(
  'agency_members',
  {
    agencyId: uuid('agency_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<'OWNER' | 'STAFF'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index('agency_members_user_idx').on(t.userId)],
);

export const schema = { conversations, conversationParticipants, messages, agencyMembers, eventOutbox, eventInbox };
export type ChatSchema = typeof schema;

export type { RevisionRecord };
// Exported here so drizzle-kit puts them into this service's migrations.
export { eventInbox, eventOutbox };
