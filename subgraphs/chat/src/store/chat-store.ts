import { randomUUID } from 'node:crypto';
import {
  conversationProblems,
  lastActivityAt,
  messageBodyProblem,
  newestMessageTimes,
  uniqueParticipants,
  type ConversationKind,
} from '../domain/conversation';

export type { ConversationKind } from '../domain/conversation';

/** A conversation as every adapter returns it. */
export interface ConversationRecord {
  id: string;
  kind: ConversationKind;
  /** Set for ORDER conversations only; at most one conversation per order. */
  orderId: string | null;
  agencyId: string | null;
  title: string | null;
  createdAt: Date;
  /** The newest message's time; null while the conversation has none. */
  lastMessageAt: Date | null;
  /** lastMessageAt, or createdAt while there is no message: the order of conversation lists. */
  lastActivityAt: Date;
}

export interface ParticipantRecord {
  conversationId: string;
  userId: string;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  senderId: string;
  body: string;
  createdAt: Date;
  editedAt: Date | null;
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

export interface NewConversation {
  id?: string;
  kind: ConversationKind;
  orderId?: string | null;
  agencyId?: string | null;
  title?: string | null;
  /** In joining order; repeats are dropped. */
  participantIds: readonly string[];
  createdAt?: Date;
}

export interface NewMessage {
  id?: string;
  conversationId: string;
  senderId: string;
  body: string;
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
}

export interface MessagesPageOptions {
  /** Rows to fetch per conversation (page size + 1). */
  limit: number;
  after: MessageCursor | null;
}

/**
 * The chat subgraph's storage. Two adapters implement it (PostgreSQL/PGlite with drizzle,
 * MongoDB with mongoose) and test/chat-store.contract.test.ts holds both to the same behaviour.
 * Every batched read costs one round trip whatever the number of keys; ids that are not UUIDs
 * cannot exist and are ignored.
 */
export interface ChatStore {
  readonly kind: 'postgres' | 'pglite' | 'mongodb';
  /** Round trips to the database since the store was opened (tests assert batching with it). */
  queryCount: () => number;

  conversationsByIds: (ids: readonly string[]) => Promise<ConversationRecord[]>;
  /** The ORDER conversation of each order that has one. */
  conversationsByOrderIds: (orderIds: readonly string[]) => Promise<ConversationRecord[]>;
  /** Most recent activity first, then id descending; `totalCount` honours `kind`. */
  listConversations: (options: ListConversationsOptions) => Promise<ConversationPage>;
  /** Participants of many conversations, each conversation's in joining order. */
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

  /** @throws InvalidChatInputError, ChatConflictError (id taken, or the order already has a conversation) */
  insertConversation: (input: NewConversation) => Promise<ConversationRecord>;
  /**
   * Stores the message and moves the conversation's lastMessageAt/lastActivityAt forward to
   * its time (never backwards), atomically.
   * @throws InvalidChatInputError, ConversationNotFoundError, ChatConflictError
   */
  insertMessage: (input: NewMessage) => Promise<MessageRecord>;
  /** Imports whole conversations with their history (demo seed); activity comes from the messages given. */
  insertMany: (input: { conversations: readonly NewConversation[]; messages: readonly NewMessage[] }) => Promise<void>;
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
  participantIds: string[];
}

/** Fills in defaults and checks the domain rules; both adapters store exactly this. */
export function prepareConversation(input: NewConversation, lastMessageAt: Date | null = null, now = new Date()): PreparedConversation {
  const participantIds = uniqueParticipants(input.participantIds.map((id) => id.toLowerCase()));
  const orderId = input.orderId?.toLowerCase() ?? null;
  const problems = conversationProblems({ kind: input.kind, orderId, participantIds });
  if (problems.length) throw new InvalidChatInputError(problems);
  const createdAt = input.createdAt ?? now;
  return {
    id: input.id?.toLowerCase() ?? randomUUID(),
    kind: input.kind,
    orderId,
    agencyId: input.agencyId?.toLowerCase() ?? null,
    title: input.title ?? null,
    createdAt,
    lastMessageAt,
    lastActivityAt: lastActivityAt(createdAt, lastMessageAt),
    participantIds,
  };
}

export function prepareMessage(input: NewMessage, now = new Date()): MessageRecord {
  const problem = messageBodyProblem(input.body);
  if (problem) throw new InvalidChatInputError([problem]);
  return {
    id: input.id?.toLowerCase() ?? randomUUID(),
    conversationId: input.conversationId.toLowerCase(),
    senderId: input.senderId.toLowerCase(),
    body: input.body,
    createdAt: input.createdAt ?? now,
    editedAt: null,
  };
}

/** Conversations with their history, activity taken from the messages given (imports, demo seed). */
export function prepareImport(input: { conversations: readonly NewConversation[]; messages: readonly NewMessage[] }, now = new Date()) {
  const messages = input.messages.map((m) => prepareMessage(m, now));
  const newest = newestMessageTimes(messages);
  const conversations = input.conversations.map((c) => prepareConversation(c, c.id ? (newest.get(c.id.toLowerCase()) ?? null) : null, now));
  return { conversations, messages };
}
