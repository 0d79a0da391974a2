import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { validUuids, type Logger } from '@market/kit';
import { openPostgres, type PgDb } from '@market/stores';
import {
  ChatConflictError,
  ConversationNotFoundError,
  prepareConversation,
  prepareImport,
  prepareMessage,
  type ChatStore,
  type MessageCursor,
  type PreparedConversation,
} from './chat-store';
import { conversationParticipants, conversations, messages, schema, type ChatSchema } from './pg-schema';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Rows per INSERT when importing (well below PostgreSQL's 65535 bind parameters). */
const CHUNK = 1_000;

const conversationColumns = {
  id: conversations.id,
  kind: conversations.kind,
  orderId: conversations.orderId,
  agencyId: conversations.agencyId,
  title: conversations.title,
  createdAt: conversations.createdAt,
  lastMessageAt: conversations.lastMessageAt,
  lastActivityAt: conversations.lastActivityAt,
};

const isoTime = (date: Date) => sql`${date.toISOString()}::timestamptz`;

/** Rows strictly after the cursor in (created_at desc, id desc) order. */
const olderThan = (after: MessageCursor): SQL =>
  sql`(${messages.createdAt}, ${messages.id}) < (${isoTime(after.createdAt)}, ${after.id}::uuid)`;

function chunks<T>(rows: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) result.push(rows.slice(i, i + CHUNK));
  return result;
}

/** The PostgreSQL error code behind a (possibly drizzle-wrapped) error. */
function pgCode(error: unknown): string | undefined {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function conflictOr(error: unknown, message: string): unknown {
  return pgCode(error) === '23505' ? new ChatConflictError(message, { cause: error }) : error;
}

const participantRows = (conversation: PreparedConversation) =>
  conversation.participantIds.map((userId, position) => ({ conversationId: conversation.id, userId, position }));

/** The chat store on PostgreSQL (DATABASE_URL) or embedded PGlite (dataDir, or memory). */
export async function openPgChatStore(options: {
  url?: string | undefined;
  dataDir?: string | undefined;
  logger: Logger;
}): Promise<ChatStore> {
  const store = await openPostgres({ url: options.url, dataDir: options.dataDir, schema, migrationsFolder, logger: options.logger });
  const db: PgDb<ChatSchema> = store.db;

  return {
    kind: store.kind,
    queryCount: () => store.queries.count,

    async conversationsByIds(ids) {
      const valid = validUuids(ids);
      return valid.length ? db.select(conversationColumns).from(conversations).where(inArray(conversations.id, valid)) : [];
    },

    async conversationsByOrderIds(orderIds) {
      const valid = validUuids(orderIds);
      return valid.length ? db.select(conversationColumns).from(conversations).where(inArray(conversations.orderId, valid)) : [];
    },

    async listConversations({ limit, after, kind }) {
      const ofKind = kind ? eq(conversations.kind, kind) : undefined;
      const afterCursor = after
        ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${isoTime(after.at)}, ${after.id}::uuid)`
        : undefined;
      const [rows, [total]] = await Promise.all([
        db
          .select(conversationColumns)
          .from(conversations)
          .where(and(ofKind, afterCursor))
          .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
          .limit(limit),
        db.select({ value: count() }).from(conversations).where(ofKind),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    async participantsOf(conversationIds) {
      const valid = validUuids(conversationIds);
      if (!valid.length) return [];
      return db
        .select({ conversationId: conversationParticipants.conversationId, userId: conversationParticipants.userId })
        .from(conversationParticipants)
        .where(inArray(conversationParticipants.conversationId, valid))
        .orderBy(asc(conversationParticipants.conversationId), asc(conversationParticipants.position));
    },

    async messagesPage(conversationIds, { limit, after }) {
      const valid = validUuids(conversationIds);
      if (!valid.length) return [];
      // One statement for every conversation: a lateral subquery per conversation walks the
      // (conversation_id, created_at desc, id desc) index and stops after `limit` rows.
      const page = db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, conversations.id), after ? olderThan(after) : undefined))
        .orderBy(desc(messages.createdAt), desc(messages.id))
        .limit(limit)
        .as('page');
      const rows = await db
        .select({
          id: page.id,
          conversationId: page.conversationId,
          senderId: page.senderId,
          body: page.body,
          createdAt: page.createdAt,
          editedAt: page.editedAt,
        })
        .from(conversations)
        .crossJoinLateral(page)
        .where(inArray(conversations.id, valid))
        .orderBy(asc(page.conversationId), desc(page.createdAt), desc(page.id));
      return rows;
    },

    async messageCounts(conversationIds) {
      const valid = validUuids(conversationIds);
      if (!valid.length) return [];
      return db
        .select({ conversationId: messages.conversationId, count: count() })
        .from(messages)
        .where(inArray(messages.conversationId, valid))
        .groupBy(messages.conversationId);
    },

    async messagesByIds(ids) {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(messages).where(inArray(messages.id, valid)) : [];
    },

    async insertConversation(input) {
      const conversation = prepareConversation(input);
      try {
        await db.transaction(async (tx) => {
          await tx.insert(conversations).values(conversation);
          await tx.insert(conversationParticipants).values(participantRows(conversation));
        });
      } catch (error) {
        throw conflictOr(
          error,
          `conversation ${conversation.id} or a conversation for order ${conversation.orderId ?? '-'} already exists`,
        );
      }
      const { participantIds: _participants, ...record } = conversation;
      return record;
    },

    async insertMessage(input) {
      const message = prepareMessage(input);
      if (!validUuids([message.conversationId]).length) throw new ConversationNotFoundError(message.conversationId);
      try {
        await db.transaction(async (tx) => {
          // Bump first: it locks the conversation row, so concurrent messages serialise here,
          // and a missing conversation is found before anything is written.
          const bumped = await tx
            .update(conversations)
            .set({
              lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${isoTime(message.createdAt)})`,
              lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${isoTime(message.createdAt)})`,
            })
            .where(eq(conversations.id, message.conversationId))
            .returning({ id: conversations.id });
          if (!bumped.length) throw new ConversationNotFoundError(message.conversationId);
          await tx.insert(messages).values(message);
        });
      } catch (error) {
        throw conflictOr(error, `message ${message.id} already exists`);
      }
      return message;
    },

    async insertMany(input) {
      const prepared = prepareImport(input);
      try {
        await db.transaction(async (tx) => {
          for (const batch of chunks(prepared.conversations)) {
            await tx.insert(conversations).values(batch);
            await tx.insert(conversationParticipants).values(batch.flatMap(participantRows));
          }
          for (const batch of chunks(prepared.messages)) await tx.insert(messages).values(batch);
        });
      } catch (error) {
        throw conflictOr(error, 'some of the imported conversations or messages already exist');
      }
    },

    async isEmpty() {
      const rows = await db.select({ id: conversations.id }).from(conversations).limit(1);
      return rows.length === 0;
    },

    ping: store.ping,
    close: store.close,
  };
}
