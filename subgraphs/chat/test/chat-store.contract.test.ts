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
const ps = (...userIds: string[]) => userIds.map((userId) => ({ userId, side: 'CUSTOMER' as const }));

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
    store.insertConversation({ kind: 'DIRECT', participants: ps(user(), user()), createdAt: at(0), ...overrides });
  const messages = async (conversationId: string, times: Date[]) => {
    const sent: MessageRecord[] = [];
    for (const [i, createdAt] of times.entries())
      sent.push((await store.insertMessage({ conversationId, senderId: user(), body: `message ${i}`, createdAt })).message);
    return sent;
  };

  it('is empty until the first conversation is stored', async () => {
    const fresh = await open();
    try {
      expect(await fresh.store.isEmpty()).toBe(true);
      await fresh.store.insertConversation({ kind: 'SUPPORT', participants: ps(user()) });
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
      participants: [...ps(customer), { userId: owner, side: 'AGENCY' }, ...ps(customer), { userId: staff, side: 'AGENCY' }],
      createdAt: at(0),
    });
    const expected: ConversationRecord = {
      id: created.id,
      kind: 'ORDER',
      orderId,
      agencyId,
      title: 'ORD-1: Fix the boiler',
      createdAt: at(0),
      disputed: false,
      lastMessageAt: null,
      lastActivityAt: at(0),
    };
    expect(created).toEqual(expected);
    expect(await store.conversationsByIds([created.id, randomUUID(), 'not-a-uuid'])).toEqual([expected]);
    // Participants once each, in joining order.
    expect(await store.participantsOf([created.id])).toEqual(
      [
        [customer, 'CUSTOMER'],
        [owner, 'AGENCY'],
        [staff, 'AGENCY'],
      ].map(([userId, side]) => ({
        conversationId: created.id,
        userId,
        side,
        lastReadMessageId: null,
        lastReadAt: null,
        joinedAt: at(0),
        leftAt: null,
      })),
    );

    const voice = { fileId: randomUUID(), durationMs: 1500, waveform: [0, 128, 255] };
    const attachment = randomUUID();
    const { message } = await store.insertMessage({
      conversationId: created.id,
      senderId: owner,
      body: 'We can come on Monday.',
      attachmentIds: [attachment],
      voice,
      createdAt: at(1),
    });
    expect(message).toEqual({
      id: message.id,
      conversationId: created.id,
      senderId: owner,
      body: 'We can come on Monday.',
      attachmentIds: [attachment],
      voice,
      clientMessageId: null,
      createdAt: at(1),
      editedAt: null,
      deletedAt: null,
      revisions: [],
    });
    // A UUIDv7: version 7, its first 48 bits the creation time.
    expect(message.id[14]).toBe('7');
    expect(parseInt(message.id.replace(/-/g, '').slice(0, 12), 16)).toBe(at(1).getTime());
    expect(await store.messagesByIds([message.id, randomUUID(), 'nope'])).toEqual([message]);
  });

  it('refuses malformed conversations and messages, and taken ids, without writing anything', async () => {
    const [invalidA, invalidB] = [randomUUID(), randomUUID()];
    await expect(store.insertConversation({ id: invalidA, kind: 'ORDER', participants: ps(user()) })).rejects.toBeInstanceOf(
      InvalidChatInputError,
    );
    await expect(store.insertConversation({ id: invalidB, kind: 'DIRECT', participants: [] })).rejects.toBeInstanceOf(
      InvalidChatInputError,
    );
    expect(await store.conversationsByIds([invalidA, invalidB])).toEqual([]);

    const existing = await conversation();
    await expect(conversation({ id: existing.id, createdAt: at(9) })).rejects.toBeInstanceOf(ChatConflictError);
    expect((await store.conversationsByIds([existing.id]))[0]?.createdAt).toEqual(at(0));
    const { message: sent } = await store.insertMessage({ conversationId: existing.id, senderId: user(), body: 'hello', createdAt: at(1) });
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

    const total = (await store.listConversations({ limit: 1, after: null, participantId: null })).totalCount;
    const second = randomUUID();
    await expect(conversation({ id: second, kind: 'ORDER', orderId: orderA })).rejects.toBeInstanceOf(ChatConflictError);
    expect((await store.listConversations({ limit: 1, after: null, participantId: null })).totalCount).toBe(total);
    expect(await store.conversationsByIds([second])).toEqual([]);
    expect(ids(await store.conversationsByOrderIds([orderA]))).toEqual([forA.id]);
  });

  it('moves last activity forward with each message, never backwards, atomically with the message', async () => {
    const quiet = await conversation({ createdAt: at(0) });
    const newer = await conversation({ createdAt: at(10) });
    const mine = new Set([quiet.id, newer.id]);
    const list = async () =>
      ids((await store.listConversations({ limit: 100, after: null, participantId: null })).rows).filter((id) => mine.has(id));
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
    const total = (await store.listConversations({ limit: 1, after: null, participantId: null })).totalCount;
    const support = (await store.listConversations({ limit: 1, after: null, kind: 'SUPPORT', participantId: null })).totalCount;
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
      const page = await store.listConversations({ limit: 2, after, participantId: null });
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

    const supportPage = await store.listConversations({ limit: 100, after: null, kind: 'SUPPORT', participantId: null });
    expect(supportPage.totalCount).toBe(support + 2);
    expect(supportPage.rows.every((c) => c.kind === 'SUPPORT')).toBe(true);
    expect(ids(supportPage.rows).filter((id) => mine.has(id))).toEqual(expected.filter((id) => id === made[0]!.id || id === made[2]!.id));
  });

  it('imports conversations with their history, activity taken from the messages', async () => {
    const [talk, silent] = [randomUUID(), randomUUID()];
    const customer = user();
    await store.insertMany({
      conversations: [
        { id: talk, kind: 'ORDER', orderId: randomUUID(), participants: ps(customer, user()), createdAt: at(0), title: 'Order talk' },
        { id: silent, kind: 'SUPPORT', participants: ps(customer), createdAt: at(2) },
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
    expect(await store.participantsOf([silent])).toMatchObject([{ conversationId: silent, userId: customer, side: 'CUSTOMER' }]);
  });

  it('makes a retried send idempotent per sender, conversation and clientMessageId, even when retries race', async () => {
    const { id } = await conversation();
    const sender = user();
    const send = (body: string) =>
      store.insertMessage({ conversationId: id, senderId: sender, body, clientMessageId: 'c-1' }, (m) => [
        { type: 'test.sent', data: { id: m.id } },
      ]);
    const results = await Promise.all([send('once'), send('twice'), send('thrice')]);
    expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await store.messageCounts([id])).toEqual([{ conversationId: id, count: 1 }]);
    // The event went out with the one stored message only.
    const events = (await store.outbox()).filter((e) => e.type === 'test.sent' && (e.data as { id: string }).id === results[0].message.id);
    expect(events).toHaveLength(1);
    // Another sender, or another conversation, may use the same client id.
    const other = await store.insertMessage({ conversationId: id, senderId: user(), body: 'mine', clientMessageId: 'c-1' });
    expect(other.duplicate).toBe(false);
    expect(await store.messageCounts([id])).toEqual([{ conversationId: id, count: 2 }]);
  });

  it('keeps nothing of a retried send: the conversation stays as the first send left it', async () => {
    const { id } = await conversation();
    const sender = user();
    const first = await store.insertMessage({ conversationId: id, senderId: sender, body: 'hi', clientMessageId: 'c-2', createdAt: at(5) });
    const retry = await store.insertMessage({ conversationId: id, senderId: sender, body: 'hi', clientMessageId: 'c-2', createdAt: at(9) });
    expect(retry).toEqual({ message: first.message, duplicate: true });
    expect((await store.conversationsByIds([id]))[0]).toMatchObject({ lastMessageAt: at(5), lastActivityAt: at(5) });
  });

  it('edits keep the earlier bodies; a delete empties the message and keeps its history', async () => {
    const { id } = await conversation();
    const { message } = await store.insertMessage({
      conversationId: id,
      senderId: user(),
      body: 'v1',
      attachmentIds: [randomUUID()],
      createdAt: at(1),
    });
    const edited = await store.editMessage(message.id, 'v2', at(2));
    expect(edited).toMatchObject({ body: 'v2', editedAt: at(2), revisions: [{ body: 'v1', replacedAt: at(2) }] });
    const again = await store.editMessage(message.id, 'v3', at(3));
    expect(again?.revisions).toEqual([
      { body: 'v1', replacedAt: at(2) },
      { body: 'v2', replacedAt: at(3) },
    ]);
    const deleted = await store.deleteMessage(message.id, at(4));
    expect(deleted).toMatchObject({ body: '', attachmentIds: [], voice: null, deletedAt: at(4) });
    expect(deleted?.revisions.map((r) => r.body)).toEqual(['v1', 'v2', 'v3']);
    // Deleting twice changes nothing.
    expect(await store.deleteMessage(message.id, at(5))).toEqual(deleted);
    expect(await store.messagesByIds([message.id])).toEqual([deleted]);
    expect(await store.editMessage(randomUUID(), 'x', at(6))).toBeNull();
    expect(await store.deleteMessage('nope', at(6))).toBeNull();
  });

  it('moves read markers forward only and counts unread messages of others, batched', async () => {
    const [alice, bob] = [user(), user()];
    const a = await conversation({ participants: ps(alice, bob) });
    const b = await conversation({ participants: ps(alice, bob) });
    const fromBob = async (conversationId: string, minute: number) =>
      (await store.insertMessage({ conversationId, senderId: bob, body: `m${minute}`, createdAt: at(minute) })).message;
    const [a1, a2, a3] = [await fromBob(a.id, 1), await fromBob(a.id, 2), await fromBob(a.id, 3)];
    await store.insertMessage({ conversationId: a.id, senderId: alice, body: 'own', createdAt: at(4) });
    await fromBob(b.id, 1);
    const unread = async () => Object.fromEntries((await store.unreadCounts(alice, [a.id, b.id])).map((c) => [c.conversationId, c.count]));
    expect(await unread()).toEqual({ [a.id]: 3, [b.id]: 1 });
    // Bob has not read Alice's one message; someone without conversations is left out.
    const totals = await store.unreadTotals([alice, bob, user()]);
    expect(Object.fromEntries(totals.map((t) => [t.userId, t.count]))).toEqual({ [alice]: 4, [bob]: 1 });

    expect(await store.markRead(a.id, alice, a2, at(10))).toMatchObject({ userId: alice, lastReadMessageId: a2.id, lastReadAt: at(10) });
    expect(await unread()).toEqual({ [a.id]: 1, [b.id]: 1 });
    // Never backwards.
    expect(await store.markRead(a.id, alice, a1, at(11))).toMatchObject({ lastReadMessageId: a2.id, lastReadAt: at(10) });
    // A deleted message is not unread.
    await store.deleteMessage(a3.id, at(12));
    expect(await unread()).toEqual({ [b.id]: 1 });
    expect(await store.markRead(a.id, user(), a3, at(12))).toBeNull();

    const before = store.queryCount();
    await store.unreadCounts(alice, [a.id, b.id, randomUUID()]);
    await store.unreadTotals([alice, bob]);
    expect(store.queryCount() - before).toBe(2);
  });

  it('applies event writes: one ORDER conversation per order, the disputed flag, agency members joining and leaving', async () => {
    const [agencyId, owner, staff, customer, orderId] = [randomUUID(), user(), user(), user(), randomUUID()];
    const order = {
      kind: 'ORDER' as const,
      orderId,
      agencyId,
      participants: [...ps(customer), { userId: owner, side: 'AGENCY' as const }],
    };
    const [first, second] = await Promise.all([
      store.inTransaction((w) => w.ensureOrderConversation(order)),
      store.inTransaction((w) => w.ensureOrderConversation(order)),
    ]).catch(async () => [
      // A race may make one transaction fail (it is retried by the consumer); replaying finds the first.
      await store.inTransaction((w) => w.ensureOrderConversation(order)),
      await store.inTransaction((w) => w.ensureOrderConversation(order)),
    ]);
    expect(first.conversation.id).toBe(second.conversation.id);
    expect(await store.conversationsByOrderIds([orderId])).toHaveLength(1);

    expect((await store.inTransaction((w) => w.setOrderDisputed(orderId, true)))?.disputed).toBe(true);
    expect((await store.conversationsByOrderIds([orderId]))[0]?.disputed).toBe(true);
    await store.inTransaction((w) => w.setOrderDisputed(orderId, false));
    expect((await store.conversationsByOrderIds([orderId]))[0]?.disputed).toBe(false);

    const agencyTalk = await conversation({ kind: 'AGENCY', agencyId, participants: [...ps(customer), { userId: owner, side: 'AGENCY' }] });
    await store.inTransaction(async (w) => {
      await w.upsertAgencyMember({ agencyId, userId: owner, role: 'OWNER' });
      await w.upsertAgencyMember({ agencyId, userId: staff, role: 'STAFF' });
      expect((await w.joinAgencyConversations(agencyId, staff, at(5))).sort()).toEqual([first.conversation.id, agencyTalk.id].sort());
    });
    // Owners first.
    expect(await store.agencyMembers([agencyId])).toEqual([
      { agencyId, userId: owner, role: 'OWNER' },
      { agencyId, userId: staff, role: 'STAFF' },
    ]);
    const active = async (id: string) => (await store.participantsOf([id])).filter((p) => p.leftAt === null).map((p) => p.userId);
    expect(await active(agencyTalk.id)).toEqual([customer, owner, staff]);
    expect((await store.participantsOf([agencyTalk.id]))[2]).toMatchObject({ side: 'AGENCY', joinedAt: at(5) });

    await store.inTransaction(async (w) => {
      await w.removeAgencyMember(agencyId, owner);
      await w.leaveAgencyConversations(agencyId, owner, at(6));
    });
    expect(await active(agencyTalk.id)).toEqual([customer, staff]);
    expect(await active(first.conversation.id)).toEqual([customer, staff]);
    expect(await store.agencyMembers([agencyId])).toEqual([{ agencyId, userId: staff, role: 'STAFF' }]);
    // The member left: their conversations no longer list it; rejoining re-admits them.
    expect((await store.listConversations({ limit: 100, after: null, participantId: owner })).totalCount).toBe(0);
    await store.inTransaction((w) => w.joinAgencyConversations(agencyId, owner, at(7)));
    expect((await store.listConversations({ limit: 100, after: null, participantId: owner })).totalCount).toBe(2);
  });

  it("lists a user's conversations only, and finds the open AGENCY or DIRECT conversation to reuse", async () => {
    const [alice, bob, carol, agencyId] = [user(), user(), user(), randomUUID()];
    const direct = await conversation({ kind: 'DIRECT', participants: ps(alice, bob), createdAt: at(1) });
    const agency = await conversation({
      kind: 'AGENCY',
      agencyId,
      participants: [...ps(alice), { userId: carol, side: 'AGENCY' }],
      createdAt: at(2),
    });
    await conversation({ kind: 'DIRECT', participants: ps(bob, carol) });
    const mine = await store.listConversations({ limit: 10, after: null, participantId: alice });
    expect(mine.totalCount).toBe(2);
    expect(ids(mine.rows)).toEqual([agency.id, direct.id]);
    expect((await store.findOpenConversation({ kind: 'DIRECT', userIds: [bob, alice] }))?.id).toBe(direct.id);
    expect(await store.findOpenConversation({ kind: 'DIRECT', userIds: [alice, carol] })).toBeNull();
    expect((await store.findOpenConversation({ kind: 'AGENCY', agencyId, userId: alice }))?.id).toBe(agency.id);
    expect(await store.findOpenConversation({ kind: 'AGENCY', agencyId, userId: bob })).toBeNull();
  });
}
