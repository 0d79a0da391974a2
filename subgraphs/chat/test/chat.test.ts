import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData, type DemoConversation } from '@market/demo-data';
import { freshMongo, freshPostgres, graphql, resolveEntities, testLogger, type GraphQLResult, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type ChatService } from '../src/service';

// Runs on MongoDB when MONGO_URL is set, on PostgreSQL when DATABASE_URL is set (CI), otherwise
// on PGlite in a temporary folder.
let postgres: Provisioned;
let mongo: Provisioned;
let dataDir: string | undefined;
let service: ChatService;
const demo = demoData();

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: T }[];
}

/** The demo conversations as the service must list them: latest activity first, then id descending. */
function byActivity(): DemoConversation[] {
  const newest = new Map<string, number>();
  for (const m of demo.messages) newest.set(m.conversationId, Math.max(newest.get(m.conversationId) ?? 0, m.createdAt.getTime()));
  const activity = (c: DemoConversation) => Math.max(c.createdAt.getTime(), newest.get(c.id) ?? 0);
  return [...demo.conversations].sort((a, b) => activity(b) - activity(a) || (a.id < b.id ? 1 : -1));
}
const messagesOf = (conversationId: string) =>
  demo.messages
    .filter((m) => m.conversationId === conversationId)
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));

