import { Schema, type Connection } from 'mongoose';
import { CONVERSATION_KINDS, PARTICIPANT_SIDES, type ConversationKind, type ParticipantSide } from '../domain/conversation';

// String UUID `_id`s, so a conversation or message has the same id on MongoDB as on PostgreSQL
// (and in the demo data other services share).

export interface ParticipantDoc {
  userId: string;
  side: ParticipantSide;
  lastReadMessageId: string | null;
  lastReadAt: Date | null;
  /** createdAt of the last read message: unread counts compare (createdAt, _id) without a lookup. */
  lastReadMessageAt: Date | null;
  joinedAt: Date;
  leftAt: Date | null;
}

export interface ConversationDoc {
  _id: string;
  kind: ConversationKind;
  /** Left out (not null) when there is no order: the unique sparse index skips missing fields only. */
  orderId?: string;
  agencyId: string | null;
  title: string | null;
  disputed: boolean;
  /** Embedded, in joining order: always read with the conversation (a handful per conversation). */
  participants: ParticipantDoc[];
  createdAt: Date;
  lastMessageAt: Date | null;
  lastActivityAt: Date;
}

export interface MessageDoc {
  _id: string;
  conversationId: string;
  senderId: string;
  body: string;
  attachmentIds: string[];
  voice: { fileId: string; durationMs: number; waveform: number[] } | null;
  /** Left out (not null) without one: the unique partial index covers strings only. */
  clientMessageId?: string;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  revisions: { body: string; replacedAt: Date }[];
}

export interface AgencyMemberDoc {
  agencyId: string;
  userId: string;
  role: 'OWNER' | 'STAFF';
}

export interface OutboxDoc {
  _id: string;
  type: string;
  source: string;
  occurredAt: Date;
  data: unknown;
  publishedAt: Date | null;
}

const participantSchema = new Schema<ParticipantDoc>(
  {
    userId: { type: String, required: true },
    side: { type: String, enum: PARTICIPANT_SIDES, required: true },
    lastReadMessageId: { type: String, default: null },
    lastReadAt: { type: Date, default: null },
    lastReadMessageAt: { type: Date, default: null },
    joinedAt: { type: Date, required: true },
    leftAt: { type: Date, default: null },
  },
  { _id: false },
);

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: CONVERSATION_KINDS, required: true },
    orderId: { type: String },
    agencyId: { type: String, default: null },
    title: { type: String, default: null },
    disputed: { type: Boolean, default: false },
    participants: { type: [participantSchema], required: true },
    createdAt: { type: Date, required: true },
    lastMessageAt: { type: Date, default: null },
    lastActivityAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'conversations' },
);
conversationSchema.index({ lastActivityAt: -1, _id: -1 }, { name: 'conversations_activity_idx' });
conversationSchema.index({ kind: 1, lastActivityAt: -1, _id: -1 }, { name: 'conversations_kind_activity_idx' });
conversationSchema.index({ orderId: 1 }, { name: 'conversations_order_id_key', unique: true, sparse: true });
conversationSchema.index({ agencyId: 1, kind: 1 }, { name: 'conversations_agency_idx' });
// "My conversations, most recent first" (multikey on the embedded participants).
conversationSchema.index({ 'participants.userId': 1, lastActivityAt: -1, _id: -1 }, { name: 'conversations_participant_idx' });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    senderId: { type: String, required: true },
    body: { type: String, default: '' },
    attachmentIds: { type: [String], default: [] },
    voice: { type: new Schema({ fileId: String, durationMs: Number, waveform: [Number] }, { _id: false }), default: null },
    clientMessageId: { type: String },
    createdAt: { type: Date, required: true },
    editedAt: { type: Date, default: null },
    deletedAt: { type: Date, default: null },
    revisions: { type: [new Schema({ body: String, replacedAt: Date }, { _id: false })], default: [] },
  },
  { versionKey: false, collection: 'messages' },
);
messageSchema.index({ conversationId: 1, createdAt: -1, _id: -1 }, { name: 'messages_conversation_created_idx' });
messageSchema.index(
  { conversationId: 1, senderId: 1, clientMessageId: 1 },
  { name: 'messages_client_message_id_key', unique: true, partialFilterExpression: { clientMessageId: { $type: 'string' } } },
);

const agencyMemberSchema = new Schema<AgencyMemberDoc>(
  {
    agencyId: { type: String, required: true },
    userId: { type: String, required: true },
    role: { type: String, enum: ['OWNER', 'STAFF'], required: true },
  },
  { versionKey: false, collection: 'agency_members' },
);
agencyMemberSchema.index({ agencyId: 1, userId: 1 }, { name: 'agency_members_key', unique: true });
agencyMemberSchema.index({ userId: 1 }, { name: 'agency_members_user_idx' });

const outboxSchema = new Schema<OutboxDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    source: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    data: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'event_outbox', minimize: false },
);
// The relay reads what is not published yet, oldest first.
outboxSchema.index({ publishedAt: 1, occurredAt: 1 }, { name: 'event_outbox_pending_idx' });

/** The chat models, registered on the service's own connection (never the global mongoose one). */
export function chatModels(connection: Connection) {
  return {
    Conversation: connection.model<ConversationDoc>('Conversation', conversationSchema),
    Message: connection.model<MessageDoc>('Message', messageSchema),
    AgencyMember: connection.model<AgencyMemberDoc>('AgencyMember', agencyMemberSchema),
    Outbox: connection.model<OutboxDoc>('EventOutbox', outboxSchema),
  };
}
