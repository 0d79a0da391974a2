import { randomUUID } from 'node:crypto';
import { freshMongo, freshPostgres, testEnv, testLogger } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChatConflictError,
  ConversationNotFoundError,
  InvalidChatInputError,
  type ChatStore,
  type ConversationRecord,
  type MessageRecord,
} from '../src/store/chat-store';
import { openMongoChatStore } from '../src/store/mongo-chat-store';
import { openPgChatStore } from '../src/store/pg-chat-store';

// One set of cases, every adapter: PGlite always, PostgreSQL when DATABASE_URL is set,
// MongoDB when MONGO_URL is set (it cannot run on the development machines, so CI without it
// reports that block as skipped).

interface Opened {
  store: ChatStore;
  cleanup: () => Promise<void>;
}

const logger = testLogger('chat-store');

const openPglite = async (): Promise<Opened> => ({ store: await openPgChatStore({ logger }), cleanup: async () => {} });

const openPostgresStore = async (): Promise<Opened> => {
  const db = await freshPostgres('chat_store');
  return { store: await openPgChatStore({ url: db.url, logger }), cleanup: db.cleanup };
};

const openMongoStore = async (): Promise<Opened> => {
  const db = freshMongo('chat_store');
  if (!db.url) throw new Error('MONGO_URL is not set');
  return { store: await openMongoChatStore({ url: db.url, logger }), cleanup: db.cleanup };
};

describe('ChatStore contract: PgChatStore on PGlite (embedded)', () => contract(openPglite));
describe.skipIf(!testEnv.DATABASE_URL)(
  testEnv.DATABASE_URL
    ? 'ChatStore contract: PgChatStore on PostgreSQL'
    : 'ChatStore contract: PgChatStore on PostgreSQL (skipped: set DATABASE_URL to run against PostgreSQL)',
  () => contract(openPostgresStore),
);
describe.skipIf(!testEnv.MONGO_URL)(
  testEnv.MONGO_URL
    ? 'ChatStore contract: MongoChatStore on MongoDB'
    : 'ChatStore contract: MongoChatStore (skipped: set MONGO_URL to run against MongoDB)',
  () => contract(openMongoStore),
);

const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 0, 1, 12, minute, second));
const user = () => randomUUID();
/** The store's order: newest first, id descending between equal times. */
const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const byActivity = (a: ConversationRecord, b: ConversationRecord) =>
  newestFirst({ createdAt: a.lastActivityAt, id: a.id }, { createdAt: b.lastActivityAt, id: b.id });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** The cases share one store (opening PGlite takes seconds), so each looks only at the rows it made. */
