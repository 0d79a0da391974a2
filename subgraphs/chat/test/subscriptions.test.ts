import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, isIterator, nextEvent, openHarness, viewer, type Harness } from './harness';

// Subscriptions through graphql-js `subscribe()` over the subgraph schema (PGlite, in-process pub/sub).
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(async () => {
  await h?.close();
});

async function conversationOf() {
  const [customer, owner, outsider, agencyId, orderId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await h.event('agency.member.added', { agencyId, userId: owner, role: 'OWNER' });
  await h.event('order.placed', { orderId, number: 'ORD-7', customerId: customer, agencyId, title: 'Paint', at: new Date().toISOString() });
  const [conversation] = await h.runtime.store.conversationsByOrderIds([orderId]);
  return { customer, owner, outsider, id: conversation!.id };
}

const MESSAGE_ADDED = `subscription ($id: ID!) { messageAdded(conversationId: $id) { id body createdAt sender { id } conversation { id } attachments { id } } }`;
const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;

describe('messageAdded', () => {
  it('delivers committed messages to participants, with the keys of the references', async () => {
    const c = await conversationOf();
    const subscription = await h.subscribe<{
      messageAdded: { id: string; body: string; sender: { id: string }; conversation: { id: string } };
    }>(viewer(c.customer), MESSAGE_ADDED, { id: c.id });
    if (!isIterator(subscription)) throw new Error(JSON.stringify(subscription.errors));
    const file = randomUUID();
    const sent = await h.run<{ sendMessage: { id: string } }>(viewer(c.owner), SEND, {
      input: { conversationId: c.id, body: 'On our way', attachmentIds: [file] },
    });
    const event = await nextEvent(subscription);
    expect(event.errors).toBeUndefined();
    expect(event.data?.messageAdded).toMatchObject({
      id: sent.data?.sendMessage.id,
      body: 'On our way',
      sender: { id: c.owner },
      conversation: { id: c.id },
      attachments: [{ id: file }],
    });
    // Persisted before it was published: the store has it by the time it arrives.
    expect(await h.runtime.store.messagesByIds([event.data!.messageAdded.id])).toHaveLength(1);
    // A retried send (same clientMessageId) is not delivered twice.
    const input = { conversationId: c.id, body: 'once', clientMessageId: 'r-1' };
    await h.run(viewer(c.owner), SEND, { input });
    await h.run(viewer(c.owner), SEND, { input });
    await h.run(viewer(c.owner), SEND, { input: { conversationId: c.id, body: 'after' } });
    expect((await nextEvent(subscription)).data?.messageAdded.body).toBe('once');
    expect((await nextEvent(subscription)).data?.messageAdded.body).toBe('after');
    await subscription.return(undefined);
  });

  it('refuses non-participants (FORBIDDEN), unknown conversations (NOT_FOUND) and anonymous callers', async () => {
    const c = await conversationOf();
    const forbidden = await h.subscribe(viewer(c.outsider), MESSAGE_ADDED, { id: c.id });
    expect(isIterator(forbidden)).toBe(false);
    expect(codes(forbidden as never)).toEqual(['FORBIDDEN']);
    expect(codes((await h.subscribe(viewer(c.customer), MESSAGE_ADDED, { id: randomUUID() })) as never)).toEqual(['NOT_FOUND']);
    expect(codes((await h.subscribe(null, MESSAGE_ADDED, { id: c.id })) as never)).toEqual(['UNAUTHENTICATED']);
  });

  it('shares one channel subscription per conversation among local subscribers, released with the last', async () => {
    const c = await conversationOf();
    const before = h.runtime.realtime.channelCount;
    const subscribers = await Promise.all(
      [c.customer, c.owner, c.customer].map((u) => h.subscribe<{ messageAdded: { body: string } }>(viewer(u), MESSAGE_ADDED, { id: c.id })),
    );
    expect(h.runtime.realtime.channelCount).toBe(before + 1);
    await h.run(viewer(c.customer), SEND, { input: { conversationId: c.id, body: 'to all' } });
    for (const s of subscribers) {
      if (!isIterator(s)) throw new Error('refused');
      expect((await nextEvent(s)).data?.messageAdded.body).toBe('to all');
    }
    for (const s of subscribers) if (isIterator(s)) await s.return(undefined);
    expect(h.runtime.realtime.channelCount).toBe(before);
  });
});

describe('conversationUpdated', () => {
  it("follows the viewer's conversations: new messages, read receipts, edits and deletes, with fresh data each time", async () => {
    const c = await conversationOf();
    const updates = await h.subscribe<{ conversationUpdated: { id: string; unreadCount: number; lastMessage: { body: string } | null } }>(
      viewer(c.customer),
      `subscription { conversationUpdated { id unreadCount lastMessage { body } } }`,
    );
    if (!isIterator(updates)) throw new Error(JSON.stringify(updates.errors));
    const sent = await h.run<{ sendMessage: { id: string } }>(viewer(c.owner), SEND, { input: { conversationId: c.id, body: 'hello' } });
    expect((await nextEvent(updates)).data?.conversationUpdated).toEqual({ id: c.id, unreadCount: 1, lastMessage: { body: 'hello' } });
    await h.run(viewer(c.customer), `mutation ($id: ID!) { markConversationRead(conversationId: $id) { id } }`, { id: c.id });
    expect((await nextEvent(updates)).data?.conversationUpdated).toEqual({ id: c.id, unreadCount: 0, lastMessage: { body: 'hello' } });
    await h.run(viewer(c.owner), `mutation ($id: ID!) { editMessage(id: $id, body: "hello again") { id } }`, {
      id: sent.data!.sendMessage.id,
    });
    expect((await nextEvent(updates)).data?.conversationUpdated.lastMessage).toEqual({ body: 'hello again' });
    await h.run(viewer(c.owner), `mutation ($id: ID!) { deleteMessage(id: $id) { id } }`, { id: sent.data!.sendMessage.id });
    expect((await nextEvent(updates)).data?.conversationUpdated.lastMessage).toEqual({ body: '' });
    await updates.return(undefined);
    expect(codes((await h.subscribe(null, `subscription { conversationUpdated { id } }`)) as never)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('typing', () => {
  it("delivers the other participants' typing, never one's own, and refuses outsiders", async () => {
    const c = await conversationOf();
    const TYPING = `subscription ($id: ID!) { typing(conversationId: $id) { conversationId user { id } typing at } }`;
    const watcher = await h.subscribe<{ typing: { conversationId: string; user: { id: string }; typing: boolean } }>(
      viewer(c.customer),
      TYPING,
      { id: c.id },
    );
    if (!isIterator(watcher)) throw new Error(JSON.stringify(watcher.errors));
    const setTyping = `mutation ($id: ID!, $typing: Boolean!) { setTyping(conversationId: $id, typing: $typing) }`;
    await h.run(viewer(c.customer), setTyping, { id: c.id, typing: true });
    await h.run(viewer(c.owner), setTyping, { id: c.id, typing: true });
    await h.run(viewer(c.owner), setTyping, { id: c.id, typing: false });
    expect((await nextEvent(watcher)).data?.typing).toMatchObject({ conversationId: c.id, user: { id: c.owner }, typing: true });
    expect((await nextEvent(watcher)).data?.typing).toMatchObject({ user: { id: c.owner }, typing: false });
    await watcher.return(undefined);
    expect(codes((await h.subscribe(viewer(c.outsider), TYPING, { id: c.id })) as never)).toEqual(['FORBIDDEN']);
  });
});
