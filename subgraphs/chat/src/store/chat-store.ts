import type { OutboxSource } from '@market/events';
import { randomUUID } from 'node:crypto';
import {
  conversationProblems,
  lastActivityAt,
  newestMessageTimes,
  uniqueParticipants,
  uuidv7,
  type ConversationKind,
  type ParticipantSide,
} from '../domain/conversation';
import type { PgDb } from '@market/stores';
import type { NewEvent } from '../events';
import type { ChatSchema } from './pg-schema';

export type { ConversationKind, ParticipantSide } from '../domain/conversation';

/** A conversation as every adapter returns it. */
export interface ConversationRecord {
  id: string;
  kind: ConversationKind;
  /** Set for ORDER conversations only; at most one conversation per order. */
  orderId: string | null;
  agencyId: string | null;
  title: string | null;
  /** ORDER conversations whose order is DISPUTED (from order.transitioned): admins may read them. */
  disputed: boolean;
  createdAt: Date;
  /** The newest message's time; null while the conversation has none. */
  lastMessageAt: Date | null;
  /** lastMessageAt, or createdAt while there is no message: the order of conversation lists. */
  lastActivityAt: Date;
}

export interface ParticipantRecord {
  conversationId: string;
  userId: string;
  side: ParticipantSide;
  lastReadMessageId: string | null;
  lastReadAt: Date | null;
  joinedAt: Date;
  /** Set when the participant left (an agency member removed); they no longer read or write. */
  leftAt: Date | null;
}

export interface VoiceRecord {
  fileId: string;
  durationMs: number;
  waveform: number[];
}

export interface RevisionRecord {
  body: string;
  replacedAt: Date;
}

export interface MessageRecord {
  /** UUIDv7: (createdAt, id) is a total order. */
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  attachmentIds: string[];
  voice: VoiceRecord | null;
  /** Unique per sender and conversation: a retried send returns the first message. */
  clientMessageId: string | null;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  /** Earlier bodies, oldest first. */
  revisions: RevisionRecord[];
}

export interface AgencyMemberRecord {
  agencyId: string;
  userId: string;
  role: 'OWNER' | 'STAFF';
}

/** A position in the conversation list: (lastActivityAt, id) of the last conversation seen. */
export interface ActivityCursor {
  at: Date;
  id: string;
}

/** A position in a message history: (createdAt, id) of the last (oldest) message seen. */
export interface MessageCursor {
  createdAt: Date;
  id: string;
}

export interface NewParticipant {
  userId: string;
  side: ParticipantSide;
}

export interface NewConversation {
  id?: string;
  kind: ConversationKind;
  orderId?: string | null;
  agencyId?: string | null;
  title?: string | null;
  disputed?: boolean;
  /** In joining order; repeats are dropped. */
  participants: readonly NewParticipant[];
  createdAt?: Date;
}

export interface NewMessage {
  id?: string;
  conversationId: string;
  senderId: string;
  /** Already validated and trimmed (domain `messageProblems`). */
  body: string;
  attachmentIds?: readonly string[];
  voice?: VoiceRecord | null;
  clientMessageId?: string | null;
  createdAt?: Date;
}

export interface ConversationPage {
  rows: ConversationRecord[];
  totalCount: number;
}

export interface ListConversationsOptions {
  /** Rows to fetch (page size + 1 tells whether there is a next page). */
  limit: number;
  after: ActivityCursor | null;
  kind?: ConversationKind | null;
  /** The conversations this user currently takes part in; null lists every conversation (admin support inbox). */
  participantId: string | null;
}

export interface MessagesPageOptions {
  /** Rows to fetch per conversation (page size + 1). */
  limit: number;
  after: MessageCursor | null;
}

export interface InsertMessageResult {
  message: MessageRecord;
  /** True when a message with the same clientMessageId from the same sender already existed (a retry). */
  duplicate: boolean;
}

/** Writes the event handlers need; each adapter runs them inside the handler's transaction. */
export interface ChatEventWrites {
  /** Creates the ORDER conversation unless the order already has one; returns it either way. */
  ensureOrderConversation: (
    input: NewConversation & { orderId: string },
  ) => Promise<{ conversation: ConversationRecord; created: boolean }>;
  setOrderDisputed: (orderId: string, disputed: boolean) => Promise<ConversationRecord | null>;
  upsertAgencyMember: (member: AgencyMemberRecord) => Promise<void>;
  removeAgencyMember: (agencyId: string, userId: string) => Promise<void>;
  agencyMembers: (agencyIds: readonly string[]) => Promise<AgencyMemberRecord[]>;
  /** Adds (or re-admits) the user to every ORDER/AGENCY conversation of the agency; returns their ids. */
  joinAgencyConversations: (agencyId: string, userId: string, at: Date) => Promise<string[]>;
  /** Marks the user as having left every ORDER/AGENCY conversation of the agency; returns their ids. */
  leaveAgencyConversations: (agencyId: string, userId: string, at: Date) => Promise<string[]>;
}

