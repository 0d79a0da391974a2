import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { validUuids, type Logger } from '@market/kit';
import { anyOf, openPostgres, type PgDb } from '@market/stores';
import { eventOutbox, outboxInsert, recordEvents, type NewEvent } from '../events';
import {
  ChatConflictError,
  ConversationNotFoundError,
  prepareConversation,
  prepareImport,
  prepareMessage,
  type AgencyMemberRecord,
  type ChatEventWrites,
  type ChatStore,
  type ConversationRecord,
  type MessageCursor,
  type MessageRecord,
  type NewParticipant,
  type PreparedConversation,
} from './chat-store';
import { agencyMembers, conversationParticipants, conversations, messages, schema, type ChatSchema } from './pg-schema';

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Rows per INSERT when importing (well below PostgreSQL's 65535 bind parameters). */
const CHUNK = 1_000;

/** The database or a transaction on it: the writes below run on either. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PgTx = PgDatabase<PgQueryResultHKT, any>;

const conversationColumns = {
  id: conversations.id,
  kind: conversations.kind,
  orderId: conversations.orderId,
  agencyId: conversations.agencyId,
  title: conversations.title,
  disputed: conversations.disputed,
  createdAt: conversations.createdAt,
  lastMessageAt: conversations.lastMessageAt,
  lastActivityAt: conversations.lastActivityAt,
};

const participantColumns = {
  conversationId: conversationParticipants.conversationId,
  userId: conversationParticipants.userId,
  side: conversationParticipants.side,
  lastReadMessageId: conversationParticipants.lastReadMessageId,
  lastReadAt: conversationParticipants.lastReadAt,
  joinedAt: conversationParticipants.joinedAt,
  leftAt: conversationParticipants.leftAt,
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

type MessageRow = typeof messages.$inferSelect;
const messageRecord = (row: MessageRow): MessageRecord => ({
  id: row.id,
  conversationId: row.conversationId,
  senderId: row.senderId,
  body: row.body,
  attachmentIds: row.attachmentIds,
  voice: row.voice ?? null,
  clientMessageId: row.clientMessageId,
  createdAt: row.createdAt,
  editedAt: row.editedAt,
  deletedAt: row.deletedAt,
  revisions: row.revisions.map((r) => ({ body: r.body, replacedAt: new Date(r.replacedAt) })),
});
const messageRow = (m: MessageRecord): MessageRow => ({
  ...m,
  revisions: m.revisions.map((r) => ({ body: r.body, replacedAt: r.replacedAt.toISOString() })),
});

const participantRows = (conversation: PreparedConversation) => conversation.participants.map((p, position) => ({ ...p, position }));

const record = ({ participants: _participants, ...conversation }: PreparedConversation): ConversationRecord => conversation;

async function insertPrepared(db: PgTx, conversation: PreparedConversation, events: readonly NewEvent[]) {
  await db.insert(conversations).values(record(conversation));
  await db.insert(conversationParticipants).values(participantRows(conversation));
  await recordEvents(db, events);
}

async function addParticipant(db: PgTx, conversationId: string, participant: NewParticipant, at: Date) {
  const userId = participant.userId.toLowerCase();
  await db
    .insert(conversationParticipants)
    .values({
      conversationId,
      userId,
      side: participant.side,
      joinedAt: at,
      position: sql`(select coalesce(max(${conversationParticipants.position}), -1) + 1 from ${conversationParticipants} where ${conversationParticipants.conversationId} = ${conversationId}::uuid)`,
    })
    .onConflictDoUpdate({
      target: [conversationParticipants.conversationId, conversationParticipants.userId],
      set: { leftAt: null, side: participant.side },
    });
}

/** The event handlers' writes on a transaction (the consumer's, or one of the store's). */
export function pgEventWrites(db: PgTx): ChatEventWrites {
  const members = (agencyIds: readonly string[]) => {
    const valid = validUuids(agencyIds).map((id) => id.toLowerCase());
    return valid.length
      ? db
          .select()
          .from(agencyMembers)
          .where(inArray(agencyMembers.agencyId, valid))
          .orderBy(asc(agencyMembers.agencyId), asc(agencyMembers.role), asc(agencyMembers.userId))
      : Promise.resolve([] as AgencyMemberRecord[]);
  };
  const agencyConversations = async (agencyId: string) =>
    (
      await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.agencyId, agencyId), inArray(conversations.kind, ['ORDER', 'AGENCY'])))
    ).map((r) => r.id);
  return {
    async ensureOrderConversation(input) {
      const conversation = prepareConversation(input);
      // Inserted only when the order has none (unique order_id): replays and races create one conversation.
      const inserted = await db
        .insert(conversations)
        .values(record(conversation))
        .onConflictDoNothing({ target: conversations.orderId, where: sql`${conversations.orderId} is not null` })
        .returning({ id: conversations.id });
      if (inserted.length) {
        await db.insert(conversationParticipants).values(participantRows(conversation));
        return { conversation: record(conversation), created: true };
      }
      const [existing] = await db
        .select(conversationColumns)
        .from(conversations)
        .where(eq(conversations.orderId, input.orderId.toLowerCase()));
      if (!existing) throw new Error(`order ${input.orderId} has no conversation after a conflicting insert`);
      return { conversation: existing, created: false };
    },
    async setOrderDisputed(orderId, disputed) {
      if (!validUuids([orderId]).length) return null;
      const [row] = await db
        .update(conversations)
        .set({ disputed })
        .where(eq(conversations.orderId, orderId.toLowerCase()))
        .returning(conversationColumns);
      return row ?? null;
    },
    async upsertAgencyMember(member) {
      await db
        .insert(agencyMembers)
        .values({ agencyId: member.agencyId.toLowerCase(), userId: member.userId.toLowerCase(), role: member.role })
        .onConflictDoUpdate({ target: [agencyMembers.agencyId, agencyMembers.userId], set: { role: member.role } });
    },
    async removeAgencyMember(agencyId, userId) {
      await db
        .delete(agencyMembers)
        .where(and(eq(agencyMembers.agencyId, agencyId.toLowerCase()), eq(agencyMembers.userId, userId.toLowerCase())));
    },
    agencyMembers: members,
    async joinAgencyConversations(agencyId, userId, at) {
      const ids = await agencyConversations(agencyId.toLowerCase());
      for (const id of ids) await addParticipant(db, id, { userId, side: 'AGENCY' }, at);
      return ids;
    },
    async leaveAgencyConversations(agencyId, userId, at) {
      const ids = await agencyConversations(agencyId.toLowerCase());
      if (!ids.length) return [];
      const left = await db
        .update(conversationParticipants)
        .set({ leftAt: at })
        .where(
          and(
            inArray(conversationParticipants.conversationId, ids),
            eq(conversationParticipants.userId, userId.toLowerCase()),
            isNull(conversationParticipants.leftAt),
          ),
        )
        .returning({ id: conversationParticipants.conversationId });
      return left.map((r) => r.id);
    },
  };
}

