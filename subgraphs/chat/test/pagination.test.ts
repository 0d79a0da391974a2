import { randomUUID } from 'node:crypto';
import { freshPostgres, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openHarness, viewer, type Harness } from './harness';

let postgres: Provisioned;
let h: Harness;
beforeAll(async () => {
  postgres = await freshPostgres('chat_pages');
  h = await openHarness({ DATABASE_URL: postgres.url });
});
afterAll(async () => {
  await h?.close();
  await postgres?.cleanup();
});

it('pages history newest first while another task sends: no duplicates, every message that existed at the start', async () => {
  const [customer, owner, agencyId, orderId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await h.event('agency.member.added', { agencyId, userId: owner, role: 'OWNER' });
  await h.event('order.placed', { orderId, number: 'ORD-9', customerId: customer, agencyId, title: 'Roof', at: new Date().toISOString() });
  const [conversation] = await h.runtime.store.conversationsByOrderIds([orderId]);
  const id = conversation!.id;
  const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
  const send = async (who: string, body: string) => {
    const result = await h.run<{ sendMessage: { id: string } }>(viewer(who), SEND, { input: { conversationId: id, body } });
    expect(result.errors).toBeUndefined();
    return result.data!.sendMessage.id;
  };
  // Concurrent sends land within the same milliseconds: (createdAt, id) still orders them totally.
  const existing = (await Promise.all(Array.from({ length: 40 }, (_, i) => send(i % 2 ? customer : owner, `before ${i}`)))).sort();

  let sending = true;
  const sentDuring: string[] = [];
  const sender = (async () => {
    for (let i = 0; sending && i < 100; i++) {
      sentDuring.push(await send(owner, `during ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  })();
  const PAGE = `query ($id: ID!, $after: String) { conversation(id: $id) { messages(first: 7, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } } }`;
  type Page = {
    conversation: {
      messages: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; createdAt: string } }[] };
    };
  };
  const seen: { id: string; createdAt: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const result: { data?: Page | null; errors?: readonly unknown[] } = await h.run<Page>(viewer(customer), PAGE, { id, after });
    expect(result.errors).toBeUndefined();
    const page = result.data!.conversation.messages;
    seen.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
    // Let the sender interleave between pages.
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  sending = false;
  await sender;
  expect(sentDuring.length).toBeGreaterThan(0);
  const ids = seen.map((m) => m.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((i) => existing.includes(i)).sort()).toEqual(existing);
  // Newest first, by (createdAt, id).
  const order = [...seen].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || (a.id < b.id ? 1 : -1));
  expect(ids).toEqual(order.map((m) => m.id));
});