/**
 * The chat subgraph's storage. Two adapters implement it (PostgreSQL/PGlite with drizzle,
 * MongoDB with mongoose) and test/chat-store.contract.test.ts holds both to the same behaviour.
 * Every batched read costs one round trip whatever the number of keys; ids that are not UUIDs
 * cannot exist and are ignored. Writes take the domain events that describe them and store them
 * in the outbox atomically with the change.
 */
export interface ChatStore {
  readonly kind: 'postgres' | 'pglite' | 'mongodb';
  /** Round trips to the database since the store was opened (tests assert batching with it). */
  queryCount: () => number;
  /** The PostgreSQL database for @market/events' relay and consumer (outbox and inbox); null on MongoDB. */
  eventsDb: () => PgDb<ChatSchema> | null;
  /** On MongoDB, the `event_outbox` collection for the relay of @market/events (null on PostgreSQL: `eventsDb`). */
  eventsOutbox: () => OutboxSource | null;

  conversationsByIds: (ids: readonly string[]) => Promise<ConversationRecord[]>;
  /** The ORDER conversation of each order that has one. */
  conversationsByOrderIds: (orderIds: readonly string[]) => Promise<ConversationRecord[]>;
  /** Most recent activity first, then id descending; `totalCount` honours `kind` and `participantId`. */
  listConversations: (options: ListConversationsOptions) => Promise<ConversationPage>;
  /** Participants of many conversations (including those who left), each conversation's in joining order. */
  participantsOf: (conversationIds: readonly string[]) => Promise<ParticipantRecord[]>;
  /**
   * Up to `limit` messages of EACH conversation, newest first by (createdAt, id), older than
   * `after` when given; one round trip for all conversations. Rows of one conversation are
   * contiguous and in page order.
   */
  messagesPage: (conversationIds: readonly string[], options: MessagesPageOptions) => Promise<MessageRecord[]>;
  /** Number of messages of each conversation (conversations without any are left out). */
  messageCounts: (conversationIds: readonly string[]) => Promise<{ conversationId: string; count: number }[]>;
  messagesByIds: (ids: readonly string[]) => Promise<MessageRecord[]>;
  /**
   * Messages of others, not deleted, newer than the user's last read message, per conversation
   * the user takes part in (zero counts left out).
   */
  unreadCounts: (userId: string, conversationIds: readonly string[]) => Promise<{ conversationId: string; count: number }[]>;
  /** The same summed over each user's current conversations (zero totals left out). */
  unreadTotals: (userIds: readonly string[]) => Promise<{ userId: string; count: number }[]>;
  /** An AGENCY conversation of the agency the user takes part in, or a DIRECT one of exactly these two users. */
  findOpenConversation: (
    query: { kind: 'AGENCY'; agencyId: string; userId: string } | { kind: 'DIRECT'; userIds: [string, string] },
  ) => Promise<ConversationRecord | null>;
  agencyMembers: (agencyIds: readonly string[]) => Promise<AgencyMemberRecord[]>;

  /** @throws InvalidChatInputError, ChatConflictError (id taken, or the order already has a conversation) */
  insertConversation: (input: NewConversation, events?: readonly NewEvent[]) => Promise<ConversationRecord>;
  /**
   * Stores the message (idempotent per sender, conversation and clientMessageId: a retry returns the
   * first message and records no events) and moves the conversation's activity forward, atomically
   * with the events.
   * @throws ConversationNotFoundError, ChatConflictError
   */
  insertMessage: (input: NewMessage, events?: (message: MessageRecord) => readonly NewEvent[]) => Promise<InsertMessageResult>;
  /** Replaces the body, appending the previous one to the revisions; null when the message does not exist. */
  editMessage: (id: string, body: string, at: Date) => Promise<MessageRecord | null>;
  /** Empties body and attachments (and voice), keeps the revisions, sets deletedAt; null when missing. */
  deleteMessage: (id: string, at: Date) => Promise<MessageRecord | null>;
  /**
   * Moves the participant's read marker to the message (never backwards in (createdAt, id) order);
   * returns the participant, or null when the user does not take part.
   */
  markRead: (
    conversationId: string,
    userId: string,
    message: { id: string; createdAt: Date },
    at: Date,
  ) => Promise<ParticipantRecord | null>;
  /** Adds the user (or re-admits one who left) with that side. */
  addParticipant: (conversationId: string, participant: NewParticipant, at: Date) => Promise<void>;
  /** The outbox, oldest first (diagnostics and tests; the relay of @market/events reads it too). */
  outbox: (limit?: number) => Promise<{ type: string; data: unknown }[]>;
  /** Stores events on their own (an audited admin read). */
  recordEvents: (events: readonly NewEvent[]) => Promise<void>;
  /** Runs event-handler writes in one transaction (the PostgreSQL consumer passes its own, see events.ts). */
  inTransaction: <T>(work: (writes: ChatEventWrites) => Promise<T>) => Promise<T>;

