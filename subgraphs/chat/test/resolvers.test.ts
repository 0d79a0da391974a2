import { randomUUID } from 'node:crypto';
import { demoData } from '@market/demo-data';
import { freshPostgres, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/store/seed';
import { adminViewer, codes, openHarness, viewer, type Harness } from './harness';
import { testLogger } from '@market/testkit';
import type { Viewer } from '@market/kit';

// The rules, through the subgraph schema with real viewers (PGlite, or PostgreSQL with DATABASE_URL).
let postgres: Provisioned;
let h: Harness;

beforeAll(async () => {
  postgres = await freshPostgres('chat_resolvers');
  h = await openHarness({ DATABASE_URL: postgres.url });
});
afterAll(async () => {
  await h?.close();
  await postgres?.cleanup();
});

const user = () => randomUUID();

/** An ORDER conversation made the way production makes it: agency members, then order.placed. */
async function orderConversation() {
  const [customer, owner, staff, outsider, agencyId, orderId] = [user(), user(), user(), user(), randomUUID(), randomUUID()];
  await h.event('agency.member.added', { agencyId, userId: owner, role: 'OWNER' });
  await h.event('agency.member.added', { agencyId, userId: staff, role: 'STAFF' });
  await h.event('order.placed', {
    orderId,
    number: 'ORD-1',
    customerId: customer,
    agencyId,
    title: 'Fix the boiler',
    amount: 100,
    currency: 'EUR',
    dueDate: null,
    at: new Date().toISOString(),
  });
  const [conversation] = await h.runtime.store.conversationsByOrderIds([orderId]);
  return { customer, owner, staff, outsider, agencyId, orderId, id: conversation!.id };
}

const SEND = `mutation ($input: SendMessageInput!) {
  sendMessage(input: $input) { id body createdAt sender { id } conversation { id } attachments { id } voice { file { id } durationMs waveform } }
}`;
const READ = `query ($id: ID!) { conversation(id: $id) { id kind participants { user { id } side } messages(first: 10) { totalCount edges { node { id body } } } } }`;

async function send(sender: string | Viewer, conversationId: string, body: string, extra: Record<string, unknown> = {}) {
  const result = await h.run<{ sendMessage: { id: string } }>(typeof sender === 'string' ? viewer(sender) : sender, SEND, {
    input: { conversationId, body, ...extra },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.sendMessage.id;
}

describe('participants only', () => {
  it('lets participants read and write, refuses everyone else, and needs a signed-in user', async () => {
    const c = await orderConversation();
    const messageId = await send(c.customer, c.id, 'Hello');
    const asStaff = await h.run<{
      conversation: { participants: { user: { id: string }; side: string }[]; messages: { edges: { node: { id: string } }[] } };
    }>(viewer(c.staff, ['AGENCY_STAFF']), READ, { id: c.id });
    expect(asStaff.errors).toBeUndefined();
    expect(asStaff.data?.conversation.participants).toEqual([
      { user: { id: c.customer }, side: 'CUSTOMER' },
      { user: { id: c.owner }, side: 'AGENCY' },
      { user: { id: c.staff }, side: 'AGENCY' },
    ]);
    expect(asStaff.data?.conversation.messages.edges.map((e) => e.node.id)).toEqual([messageId]);

    const outsider = await h.run(viewer(c.outsider), READ, { id: c.id });
    expect(codes(outsider)).toEqual(['FORBIDDEN']);
    const intrusion = await h.run(viewer(c.outsider), SEND, { input: { conversationId: c.id, body: 'let me in' } });
    expect(codes(intrusion)).toEqual(['FORBIDDEN']);
    expect(await h.runtime.store.messageCounts([c.id])).toEqual([{ conversationId: c.id, count: 1 }]);

    expect((await h.run(viewer(c.customer), READ, { id: randomUUID() })).data).toEqual({ conversation: null });
    expect(codes(await h.run(viewer(c.customer), SEND, { input: { conversationId: randomUUID(), body: 'x' } }))).toEqual(['NOT_FOUND']);
    expect(codes(await h.run(null, READ, { id: c.id }))).toEqual(['UNAUTHENTICATED']);

    // Order.conversation: the participants' only.
    const order = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Order { conversation { id } } } }`;
    const reps = { reps: [{ __typename: 'Order', id: c.orderId }] };
    expect((await h.run(viewer(c.customer), order, reps)).data).toEqual({ _entities: [{ conversation: { id: c.id } }] });
    expect((await h.run(viewer(c.outsider), order, reps)).data).toEqual({ _entities: [{ conversation: null }] });

    // The list holds the viewer's conversations only.
    const mine = await h.run<{ conversations: { totalCount: number; edges: { node: { id: string } }[] } }>(
      viewer(c.outsider),
      '{ conversations { totalCount edges { node { id } } } }',
    );
    expect(mine.data?.conversations.totalCount).toBe(0);
  });
});

describe('admins', () => {
  it('read SUPPORT and disputed ORDER conversations, audited, without becoming participants', async () => {
    const [customer, adminId] = [user(), user()];
    const admin = adminViewer(adminId);
    const started = await h.run<{ startConversation: { id: string } }>(
      viewer(customer),
      `mutation { startConversation(input: { kind: SUPPORT, title: "Invoices", body: "Where is my invoice?" }) { id } }`,
    );
    expect(started.errors).toBeUndefined();
    const supportId = started.data!.startConversation.id;
    const audits = async () =>
      (await h.runtime.store.outbox(100_000))
        .filter((e) => e.type === 'audit.recorded' && (e.data as { actorId: string }).actorId === adminId)
        .map((e) => e.data);

    const read = await h.run<{ conversation: { messages: { totalCount: number } } }>(admin, READ, { id: supportId });
    expect(read.errors).toBeUndefined();
    expect(read.data?.conversation.messages.totalCount).toBe(1);
    expect(await audits()).toEqual([
      expect.objectContaining({
        actorId: adminId,
        action: 'chat.conversation.admin_read',
        subjectType: 'Conversation',
        subjectId: supportId,
        ip: '203.0.113.7',
        userAgent: 'vitest',
      }),
    ]);
    expect((await h.runtime.store.participantsOf([supportId])).map((p) => p.userId)).toEqual([customer]);
    // Without the admin scope, or not an admin: refused.
    expect(codes(await h.run(adminViewer(adminId, ['admin:orders']), READ, { id: supportId }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.run(viewer(adminId, ['CUSTOMER'], ['admin:users']), READ, { id: supportId }))).toEqual(['FORBIDDEN']);

    // An ORDER conversation opens to admins only while its order is DISPUTED, and stays read-only.
    const c = await orderConversation();
    expect(codes(await h.run(admin, READ, { id: c.id }))).toEqual(['FORBIDDEN']);
    await h.event('order.transitioned', { orderId: c.orderId, from: 'DELIVERED', to: 'DISPUTED', action: 'DISPUTE' });
    expect((await h.run(admin, READ, { id: c.id })).errors).toBeUndefined();
    expect((await audits()).map((a) => (a as { subjectId: string }).subjectId)).toEqual([supportId, c.id]);
    expect(codes(await h.run(admin, SEND, { input: { conversationId: c.id, body: 'admin here' } }))).toEqual(['FORBIDDEN']);
    await h.event('order.transitioned', { orderId: c.orderId, from: 'DISPUTED', to: 'RESOLVED', action: 'RESOLVE' });
    expect(codes(await h.run(admin, READ, { id: c.id }))).toEqual(['FORBIDDEN']);

    // Writing in SUPPORT makes the admin a participant (side ADMIN); their reads are then not audited.
    await send(admin, supportId, 'Under Orders → Invoices.');
    const after = await h.run<{ conversation: { participants: { user: { id: string }; side: string }[] } }>(admin, READ, { id: supportId });
    expect(after.data?.conversation.participants).toContainEqual({ user: { id: adminId }, side: 'ADMIN' });
    expect(await audits()).toHaveLength(2);
    const sent = (await h.runtime.store.outbox(100_000)).filter(
      (e) => e.type === 'message.sent' && (e.data as { conversationId: string }).conversationId === supportId,
    );
    expect(sent.map((e) => (e.data as { senderSide: string }).senderSide)).toEqual(['CUSTOMER', 'ADMIN']);
  });
});

describe('sendMessage', () => {
  it('refuses each bad field with BAD_USER_INPUT naming it, and stores nothing', async () => {
    const c = await orderConversation();
    const file = randomUUID();
    const cases: [Record<string, unknown>, string][] = [
      [{ body: `  ${'x'.repeat(4001)}  ` }, 'body'],
      [{ body: 'ring \u0007' }, 'body'],
      [{ body: '   ' }, 'body'],
      [{ body: 'x', attachmentIds: Array.from({ length: 11 }, () => randomUUID()) }, 'attachmentIds'],
      [{ body: 'x', attachmentIds: ['file-1'] }, 'attachmentIds'],
      [{ body: 'x', voice: { fileId: file, durationMs: 0 } }, 'voice.durationMs'],
      [{ body: 'x', voice: { fileId: file, durationMs: 600_001 } }, 'voice.durationMs'],
      [{ body: 'x', voice: { fileId: file, durationMs: 1000, waveform: Array.from({ length: 257 }, () => 3) } }, 'voice.waveform'],
      [{ body: 'x', voice: { fileId: file, durationMs: 1000, waveform: [12, 256] } }, 'voice.waveform'],
      [{ body: 'x', voice: { fileId: 'voice', durationMs: 1000 } }, 'voice.fileId'],
      [{ body: 'x', clientMessageId: 'c'.repeat(101) }, 'clientMessageId'],
    ];
    for (const [input, field] of cases) {
      const result = await h.run(viewer(c.customer), SEND, { input: { conversationId: c.id, ...input } });
      expect(codes(result), field).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0]?.extensions?.field, JSON.stringify(input).slice(0, 80)).toBe(field);
    }
    expect(await h.runtime.store.messageCounts([c.id])).toEqual([]);
    expect((await h.runtime.store.outbox(100_000)).filter((e) => (e.data as { conversationId?: string }).conversationId === c.id)).toEqual(
      [],
    );
  });

  it('stores the trimmed markdown source, attachments and voice, records message.sent, and makes retries idempotent', async () => {
    const c = await orderConversation();
    const [fileA, fileB, audio] = [randomUUID(), randomUUID(), randomUUID()];
    const result = await h.run<{ sendMessage: Record<string, unknown> }>(viewer(c.staff, ['AGENCY_STAFF']), SEND, {
      input: { conversationId: c.id, body: '  **Quote** attached  ', attachmentIds: [fileA, fileB], clientMessageId: 'k-1' },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?.sendMessage).toMatchObject({
      body: '**Quote** attached',
      sender: { id: c.staff },
      conversation: { id: c.id },
      attachments: [{ id: fileA }, { id: fileB }],
    });
    const id = result.data!.sendMessage.id as string;
    const retry = await h.run<{ sendMessage: { id: string } }>(viewer(c.staff, ['AGENCY_STAFF']), SEND, {
      input: { conversationId: c.id, body: '**Quote** attached', attachmentIds: [fileA, fileB], clientMessageId: 'k-1' },
    });
    expect(retry.data?.sendMessage.id).toBe(id);
    const voice = await h.run<{ sendMessage: Record<string, unknown> }>(viewer(c.customer), SEND, {
      input: { conversationId: c.id, voice: { fileId: audio, durationMs: 4200, waveform: [0, 80, 255] } },
    });
    expect(voice.data?.sendMessage).toMatchObject({ body: '', voice: { file: { id: audio }, durationMs: 4200, waveform: [0, 80, 255] } });
    const events = (await h.runtime.store.outbox(100_000)).filter(
      (e) => e.type === 'message.sent' && (e.data as { conversationId: string }).conversationId === c.id,
    );
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({
        messageId: id,
        kind: 'ORDER',
        orderId: c.orderId,
        agencyId: c.agencyId,
        senderId: c.staff,
        senderSide: 'AGENCY',
      }),
      expect.objectContaining({ messageId: voice.data?.sendMessage.id, senderId: c.customer, senderSide: 'CUSTOMER' }),
    ]);
  });
});

describe('editMessage and deleteMessage', () => {
  it('change own messages only, keep history for the sender and admins, and refuse edits of deleted ones', async () => {
    const c = await orderConversation();
    const id = await send(c.customer, c.id, 'Monday?');
    const edit = `mutation ($id: ID!, $body: String!) { editMessage(id: $id, body: $body) { body editedAt history { body } } }`;
    expect(codes(await h.run(viewer(c.owner), edit, { id, body: 'hacked' }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.run(viewer(c.customer), edit, { id, body: ' ' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(viewer(c.customer), edit, { id: randomUUID(), body: 'x' }))).toEqual(['NOT_FOUND']);
    const edited = await h.run<{ editMessage: { body: string; editedAt: string; history: { body: string }[] } }>(viewer(c.customer), edit, {
      id,
      body: 'Tuesday?',
    });
    expect(edited.data?.editMessage).toMatchObject({ body: 'Tuesday?', history: [{ body: 'Monday?' }] });

    const history = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Message { body deletedAt history { body } } } }`;
    const reps = { reps: [{ __typename: 'Message', id }] };
    expect((await h.run(viewer(c.owner), history, reps)).data).toEqual({
      _entities: [{ body: 'Tuesday?', deletedAt: null, history: null }],
    });

    const del = `mutation ($id: ID!) { deleteMessage(id: $id) { body deletedAt } }`;
    expect(codes(await h.run(viewer(c.staff), del, { id }))).toEqual(['FORBIDDEN']);
    const deleted = await h.run<{ deleteMessage: { body: string; deletedAt: string | null } }>(viewer(c.customer), del, { id });
    expect(deleted.data?.deleteMessage.body).toBe('');
    expect(deleted.data?.deleteMessage.deletedAt).toEqual(expect.any(String));
    expect((await h.run(viewer(c.customer), history, reps)).data).toMatchObject({
      _entities: [{ body: '', history: [{ body: 'Monday?' }, { body: 'Tuesday?' }] }],
    });
    expect((await h.run(viewer(c.owner), history, reps)).data).toMatchObject({ _entities: [{ body: '', history: null }] });
    expect(codes(await h.run(viewer(c.customer), edit, { id, body: 'back' }))).toEqual(['BAD_USER_INPUT']);
    // Non-participants cannot even resolve the reference.
    expect((await h.run(viewer(c.outsider), history, reps)).data).toEqual({ _entities: [null] });
  });
});

describe('read receipts and unread counts', () => {
  it('counts what others sent after the read marker, per conversation and per user, batched', async () => {
    const c = await orderConversation();
    const ids = [await send(c.owner, c.id, 'one'), await send(c.owner, c.id, 'two'), await send(c.staff, c.id, 'three')];
    await send(c.customer, c.id, 'mine');
    const counts = `query ($id: ID!, $reps: [_Any!]!) {
      conversation(id: $id) { unreadCount participants { user { id } lastReadMessageId } }
      _entities(representations: $reps) { ... on User { id unreadMessages } }
    }`;
    const reps = [c.customer, c.owner].map((id) => ({ __typename: 'User', id }));
    const before = await h.run<{ conversation: { unreadCount: number }; _entities: { id: string; unreadMessages: number | null }[] }>(
      viewer(c.customer),
      counts,
      { id: c.id, reps },
    );
    expect(before.errors).toBeUndefined();
    expect(before.data?.conversation.unreadCount).toBe(3);
    // Only the signed-in user's own count; null for anyone else.
    expect(before.data?._entities).toEqual([
      { id: c.customer, unreadMessages: 3 },
      { id: c.owner, unreadMessages: null },
    ]);

    const mark = `mutation ($id: ID!, $m: ID) { markConversationRead(conversationId: $id, messageId: $m) { unreadCount participants { user { id } lastReadMessageId lastReadAt } } }`;
    const marked = await h.run<{
      markConversationRead: { unreadCount: number; participants: { user: { id: string }; lastReadMessageId: string | null }[] };
    }>(viewer(c.customer), mark, { id: c.id, m: ids[1] });
    expect(marked.errors).toBeUndefined();
    expect(marked.data?.markConversationRead.unreadCount).toBe(1);
    expect(marked.data?.markConversationRead.participants[0]).toMatchObject({ user: { id: c.customer }, lastReadMessageId: ids[1] });
    // Marking an older message read does not move the marker back.
    await h.run(viewer(c.customer), mark, { id: c.id, m: ids[0] });
    expect(
      (await h.run<{ conversation: { unreadCount: number } }>(viewer(c.customer), counts, { id: c.id, reps })).data?.conversation
        .unreadCount,
    ).toBe(1);
    // Default: up to the newest message.
    const all = await h.run<{ markConversationRead: { unreadCount: number } }>(viewer(c.customer), mark, { id: c.id });
    expect(all.data?.markConversationRead.unreadCount).toBe(0);
    expect(codes(await h.run(viewer(c.outsider), mark, { id: c.id }))).toEqual(['FORBIDDEN']);
    const other = await orderConversation();
    const foreign = await send(other.customer, other.id, 'elsewhere');
    expect(codes(await h.run(viewer(c.customer), mark, { id: c.id, m: foreign }))).toEqual(['BAD_USER_INPUT']);
  });

  it('seeds demo conversations with read receipts (some unread) and resolves a list with a constant number of queries', async () => {
    const seeded = await openHarness();
    try {
      await seedDemoData(seeded.runtime.store, testLogger('seed'));
      const demo = demoData();
      const customer = demo.users.find((u) => u.email === 'customer@example.com')!;
      const list = `query ($first: Int) { conversations(first: $first) { totalCount edges { node { id kind unreadCount lastMessage { id } participants { user { id } } messages(first: 3) { totalCount edges { node { id sender { id } } } } } } } }`;
      const page = async (first: number) => {
        const before = seeded.runtime.store.queryCount();
        const result = await seeded.run<{
          conversations: { totalCount: number; edges: { node: { kind: string; unreadCount: number } }[] };
        }>(viewer(customer.id), list, { first });
        expect(result.errors).toBeUndefined();
        return { result: result.data!.conversations, queries: seeded.runtime.store.queryCount() - before };
      };
      const small = await page(3);
      const large = await page(20);
      expect(large.result.edges.length).toBeGreaterThan(small.result.edges.length);
      expect(large.queries).toBe(small.queries);
      expect(large.result.edges.some((e) => e.node.kind === 'SUPPORT')).toBe(true);
      expect(large.result.edges.some((e) => e.node.unreadCount > 0)).toBe(true);
      const support = demo.conversations.find((c) => c.kind === 'SUPPORT')!;
      const admin = demo.users.find((u) => u.email === 'admin@example.com')!;
      const answer = await seeded.run<{ conversation: { participants: { side: string }[]; messages: { totalCount: number } } }>(
        viewer(customer.id),
        READ,
        { id: support.id },
      );
      expect(answer.data?.conversation.messages.totalCount).toBe(2);
      expect(answer.data?.conversation.participants).toContainEqual({ user: { id: admin.id }, side: 'ADMIN' });
    } finally {
      await seeded.close();
    }
  });
});

describe('startConversation', () => {
  it('reuses open AGENCY and DIRECT conversations, opens SUPPORT ones, and never ORDER ones', async () => {
    const c = await orderConversation();
    const start = `mutation ($input: StartConversationInput!) { startConversation(input: $input) { id kind agency { id } participants { user { id } side } messages { totalCount } } }`;
    type Started = {
      startConversation: {
        id: string;
        kind: string;
        participants: { user: { id: string }; side: string }[];
        messages: { totalCount: number };
      };
    };
    const first = await h.run<Started>(viewer(c.outsider), start, {
      input: { kind: 'AGENCY', agencyId: c.agencyId, body: 'Do you work on weekends?' },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data?.startConversation.participants).toEqual([
      { user: { id: c.outsider }, side: 'CUSTOMER' },
      { user: { id: c.owner }, side: 'AGENCY' },
      { user: { id: c.staff }, side: 'AGENCY' },
    ]);
    expect(first.data?.startConversation.messages.totalCount).toBe(1);
    const again = await h.run<Started>(viewer(c.outsider), start, { input: { kind: 'AGENCY', agencyId: c.agencyId } });
    expect(again.data?.startConversation.id).toBe(first.data?.startConversation.id);

    const direct = await h.run<Started>(viewer(c.customer), start, { input: { kind: 'DIRECT', userId: c.outsider } });
    const back = await h.run<Started>(viewer(c.outsider), start, { input: { kind: 'DIRECT', userId: c.customer } });
    expect(back.data?.startConversation.id).toBe(direct.data?.startConversation.id);

    const refusals: [Record<string, unknown>, string, string][] = [
      [{ kind: 'ORDER' }, 'BAD_USER_INPUT', 'kind'],
      [{ kind: 'AGENCY' }, 'BAD_USER_INPUT', 'agencyId'],
      [{ kind: 'AGENCY', agencyId: 'acme' }, 'BAD_USER_INPUT', 'agencyId'],
      [{ kind: 'DIRECT', userId: c.customer }, 'BAD_USER_INPUT', 'userId'],
      [{ kind: 'SUPPORT', title: 'x'.repeat(201) }, 'BAD_USER_INPUT', 'title'],
      [{ kind: 'SUPPORT', body: 'x'.repeat(4001) }, 'BAD_USER_INPUT', 'body'],
    ];
    for (const [input, code, field] of refusals) {
      const result = await h.run(viewer(c.customer), start, { input });
      expect(codes(result), JSON.stringify(input).slice(0, 60)).toEqual([code]);
      expect(result.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(codes(await h.run(viewer(c.customer), start, { input: { kind: 'AGENCY', agencyId: randomUUID() } }))).toEqual(['NOT_FOUND']);
    expect(codes(await h.run(viewer(c.owner), start, { input: { kind: 'AGENCY', agencyId: c.agencyId } }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('event handlers', () => {
  it('create one ORDER conversation per order, and move agency members in and out of the agency conversations', async () => {
    const c = await orderConversation();
    // A replayed order.placed changes nothing.
    await h.event('order.placed', {
      orderId: c.orderId,
      number: 'ORD-1',
      customerId: c.customer,
      agencyId: c.agencyId,
      title: 'Again',
      at: new Date().toISOString(),
    });
    expect(await h.runtime.store.conversationsByOrderIds([c.orderId])).toHaveLength(1);

    const newcomer = user();
    await h.event('agency.member.added', { agencyId: c.agencyId, userId: newcomer, role: 'STAFF' });
    expect((await h.run(viewer(newcomer, ['AGENCY_STAFF']), READ, { id: c.id })).errors).toBeUndefined();
    await h.event('agency.member.removed', { agencyId: c.agencyId, userId: c.staff, role: 'STAFF' });
    expect(codes(await h.run(viewer(c.staff, ['AGENCY_STAFF']), READ, { id: c.id }))).toEqual(['FORBIDDEN']);
    expect(codes(await h.run(viewer(c.staff, ['AGENCY_STAFF']), SEND, { input: { conversationId: c.id, body: 'still here?' } }))).toEqual([
      'FORBIDDEN',
    ]);
  });
});

describe('typing', () => {
  it('is throttled per user and conversation; stopping always goes out; outsiders are refused', async () => {
    const c = await orderConversation();
    const typing = `mutation ($id: ID!, $typing: Boolean!) { setTyping(conversationId: $id, typing: $typing) }`;
    expect((await h.run(viewer(c.customer), typing, { id: c.id, typing: true })).data).toEqual({ setTyping: true });
    expect((await h.run(viewer(c.customer), typing, { id: c.id, typing: true })).data).toEqual({ setTyping: false });
    expect((await h.run(viewer(c.owner), typing, { id: c.id, typing: true })).data).toEqual({ setTyping: true });
    expect((await h.run(viewer(c.customer), typing, { id: c.id, typing: false })).data).toEqual({ setTyping: true });
    expect((await h.run(viewer(c.customer), typing, { id: c.id, typing: true })).data).toEqual({ setTyping: true });
    expect(codes(await h.run(viewer(c.outsider), typing, { id: c.id, typing: true }))).toEqual(['FORBIDDEN']);
  });
});