beforeAll(async () => {
  postgres = await freshPostgres('chat');
  mongo = freshMongo('chat');
  dataDir = postgres.url || mongo.url ? undefined : mkdtempSync(join(tmpdir(), 'chat-test-'));
  service = await startService(
    loadEnv({ PORT: '0', HOST: '127.0.0.1', MONGO_URL: mongo.url, DATABASE_URL: postgres.url, DATA_DIR: dataDir, NODE_ENV: 'test' }),
    { logger: testLogger('chat') },
  );
});
afterAll(async () => {
  await service?.stop();
  await postgres?.cleanup();
  await mongo?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('chat subgraph', () => {
  it('lists the seeded conversations by latest activity, with stable cursor pagination and a kind filter', async () => {
    const query = `query ($after: String, $kind: ConversationKind) {
      conversations(first: 50, after: $after, kind: $kind) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind } } }
    }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult<{ conversations: Page<{ id: string }> }> = await graphql(service, query, { after });
      expect(result.errors).toBeUndefined();
      const page = result.data!.conversations;
      expect(page.totalCount).toBe(demo.conversations.length);
      seen.push(...page.edges.map((e) => e.node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(byActivity().map((c) => c.id));

    const support = await graphql<{ conversations: Page<{ id: string; kind: string }> }>(service, query, { kind: 'SUPPORT' });
    const supportIds = demo.conversations.filter((c) => c.kind === 'SUPPORT').map((c) => c.id);
    expect(support.data?.conversations.totalCount).toBe(supportIds.length);
    expect(support.data?.conversations.edges.map((e) => e.node.id)).toEqual(supportIds);
  });

  it("shows a conversation's messages newest first, page by page, with participants and its order", async () => {
    const conversation = demo.conversations[5]!; // eight messages
    const expected = messagesOf(conversation.id);
    expect(expected.length).toBeGreaterThan(4);
    const query = `query ($id: ID!, $after: String) {
      conversation(id: $id) {
        id kind title createdAt lastMessageAt
        order { id }
        participants { id }
        messages(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id body createdAt sender { id } conversation { id } } } }
      }
    }`;
    interface Result {
      conversation: {
        id: string;
        kind: string;
        title: string;
        lastMessageAt: string;
        order: { id: string } | null;
        participants: { id: string }[];
        messages: Page<{ id: string; body: string; createdAt: string; sender: { id: string }; conversation: { id: string } }>;
      };
    }
    const seen: Result['conversation']['messages']['edges'][number]['node'][] = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult<Result> = await graphql<Result>(service, query, { id: conversation.id, after });
      expect(result.errors).toBeUndefined();
      const found = result.data!.conversation;
      expect(found).toMatchObject({ id: conversation.id, kind: 'ORDER', title: conversation.title, order: { id: conversation.orderId } });
      expect(found.lastMessageAt).toBe(expected[0]!.createdAt.toISOString());
      expect(found.participants.map((p) => p.id)).toEqual(conversation.participantIds);
      expect(found.messages.totalCount).toBe(expected.length);
      seen.push(...found.messages.edges.map((e) => e.node));
      if (!found.messages.pageInfo.hasNextPage) break;
      after = found.messages.pageInfo.endCursor;
    }
    expect(seen.map((m) => m.id)).toEqual(expected.map((m) => m.id));
    expect(seen.map((m) => m.sender.id)).toEqual(expected.map((m) => m.senderId));
    expect(seen.map((m) => m.createdAt)).toEqual(expected.map((m) => m.createdAt.toISOString()));
    expect(new Set(seen.map((m) => m.conversation.id))).toEqual(new Set([conversation.id]));
  });

  it('answers null for unknown or malformed conversation ids, and refuses bad page sizes and cursors', async () => {
    const missing = await graphql<{ a: null; b: null }>(
      service,
      `
        {
          a: conversation(id: "00000000-0000-4000-8000-000000000000") {
            id
          }
          b: conversation(id: "not-a-uuid") {
            id
          }
        }
      `,
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data).toEqual({ a: null, b: null });

    const support = demo.conversations.find((c) => c.kind === 'SUPPORT')!;
    const noOrder = await graphql<{ conversation: { order: null } }>(service, `{ conversation(id: "${support.id}") { order { id } } }`);
    expect(noOrder.data?.conversation.order).toBeNull();

    const big = await graphql(
      service,
      `
        {
          conversations(first: 1000) {
            totalCount
          }
        }
      `,
    );
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const bad = await graphql(
      service,
      `
        {
          conversations(after: "garbage") {
            totalCount
          }
        }
      `,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const wellFormedNonsense = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    const badMessages = await graphql(
      service,
      `{ conversation(id: "${support.id}") { messages(after: "${wellFormedNonsense}") { totalCount } } }`,
    );
    expect(badMessages.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resolves the conversation of 50 orders (_entities) in one store query', async () => {
    const orders = demo.orders.slice(0, 50);
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; conversation: { id: string; kind: string } | null }>(
      service,
      [
        ...orders.map((o) => ({ __typename: 'Order', id: o.id })),
        { __typename: 'Order', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Order', id: 'nope' },
      ],
      '... on Order { id conversation { id kind } }',
    );
    expect(service.queryCount() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    const conversationOf = new Map(demo.conversations.map((c) => [c.orderId, c.id]));
    expect(entities.slice(0, 50).map((e) => e?.conversation?.id)).toEqual(orders.map((o) => conversationOf.get(o.id)));
    expect(entities.slice(0, 50).every((e) => e?.conversation?.kind === 'ORDER')).toBe(true);
    expect(entities.slice(50).map((e) => e?.conversation)).toEqual([null, null]);
  });

  it('batches messages, counts, participants and senders across a list: the query count does not grow with the list', async () => {
    const query = `query ($first: Int!) {
      conversations(first: $first) { edges { node { id participants { id } order { id }
        messages(first: 3) { totalCount edges { node { id sender { id } conversation { id } } } } } } }
    }`;
    interface Result {
      conversations: Page<{
        id: string;
        participants: { id: string }[];
        messages: Page<{ id: string; sender: { id: string }; conversation: { id: string } }>;
      }>;
    }
    const cost = async (first: number) => {
      const before = service.queryCount();
      const result = await graphql<Result>(service, query, { first });
      expect(result.errors).toBeUndefined();
      return { queries: service.queryCount() - before, nodes: result.data!.conversations.edges.map((e) => e.node) };
    };
    const small = await cost(5);
    const large = await cost(50);
    // The page and its count, one page of messages for all, one count for all, one participants query;
    // each message's conversation is already known from the list.
    expect(large.queries).toBe(5);
    expect(small.queries).toBe(large.queries);

    expect(large.nodes.map((n) => n.id)).toEqual(
      byActivity()
        .slice(0, 50)
        .map((c) => c.id),
    );
    for (const node of large.nodes) {
      const expected = messagesOf(node.id);
      expect(node.messages.totalCount).toBe(expected.length);
      expect(node.messages.edges.map((e) => e.node.id)).toEqual(expected.slice(0, 3).map((m) => m.id));
      expect(node.messages.edges.every((e) => e.node.conversation.id === node.id)).toBe(true);
      expect(node.participants.map((p) => p.id)).toEqual(demo.conversations.find((c) => c.id === node.id)!.participantIds);
    }
  });

  it('resolves Conversation and Message references in batches', async () => {
    const conversations = demo.conversations.slice(0, 20);
    const before = service.queryCount();
    const found = await resolveEntities<{ id: string; title: string }>(
      service,
      conversations.map((c) => ({ __typename: 'Conversation', id: c.id })),
      '... on Conversation { id title }',
    );
    expect(found.errors).toBeUndefined();
    expect(found.data?._entities.map((c) => c?.title)).toEqual(conversations.map((c) => c.title));
    expect(service.queryCount() - before).toBe(1);

    const messages = demo.messages.slice(0, 20);
    const afterConversations = service.queryCount();
    const sent = await resolveEntities<{ id: string; body: string; sender: { id: string }; conversation: { id: string } }>(
      service,
      messages.map((m) => ({ __typename: 'Message', id: m.id })),
      '... on Message { id body sender { id } conversation { id } }',
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data?._entities.map((m) => [m?.body, m?.sender.id, m?.conversation.id])).toEqual(
      messages.map((m) => [m.body, m.senderId, m.conversationId]),
    );
    // One query for the messages, one for their conversations.
    expect(service.queryCount() - afterConversations).toBe(2);
  });

  it('reports readiness and exposes metrics', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { [mongo.url ? 'mongodb' : 'postgres']: { ok: true } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });
});
