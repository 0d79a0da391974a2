import { DEMO_PASSWORD, demoId } from '@market/demo-data';
import { signInForTokens, startPlatform, type Platform } from '@market/testkit';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphQLBody } from './helpers';

// Federated subscriptions end to end: real graphql-ws clients on the gateway's ws://…/graphql, SSO access tokens in
// connection_init, the chat subgraph owning Subscription.messageAdded, the user and order subgraphs resolving fields of
// every event (sender's profile, the conversation's order), one upstream subscription for identical ones, and a chat
// restart that clients ride out.

let platform: Platform;
const tokens: Record<string, string> = {};
const clients: Client[] = [];

beforeAll(async () => {
  platform = await startPlatform();
  const signIn = async (email: string, clientId: 'web-client' | 'web-admin', scope: string) =>
    (await signInForTokens({ issuer: platform.issuer!, email, password: DEMO_PASSWORD, clientId, scope })).accessToken;
  tokens.customer = await signIn('customer@example.com', 'web-client', 'openid email roles orders:read orders:write chat');
  tokens.stranger = await signIn('customer2@example.com', 'web-client', 'openid email roles chat');
  tokens.owner = await signIn('owner@example.com', 'web-admin', 'openid email roles agency:manage');
});
afterAll(async () => {
  await Promise.all(clients.map(async (client) => client.dispose()));
  await platform?.stop();
});

async function api<T>(who: keyof typeof tokens, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

function connect(who: keyof typeof tokens): Client {
  const client = createClient({
    url: platform.gatewayUrl.replace(/^http/, 'ws'),
    connectionParams: { authorization: `Bearer ${tokens[who]}` },
    retryAttempts: 0,
  });
  clients.push(client);
  return client;
}

interface Delivery {
  messageAdded: {
    id: string;
    body: string;
    sender: { id: string; profile: { displayName: string } | null };
    conversation: { order: { status: string } | null };
  };
}

const MESSAGE_ADDED = `subscription ($id: ID!) {
  messageAdded(conversationId: $id) {
    id body
    sender { id profile { displayName } }
    conversation { order { status } }
  }
}`;

/** Subscribes and collects every event and error; resolves once the gateway has the subscription running. */
function subscribe(client: Client, conversationId: string) {
  const events: Delivery[] = [];
  const errors: unknown[] = [];
  let completed = false;
  const stop = client.subscribe<Delivery>(
    { query: MESSAGE_ADDED, variables: { id: conversationId } },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data);
      },
      error: (error) => errors.push(error),
      complete: () => {
        completed = true;
      },
    },
  );
  return { events, errors, stop, isCompleted: () => completed };
}

const upstreams = async () => {
  const text = await (await fetch(`${platform.gateway.url}/metrics`)).text();
  const line = text.split('\n').find((row) => row.startsWith('gateway_subscription_upstreams') && row.includes('chat'));
  return Number(line?.split(' ').pop() ?? 0);
};

/** The ORDER conversation of ORD-2026-000001: customer@example.com with Brightline (owner@ and staff@example.com). */
async function orderConversation() {
  const id = demoId('conversation', demoId('order', '1'));
  const { conversation } = await api<{ conversation: { id: string; order: { id: string } | null } | null }>(
    'customer',
    `query ($id: ID!) { conversation(id: $id) { id order { id } } }`,
    { id },
  );
  if (!conversation?.order) throw new Error('the demo ORDER conversation of ORD-2026-000001 is missing');
  return conversation;
}

const send = (who: keyof typeof tokens, conversationId: string, body: string) =>
  api<{ sendMessage: { id: string } }>(who, `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`, {
    input: { conversationId, body },
  });

describe('subscriptions through the gateway', () => {
  it('delivers a message another participant sent, with fields from the user and order subgraphs', async () => {
    const conversation = await orderConversation();
    const customer = subscribe(connect('customer'), conversation.id);
    await eventually(upstreams, (count) => count >= 1, 10_000);

    const { sendMessage } = await send('owner', conversation.id, 'Your boiler arrives on Tuesday.');
    const received = await eventually(
      async () => customer.events,
      (events) => events.some((event) => event.messageAdded.id === sendMessage.id),
      10_000,
    );
    const event = received.find((item) => item.messageAdded.id === sendMessage.id);
    expect(customer.errors).toEqual([]);
    expect(event?.messageAdded.body).toBe('Your boiler arrives on Tuesday.');
    expect(event?.messageAdded.sender.profile?.displayName).toBe('Olivia Owner');
    expect(event?.messageAdded.conversation.order?.status).toMatch(/^[A-Z_]+$/);
    customer.stop();
  });

  it('refuses a non-participant with FORBIDDEN', async () => {
    const conversation = await orderConversation();
    const stranger = subscribe(connect('stranger'), conversation.id);
    const errors = await eventually(
      async () => stranger.errors,
      (items) => items.length > 0,
      10_000,
    );
    expect(JSON.stringify(errors)).toContain('FORBIDDEN');
    expect(stranger.events).toEqual([]);
  });

  it('serves 50 identical client subscriptions from one upstream subscription, gone when they leave', async () => {
    const conversation = await orderConversation();
    await eventually(upstreams, (count) => count === 0, 10_000);
    const fifty = Array.from({ length: 50 }, () => subscribe(connect('customer'), conversation.id));
    expect(await eventually(upstreams, (count) => count === 1, 10_000)).toBe(1);

    const { sendMessage } = await send('owner', conversation.id, 'To all fifty of you.');
    await eventually(
      async () => fifty.filter((sub) => sub.events.some((event) => event.messageAdded.id === sendMessage.id)).length,
      (count) => count === 50,
      15_000,
    );
    expect(await upstreams()).toBe(1);
    for (const sub of fifty) sub.stop();
    expect(await eventually(upstreams, (count) => count === 0, 10_000)).toBe(0);
  });

  it('keeps client connections through a chat subgraph restart and delivers messages after it', async () => {
    const conversation = await orderConversation();
    const client = connect('customer');
    let closed = false;
    client.on('closed', () => {
      closed = true;
    });
    const customer = subscribe(client, conversation.id);
    await eventually(upstreams, (count) => count >= 1, 10_000);

    await platform.restartService('chat');
    // The gateway re-subscribes upstream with back-off; a message sent afterwards must arrive.
    const delivered = await eventually(
      async () => {
        const { sendMessage } = await send('owner', conversation.id, `after the restart ${Date.now()}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        return customer.events.some((event) => event.messageAdded.id === sendMessage.id);
      },
      Boolean,
      30_000,
    );
    expect(delivered).toBe(true);
    expect(closed).toBe(false);
    expect(customer.isCompleted()).toBe(false);
    customer.stop();
  });
});