/** Unread messages per (user, conversation): others' messages, not deleted, after the read marker. */
function unreadQuery(db: PgTx, where: SQL) {
  return db
    .select({
      conversationId: conversationParticipants.conversationId,
      userId: conversationParticipants.userId,
      count: sql<number>`count(*)`.mapWith(Number).as('unread'),
    })
    .from(conversationParticipants)
    .innerJoin(
      messages,
      and(
        eq(messages.conversationId, conversationParticipants.conversationId),
        ne(messages.senderId, conversationParticipants.userId),
        isNull(messages.deletedAt),
        sql`(${conversationParticipants.lastReadMessageId} is null or (${messages.createdAt}, ${messages.id}) > (select r.created_at, r.id from ${messages} r where r.id = ${conversationParticipants.lastReadMessageId}))`,
      ),
    )
    .where(and(where, isNull(conversationParticipants.leftAt)))
    .groupBy(conversationParticipants.conversationId, conversationParticipants.userId);
}

/** The chat store on PostgreSQL (DATABASE_URL) or embedded PGlite (dataDir, or memory). */
export async function openPgChatStore(options: {
  url?: string | undefined;
  dataDir?: string | undefined;
  logger: Logger;
}): Promise<ChatStore> {
  const store = await openPostgres({ url: options.url, dataDir: options.dataDir, schema, migrationsFolder, logger: options.logger });
  const db: PgDb<ChatSchema> = store.db;
  // The reads of every send and every access check, prepared once (see anyOf).
  const conversationsById = db
    .select(conversationColumns)
    .from(conversations)
    .where(anyOf(conversations.id, 'ids'))
    .prepare('chat_conversations_by_id');
  const participantsByConversation = db
    .select(participantColumns)
    .from(conversationParticipants)
    .where(anyOf(conversationParticipants.conversationId, 'ids'))
    .orderBy(asc(conversationParticipants.conversationId), asc(conversationParticipants.position))
    .prepare('chat_participants_by_conversation');

  const messagesByIds = async (ids: readonly string[]) => {
    const valid = validUuids(ids).map((id) => id.toLowerCase());
    return valid.length ? (await db.select().from(messages).where(inArray(messages.id, valid))).map(messageRecord) : [];
  };

  return {
    kind: store.kind,
    queryCount: () => store.queries.count,
    eventsDb: () => db,
    eventsOutbox: () => null,

    async conversationsByIds(ids) {
      const valid = validUuids(ids).map((id) => id.toLowerCase());
      return valid.length ? conversationsById.execute({ ids: valid }) : [];
    },

    async conversationsByOrderIds(orderIds) {
      const valid = validUuids(orderIds).map((id) => id.toLowerCase());
      return valid.length ? db.select(conversationColumns).from(conversations).where(inArray(conversations.orderId, valid)) : [];
    },

    async listConversations({ limit, after, kind, participantId }) {
      const ofKind = kind ? eq(conversations.kind, kind) : undefined;
      const ofUser = participantId
        ? sql`exists (select 1 from ${conversationParticipants} p where p.conversation_id = ${conversations.id} and p.user_id = ${participantId.toLowerCase()}::uuid and p.left_at is null)`
        : undefined;
      const afterCursor = after
        ? sql`(${conversations.lastActivityAt}, ${conversations.id}) < (${isoTime(after.at)}, ${after.id}::uuid)`
        : undefined;
      if (participantId && !validUuids([participantId]).length) return { rows: [], totalCount: 0 };
      const [rows, [total]] = await Promise.all([
        db
          .select(conversationColumns)
          .from(conversations)
          .where(and(ofKind, ofUser, afterCursor))
          .orderBy(desc(conversations.lastActivityAt), desc(conversations.id))
          .limit(limit),
        db.select({ value: count() }).from(conversations).where(and(ofKind, ofUser)),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    async participantsOf(conversationIds) {
      const valid = validUuids(conversationIds).map((id) => id.toLowerCase());
      if (!valid.length) return [];
      return participantsByConversation.execute({ ids: valid });
    },

    async messagesPage(conversationIds, { limit, after }) {
      const valid = validUuids(conversationIds).map((id) => id.toLowerCase());
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
          attachmentIds: page.attachmentIds,
          voice: page.voice,
          clientMessageId: page.clientMessageId,
          createdAt: page.createdAt,
          editedAt: page.editedAt,
          deletedAt: page.deletedAt,
          revisions: page.revisions,
        })
        .from(conversations)
        .crossJoinLateral(page)
        .where(inArray(conversations.id, valid))
        .orderBy(asc(page.conversationId), desc(page.createdAt), desc(page.id));
      return rows.map(messageRecord);
    },

    async messageCounts(conversationIds) {
      const valid = validUuids(conversationIds).map((id) => id.toLowerCase());
      if (!valid.length) return [];
      return db
        .select({ conversationId: messages.conversationId, count: count() })
        .from(messages)
        .where(inArray(messages.conversationId, valid))
        .groupBy(messages.conversationId);
    },

    messagesByIds,

    async unreadCounts(userId, conversationIds) {
      const valid = validUuids(conversationIds).map((id) => id.toLowerCase());
      if (!valid.length || !validUuids([userId]).length) return [];
      const rows = await unreadQuery(
        db,
        and(eq(conversationParticipants.userId, userId.toLowerCase()), inArray(conversationParticipants.conversationId, valid))!,
      );
      return rows.map(({ conversationId, count }) => ({ conversationId, count }));
    },

    async unreadTotals(userIds) {
      const valid = validUuids(userIds).map((id) => id.toLowerCase());
      if (!valid.length) return [];
      const perConversation = unreadQuery(db, inArray(conversationParticipants.userId, valid)).as('unread');
      return db
        .select({ userId: perConversation.userId, count: sql<number>`sum(${perConversation.count})::int`.mapWith(Number) })
        .from(perConversation)
        .groupBy(perConversation.userId);
    },

    async findOpenConversation(query) {
      const member = (userId: string) =>
        sql`exists (select 1 from ${conversationParticipants} p where p.conversation_id = ${conversations.id} and p.user_id = ${userId.toLowerCase()}::uuid and p.left_at is null)`;
      const where =
        query.kind === 'AGENCY'
          ? and(eq(conversations.kind, 'AGENCY'), eq(conversations.agencyId, query.agencyId.toLowerCase()), member(query.userId))
          : and(
              eq(conversations.kind, 'DIRECT'),
              member(query.userIds[0]),
              member(query.userIds[1]),
              sql`(select count(*) from ${conversationParticipants} p where p.conversation_id = ${conversations.id}) = 2`,
            );
      const [row] = await db
        .select(conversationColumns)
        .from(conversations)
        .where(where)
        .orderBy(desc(conversations.lastActivityAt))
        .limit(1);
      return row ?? null;
    },

    agencyMembers: (agencyIds) => pgEventWrites(db).agencyMembers(agencyIds),

    async insertConversation(input, events = []) {
      const conversation = prepareConversation(input);
      try {
        await db.transaction((tx) => insertPrepared(tx, conversation, events));
      } catch (error) {
        throw conflictOr(
          error,
          `conversation ${conversation.id} or a conversation for order ${conversation.orderId ?? '-'} already exists`,
        );
      }
      return record(conversation);
    },

    async insertMessage(input, events) {
      const message = prepareMessage(input);
      if (!validUuids([message.conversationId]).length) throw new ConversationNotFoundError(message.conversationId);
      // ONE statement (atomic, one round trip; a send was BEGIN, five statements and COMMIT): the message, the
      // conversation's activity and the events are written together, and only when the message was. A retry
      // (same sender, conversation and clientMessageId) meets the unique index and writes nothing at all; a
      // concurrent retry waits for the first one's commit there, then finds its message below.
      const stored = sql.identifier('stored');
      const storedNow = sql`exists (select 1 from ${stored})`;
      const insert = db
        .insert(messages)
        .values(messageRow(message))
        .onConflictDoNothing({
          target: [messages.conversationId, messages.senderId, messages.clientMessageId],
          where: sql`${sql.identifier(messages.clientMessageId.name)} is not null`,
        })
        .returning({ id: messages.id });
      const bump = db
        .update(conversations)
        .set({
          lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${isoTime(message.createdAt)})`,
          lastActivityAt: sql`greatest(${conversations.lastActivityAt}, ${isoTime(message.createdAt)})`,
        })
        .where(and(eq(conversations.id, message.conversationId), storedNow));
      const outbox = outboxInsert(events?.(message) ?? [], storedNow);
      const statement = sql`with ${stored} as (${insert.getSQL()}), ${sql.identifier('bumped')} as (${bump.getSQL()})${
        outbox ? sql`, ${sql.identifier('outbox')} as (${outbox})` : sql``
      } select count(*)::int as ${sql.identifier('count')} from ${stored}`;
      let count: number;
      try {
        // node-postgres and PGlite both answer with { rows }.
        const result: unknown = await db.execute<{ count: number }>(statement);
        count = Number((result as { rows: { count: number }[] }).rows[0]?.count ?? 0);
      } catch (error) {
        // The message's conversation_id references no conversation.
        if (pgCode(error) === '23503') throw new ConversationNotFoundError(message.conversationId);
        throw conflictOr(error, `message ${message.id} already exists`);
      }
      if (count === 1) return { message, duplicate: false };
      const [first] = await db
        .select()
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, message.conversationId),
            eq(messages.senderId, message.senderId),
            eq(messages.clientMessageId, message.clientMessageId ?? ''),
          ),
        );
      if (!first) throw new Error(`message ${message.id} was neither stored nor found as a retry`);
      return { message: messageRecord(first), duplicate: true };
    },

    async editMessage(id, body, at) {
      if (!validUuids([id]).length) return null;
      const [row] = await db
        .update(messages)
        .set({
          revisions: sql`${messages.revisions} || jsonb_build_array(jsonb_build_object('body', ${messages.body}, 'replacedAt', ${at.toISOString()}::text))`,
          body,
          editedAt: at,
        })
        .where(eq(messages.id, id.toLowerCase()))
        .returning();
      return row ? messageRecord(row) : null;
    },

    async deleteMessage(id, at) {
      if (!validUuids([id]).length) return null;
      const [row] = await db
        .update(messages)
        .set({
          // The deleted body joins the history (the sender and admins still see it); a repeat changes nothing.
          revisions: sql`case when ${messages.deletedAt} is null and ${messages.body} <> '' then ${messages.revisions} || jsonb_build_array(jsonb_build_object('body', ${messages.body}, 'replacedAt', ${at.toISOString()}::text)) else ${messages.revisions} end`,
          body: '',
          attachmentIds: [],
          voice: null,
          deletedAt: sql`coalesce(${messages.deletedAt}, ${isoTime(at)})`,
        })
        .where(eq(messages.id, id.toLowerCase()))
        .returning();
      return row ? messageRecord(row) : null;
    },

    async markRead(conversationId, userId, message, at) {
      if (!validUuids([conversationId, userId]).length) return null;
      // Only forward: the marker moves when there is none yet or the new message is newer.
      const [row] = await db
        .update(conversationParticipants)
        .set({ lastReadMessageId: message.id, lastReadAt: at })
        .where(
          and(
            eq(conversationParticipants.conversationId, conversationId.toLowerCase()),
            eq(conversationParticipants.userId, userId.toLowerCase()),
            isNull(conversationParticipants.leftAt),
            or(
              isNull(conversationParticipants.lastReadMessageId),
              sql`(${isoTime(message.createdAt)}, ${message.id}::uuid) > (select r.created_at, r.id from ${messages} r where r.id = ${conversationParticipants.lastReadMessageId})`,
            ),
          ),
        )
        .returning(participantColumns);
      if (row) return row;
      const [current] = await db
        .select(participantColumns)
        .from(conversationParticipants)
        .where(
          and(
            eq(conversationParticipants.conversationId, conversationId.toLowerCase()),
            eq(conversationParticipants.userId, userId.toLowerCase()),
            isNull(conversationParticipants.leftAt),
          ),
        );
      return current ?? null;
    },

    async addParticipant(conversationId, participant, at) {
      await addParticipant(db, conversationId.toLowerCase(), participant, at);
    },

    async outbox(limit = 1_000) {
      return db
        .select({ type: eventOutbox.type, data: eventOutbox.data })
        .from(eventOutbox)
        .orderBy(asc(eventOutbox.occurredAt))
        .limit(limit);
    },

    async recordEvents(events) {
      await recordEvents(db, events);
    },

    inTransaction: (work) => db.transaction((tx) => work(pgEventWrites(tx))),

    async insertMany(input) {
      const prepared = prepareImport(input);
      try {
        await db.transaction(async (tx) => {
          for (const batch of chunks(prepared.conversations)) {
            await tx.insert(conversations).values(batch.map(record));
            await tx.insert(conversationParticipants).values(batch.flatMap(participantRows));
          }
          for (const batch of chunks(prepared.messages)) await tx.insert(messages).values(batch.map(messageRow));
          for (const batch of chunks(input.agencyMembers ?? [])) await tx.insert(agencyMembers).values(batch).onConflictDoNothing();
          for (const batch of chunks(input.reads ?? [])) {
            const rows = sql.join(
              batch.map((r) => sql`(${r.conversationId}::uuid, ${r.userId}::uuid, ${r.messageId}::uuid, ${isoTime(r.at)})`),
              sql`, `,
            );
            await tx.execute(
              sql`update ${conversationParticipants} set last_read_message_id = v.m, last_read_at = v.at from (values ${rows}) as v(c, u, m, at) where ${conversationParticipants.conversationId} = v.c and ${conversationParticipants.userId} = v.u`,
            );
          }
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
