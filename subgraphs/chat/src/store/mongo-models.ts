import { Schema, type Connection } from 'mongoose';
import { CONVERSATION_KINDS, type ConversationKind } from '../domain/conversation';

// String UUID `_id`s, so a conversation or message has the same id on MongoDB as on PostgreSQL
// (and in the demo data other services share).

export interface ConversationDoc {
  _id: string;
  kind: ConversationKind;
  /** Left out (not null) when there is no order: the unique sparse index skips missing fields only. */
  orderId?: string;
  agencyId: string | null;
  title: string | null;
  /** Embedded, in joining order: always read with the conversation, never on their own. */
  participantIds: string[];
  createdAt: Date;
  lastMessageAt: Date | null;
  lastActivityAt: Date;
}

export interface MessageDoc {
  _id: string;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
}

const conversationSchema = new Schema<ConversationDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: CONVERSATION_KINDS, required: true },
    orderId: { type: String },
    agencyId: { type: String, default: null },
    title: { type: String, default: null },
    participantIds: { type: [String], required: true },
    createdAt: { type: Date, required: true },
    lastMessageAt: { type: Date, default: null },
    lastActivityAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'conversations' },
);
conversationSchema.index({ lastActivityAt: -1, _id: -1 }, { name: 'conversations_activity_idx' });
conversationSchema.index({ kind: 1, lastActivityAt: -1, _id: -1 }, { name: 'conversations_kind_activity_idx' });
conversationSchema.index({ orderId: 1 }, { name: 'conversations_order_id_key', unique: true, sparse: true });
conversationSchema.index({ participantIds: 1, lastActivityAt: -1 }, { name: 'conversations_participant_idx' });

const messageSchema = new Schema<MessageDoc>(
  {
    _id: { type: String, required: true },
    conversationId: { type: String, required: true },
    senderId: { type: String, required: true },
    body: { type: String, required: true },
    createdAt: { type: Date, required: true },
    editedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'messages' },
);
messageSchema.index({ conversationId: 1, createdAt: -1, _id: -1 }, { name: 'messages_conversation_created_idx' });

/** The chat models, registered on the service's own connection (never the global mongoose one). */
export function chatModels(connection: Connection) {
  return {
    Conversation: connection.model<ConversationDoc>('Conversation', conversationSchema),
    Message: connection.model<MessageDoc>('Message', messageSchema),
  };
}