  /** Imports whole conversations with their history (demo seed); activity comes from the messages given. */
  insertMany: (input: {
    conversations: readonly NewConversation[];
    messages: readonly NewMessage[];
    agencyMembers?: readonly AgencyMemberRecord[];
    reads?: readonly { conversationId: string; userId: string; messageId: string; at: Date }[];
  }) => Promise<void>;
  isEmpty: () => Promise<boolean>;

  ping: () => Promise<void>;
  close: () => Promise<void>;
}

export class InvalidChatInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'InvalidChatInputError';
  }
}

export class ConversationNotFoundError extends Error {
  constructor(readonly conversationId: string) {
    super(`conversation ${conversationId} does not exist`);
    this.name = 'ConversationNotFoundError';
  }
}

/** A unique rule was broken: an id is taken, or the order already has its conversation. */
export class ChatConflictError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChatConflictError';
  }
}

export interface PreparedConversation extends ConversationRecord {
  participants: ParticipantRecord[];
}

/** Fills in defaults and checks the domain rules; both adapters store exactly this. */
export function prepareConversation(input: NewConversation, lastMessageAt: Date | null = null, now = new Date()): PreparedConversation {
  const id = input.id?.toLowerCase() ?? randomUUID();
  const createdAt = input.createdAt ?? now;
  const participants = uniqueParticipants(input.participants.map((p) => ({ ...p, userId: p.userId.toLowerCase() }))).map(
    (p): ParticipantRecord => ({
      conversationId: id,
      userId: p.userId,
      side: p.side,
      lastReadMessageId: null,
      lastReadAt: null,
      joinedAt: createdAt,
      leftAt: null,
    }),
  );
  const orderId = input.orderId?.toLowerCase() ?? null;
  const problems = conversationProblems({ kind: input.kind, orderId, participantIds: participants.map((p) => p.userId) });
  if (problems.length) throw new InvalidChatInputError(problems);
  return {
    id,
    kind: input.kind,
    orderId,
    agencyId: input.agencyId?.toLowerCase() ?? null,
    title: input.title ?? null,
    disputed: input.disputed ?? false,
    createdAt,
    lastMessageAt,
    lastActivityAt: lastActivityAt(createdAt, lastMessageAt),
    participants,
  };
}

export function prepareMessage(input: NewMessage, now = new Date()): MessageRecord {
  const createdAt = input.createdAt ?? now;
  return {
    id: input.id?.toLowerCase() ?? uuidv7(createdAt),
    conversationId: input.conversationId.toLowerCase(),
    senderId: input.senderId.toLowerCase(),
    body: input.body,
    attachmentIds: (input.attachmentIds ?? []).map((id) => id.toLowerCase()),
    voice: input.voice ? { ...input.voice, fileId: input.voice.fileId.toLowerCase() } : null,
    clientMessageId: input.clientMessageId ?? null,
    createdAt,
    editedAt: null,
    deletedAt: null,
    revisions: [],
  };
}

/** Conversations with their history, activity taken from the messages given (imports, demo seed). */
export function prepareImport(input: { conversations: readonly NewConversation[]; messages: readonly NewMessage[] }, now = new Date()) {
  const messages = input.messages.map((m) => prepareMessage(m, now));
  const newest = newestMessageTimes(messages);
  const conversations = input.conversations.map((c) => prepareConversation(c, c.id ? (newest.get(c.id.toLowerCase()) ?? null) : null, now));
  return { conversations, messages };
}

/** True when (a.createdAt, a.id) comes after (b.createdAt, b.id): the order of message histories. */
export function isNewer(a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }): boolean {
  return a.createdAt.getTime() > b.createdAt.getTime() || (a.createdAt.getTime() === b.createdAt.getTime() && a.id > b.id);
}