function contract(open: () => Promise<Opened>) {
  let store: ChatStore;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ store, cleanup } = await open());
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  const conversation = (overrides: Partial<Parameters<ChatStore['insertConversation']>[0]> = {}) =>
    store.insertConversation({ kind: 'DIRECT', participantIds: [user(), user()], createdAt: at(0), ...overrides });
  const messages = async (conversationId: string, times: Date[]) => {
    const sent: MessageRecord[] = [];
    for (const [i, createdAt] of times.entries())
      sent.push(await store.insertMessage({ conversationId, senderId: user(), body: `message ${i}`, createdAt }));
    return sent;
  };

  it('is empty until the first conversation is stored', async () => {
    const fresh = await open();
    try {
      expect(await fresh.store.isEmpty()).toBe(true);
      await fresh.store.insertConversation({ kind: 'SUPPORT', participantIds: [user()] });
      expect(await fresh.store.isEmpty()).toBe(false);
    } finally {
      await fresh.store.close();
      await fresh.cleanup();
    }
  });

  it('stores a conversation with its participants and a message, and reads them back', async () => {
    const [customer, owner, staff] = [user(), user(), user()];
    const orderId = randomUUID();
    const agencyId = randomUUID();
    const created = await store.insertConversation({
      kind: 'ORDER',
      orderId,
      agencyId,
      title: 'ORD-1: Fix the boiler',
      participantIds: [customer, owner, customer, staff],
      createdAt: at(0),
    });
    const expected: ConversationRecord = {
      id: created.id,
      kind: 'ORDER',
      orderId,
      agencyId,
      title: 'ORD-1: Fix the boiler',
      createdAt: at(0),
      lastMessageAt: null,
      lastActivityAt: at(0),
    };
    expect(created).toEqual(expected);
    expect(await store.conversationsByIds([created.id, randomUUID(), 'not-a-uuid'])).toEqual([expected]);
    // Participants once each, in joining order.
    expect(await store.participantsOf([created.id])).toEqual(
      [customer, owner, staff].map((userId) => ({ conversationId: created.id, userId })),
    );

    const message = await store.insertMessage({
      conversationId: created.id,
      senderId: owner,
      body: 'We can come on Monday.',
      createdAt: at(1),
    });
    expect(message).toEqual({
      id: message.id,
      conversationId: created.id,
      senderId: owner,
      body: 'We can come on Monday.',
      createdAt: at(1),
      editedAt: null,
    });
    expect(await store.messagesByIds([message.id, randomUUID(), 'nope'])).toEqual([message]);
  });

  it('refuses malformed conversations and messages, and taken ids, without writing anything', async () => {
    const [invalidA, invalidB] = [randomUUID(), randomUUID()];
    await expect(store.insertConversation({ id: invalidA, kind: 'ORDER', participantIds: [user()] })).rejects.toBeInstanceOf(
      InvalidChatInputError,
    );
    await expect(store.insertConversation({ id: invalidB, kind: 'DIRECT', participantIds: [] })).rejects.toBeInstanceOf(
      InvalidChatInputError,
    );
    expect(await store.conversationsByIds([invalidA, invalidB])).toEqual([]);

    const existing = await conversation();
    await expect(conversation({ id: existing.id, createdAt: at(9) })).rejects.toBeInstanceOf(ChatConflictError);
    expect((await store.conversationsByIds([existing.id]))[0]?.createdAt).toEqual(at(0));
    await expect(store.insertMessage({ conversationId: existing.id, senderId: user(), body: '   ' })).rejects.toBeInstanceOf(
      InvalidChatInputError,
    );
    const sent = await store.insertMessage({ conversationId: existing.id, senderId: user(), body: 'hello', createdAt: at(1) });
    await expect(
      store.insertMessage({ id: sent.id, conversationId: existing.id, senderId: user(), body: 'again', createdAt: at(2) }),
    ).rejects.toBeInstanceOf(ChatConflictError);
    expect(await store.messageCounts([existing.id])).toEqual([{ conversationId: existing.id, count: 1 }]);
    expect((await store.messagesByIds([sent.id]))[0]?.body).toBe('hello');
  });

  it('pages messages newest first; the keyset cursor neither repeats nor skips while messages arrive', async () => {
    const { id } = await conversation();
    // Three messages share one instant: the id breaks the tie, identically on every page.
    const history = await messages(id, [at(1), at(2), at(3), at(4), at(5), at(5), at(5), at(6), at(7), at(8)]);
    const expected = ids([...history].sort(newestFirst));

    const seen: string[] = [];
    let after: { createdAt: Date; id: string } | null = null;
    for (let page = 0; ; page++) {
      const rows = await store.messagesPage([id], { limit: 3, after });
      if (!rows.length) break;
      seen.push(...ids(rows));
      const last = rows.at(-1) as MessageRecord;
      after = { createdAt: last.createdAt, id: last.id };
      // New messages arrive between page fetches; they are newer than any cursor.
      await messages(id, [at(30 + page, 0), at(30 + page, 0)]);
    }
    expect(seen).toEqual(expected);

    const fresh = await store.messagesPage([id], { limit: 100, after: null });
    expect(fresh).toHaveLength(history.length + 2 * 4);
    expect(ids(fresh)).toEqual(ids([...fresh].sort(newestFirst)));
    expect(ids(fresh).slice(-history.length)).toEqual(expected);
  });

  it('pages many conversations at once, in one round trip each for pages, counts and participants', async () => {
    const a = await conversation();
    const b = await conversation();
    const empty = await conversation();
    const ofA = await messages(a.id, [at(1), at(2), at(3), at(4), at(5)]);
    const ofB = await messages(b.id, [at(1, 30), at(2, 30)]);

    const before = store.queryCount();
    const page = await store.messagesPage([a.id, b.id, empty.id, randomUUID(), 'not-a-uuid'], { limit: 3, after: null });
    expect(store.queryCount() - before).toBe(1);
    expect(ids(page.filter((m) => m.conversationId === a.id))).toEqual(ids(ofA.slice(2).reverse()));
    expect(ids(page.filter((m) => m.conversationId === b.id))).toEqual(ids(ofB.slice().reverse()));
    expect(page.filter((m) => m.conversationId === empty.id)).toEqual([]);
    // One conversation's rows are contiguous and in page order.
    const order = page.map((m) => m.conversationId).filter((c, i, all) => c !== all[i - 1]);
    expect(order.sort()).toEqual([a.id, b.id].sort());

    // The same cursor applies to every conversation: messages older than it.
    const third = ofA[2] as MessageRecord;
    const older = await store.messagesPage([a.id, b.id], { limit: 3, after: { createdAt: third.createdAt, id: third.id } });
    expect(ids(older.filter((m) => m.conversationId === a.id))).toEqual(ids(ofA.slice(0, 2).reverse()));
    expect(ids(older.filter((m) => m.conversationId === b.id))).toEqual(ids(ofB.slice().reverse()));

    const counted = store.queryCount();
    const counts = await store.messageCounts([a.id, b.id, empty.id, 'not-a-uuid']);
    expect(Object.fromEntries(counts.map((c) => [c.conversationId, c.count]))).toEqual({ [a.id]: 5, [b.id]: 2 });
    const participants = await store.participantsOf([a.id, b.id, empty.id]);
    expect(participants).toHaveLength(6);
    expect(await store.conversationsByIds([a.id, b.id, empty.id])).toHaveLength(3);
    expect(store.queryCount() - counted).toBe(3);
  });

  it('finds ORDER conversations by order id, and allows one conversation per order', async () => {
    const [orderA, orderB, orderWithout] = [randomUUID(), randomUUID(), randomUUID()];
    const forA = await conversation({ kind: 'ORDER', orderId: orderA });
    const forB = await conversation({ kind: 'ORDER', orderId: orderB.toUpperCase() });
    // Conversations without an order do not collide with each other.
    await conversation({ kind: 'SUPPORT' });
    await conversation({ kind: 'AGENCY' });

    const before = store.queryCount();
    const found = await store.conversationsByOrderIds([orderA, orderB, orderWithout, 'not-a-uuid']);
    expect(store.queryCount() - before).toBe(1);
    expect(Object.fromEntries(found.map((c) => [c.orderId, c.id]))).toEqual({ [orderA]: forA.id, [orderB]: forB.id });

    const total = (await store.listConversations({ limit: 1, after: null })).totalCount;
    const second = randomUUID();
    await expect(conversation({ id: second, kind: 'ORDER', orderId: orderA })).rejects.toBeInstanceOf(ChatConflictError);
    expect((await store.listConversations({ limit: 1, after: null })).totalCount).toBe(total);
    expect(await store.conversationsByIds([second])).toEqual([]);
    expect(ids(await store.conversationsByOrderIds([orderA]))).toEqual([forA.id]);
  });

  it('moves last activity forward with each message, never backwards, atomically with the message', async () => {
    const quiet = await conversation({ createdAt: at(0) });
    const newer = await conversation({ createdAt: at(10) });
    const mine = new Set([quiet.id, newer.id]);
    const list = async () => ids((await store.listConversations({ limit: 100, after: null })).rows).filter((id) => mine.has(id));
    expect(await list()).toEqual([newer.id, quiet.id]);

    await store.insertMessage({ conversationId: quiet.id, senderId: user(), body: 'ping', createdAt: at(20) });
    const [bumped] = await store.conversationsByIds([quiet.id]);
    expect(bumped).toMatchObject({ createdAt: at(0), lastMessageAt: at(20), lastActivityAt: at(20) });
    expect(await list()).toEqual([quiet.id, newer.id]);

    // A late-arriving, older message does not move activity back.
    await store.insertMessage({ conversationId: quiet.id, senderId: user(), body: 'late', createdAt: at(15) });
    expect((await store.conversationsByIds([quiet.id]))[0]).toMatchObject({ lastMessageAt: at(20), lastActivityAt: at(20) });

    // No conversation, no message (and nothing bumped).
    const missing = randomUUID();
    const orphan = randomUUID();
    await expect(store.insertMessage({ id: orphan, conversationId: missing, senderId: user(), body: 'lost' })).rejects.toBeInstanceOf(
      ConversationNotFoundError,
    );
    await expect(store.insertMessage({ conversationId: 'not-a-uuid', senderId: user(), body: 'lost' })).rejects.toBeInstanceOf(
      ConversationNotFoundError,
    );
    expect(await store.messagesByIds([orphan])).toEqual([]);
    expect(await store.messageCounts([quiet.id, newer.id])).toEqual([{ conversationId: quiet.id, count: 2 }]);
  });

  it('lists conversations by last activity with a stable cursor, filtered by kind', async () => {
    const total = (await store.listConversations({ limit: 1, after: null })).totalCount;
    const support = (await store.listConversations({ limit: 1, after: null, kind: 'SUPPORT' })).totalCount;
    const made = [
      await conversation({ kind: 'SUPPORT', createdAt: at(1) }),
      await conversation({ kind: 'DIRECT', createdAt: at(5) }),
      await conversation({ kind: 'SUPPORT', createdAt: at(5) }),
      await conversation({ kind: 'AGENCY', createdAt: at(5) }),
      await conversation({ kind: 'DIRECT', createdAt: at(3) }),
    ];
    await store.insertMessage({ conversationId: made[0]!.id, senderId: user(), body: 'up', createdAt: at(4) });
    const mine = new Set(ids(made));
    const expected = ids((await store.conversationsByIds(ids(made))).sort(byActivity));

    const seen: ConversationRecord[] = [];
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const page = await store.listConversations({ limit: 2, after });
      expect(page.totalCount).toBe(total + 5);
      seen.push(...page.rows);
      const last = page.rows.at(-1);
      if (!last) break;
      after = { at: last.lastActivityAt, id: last.id };
    }
    // Every conversation once, in activity order; the five made here in their expected places.
    expect(new Set(ids(seen)).size).toBe(total + 5);
    expect(ids(seen)).toEqual(ids([...seen].sort(byActivity)));
    expect(ids(seen).filter((id) => mine.has(id))).toEqual(expected);

    const supportPage = await store.listConversations({ limit: 100, after: null, kind: 'SUPPORT' });
    expect(supportPage.totalCount).toBe(support + 2);
    expect(supportPage.rows.every((c) => c.kind === 'SUPPORT')).toBe(true);
    expect(ids(supportPage.rows).filter((id) => mine.has(id))).toEqual(expected.filter((id) => id === made[0]!.id || id === made[2]!.id));
  });

  it('imports conversations with their history, activity taken from the messages', async () => {
    const [talk, silent] = [randomUUID(), randomUUID()];
    const customer = user();
    await store.insertMany({
      conversations: [
        { id: talk, kind: 'ORDER', orderId: randomUUID(), participantIds: [customer, user()], createdAt: at(0), title: 'Order talk' },
        { id: silent, kind: 'SUPPORT', participantIds: [customer], createdAt: at(2) },
      ],
      messages: [
        { conversationId: talk, senderId: customer, body: 'first', createdAt: at(1) },
        { conversationId: talk, senderId: customer, body: 'last', createdAt: at(9) },
        { conversationId: talk, senderId: customer, body: 'middle', createdAt: at(5) },
      ],
    });
    const byId = new Map((await store.conversationsByIds([talk, silent])).map((c) => [c.id, c]));
    expect(byId.get(talk)).toMatchObject({ title: 'Order talk', lastMessageAt: at(9), lastActivityAt: at(9) });
    expect(byId.get(silent)).toMatchObject({ title: null, orderId: null, lastMessageAt: null, lastActivityAt: at(2) });
    expect((await store.messagesPage([talk], { limit: 10, after: null })).map((m) => m.body)).toEqual(['last', 'middle', 'first']);
    expect(await store.participantsOf([silent])).toEqual([{ conversationId: silent, userId: customer }]);
  });
}
