import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateGatewayKeys } from '@market/kit';
import { testLogger } from '@market/testkit';
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeSubscriptionStubs, startSubscriptionStubs, type SubscriptionStubs } from '../bench/subscriptions-stubs';
import { loadEnv } from '../src/env';
import { startGateway, type RunningGateway } from '../src/gateway';
import { CLOSE_TOKEN_EXPIRED } from '../src/subscriptions';
import { AUDIENCE, ISSUER, startSsoStandIn, type SsoStandIn } from './sso-stand-in';
import { supergraphFolder } from './stub-subgraphs';

// Real graphql-ws clients against the real gateway, over two stub subgraphs: `chat` owns Subscription.messageAdded,
// `people` resolves the sender's profile (an entity field of the event).

const MESSAGE_ADDED = `subscription Added($conversationId: ID!) {
  messageAdded(conversationId: $conversationId) { id body author: sender { id profile { displayName } } }
}`;
const GIVE_UP_MS = 2_500;

let sso: SsoStandIn;
let stubs: SubscriptionStubs;
let gateway: RunningGateway;
let folder: ReturnType<typeof supergraphFolder>;
const batches: number[] = [];
const clients: Client[] = [];

interface Subscription {
  results: FormattedExecutionResult[];
  errors: GraphQLFormattedError[][];
  completed: boolean;
  dispose: () => void;
}

interface Connection {
  client: Client;
  closeCode: () => number | undefined;
  socket: () => WebSocket | undefined;
  subscribe(query: string, variables?: Record<string, unknown>, extensions?: Record<string, unknown>): Subscription;
}

function connect(token?: string, target: RunningGateway = gateway): Connection {
  let closeCode: number | undefined;
  let socket: WebSocket | undefined;
  const client = createClient({
    url: `${target.url.replace('http', 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: {
      connected: (s) => (socket = s as WebSocket),
      closed: (event) => (closeCode = (event as { code: number }).code),
    },
  });
  clients.push(client);
  return {
    client,
    closeCode: () => closeCode,
    socket: () => socket,
    subscribe(query, variables = {}, extensions) {
      const subscription: Subscription = { results: [], errors: [], completed: false, dispose: () => undefined };
      subscription.dispose = client.subscribe(
        { query, variables, ...(extensions ? { extensions } : {}) },
        {
          next: (result) => subscription.results.push(result as FormattedExecutionResult),
          error: (error) =>
            subscription.errors.push(Array.isArray(error) ? (error as GraphQLFormattedError[]) : [{ message: String(error) }]),
          complete: () => (subscription.completed = true),
        },
      );
      return subscription;
    },
  };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A sample of the gateway's /metrics, by name and labels (in any order). */
async function metric(name: string, labels: string[] = []): Promise<number> {
  const text = await (await fetch(`${gateway.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line ? Number(line.split(' ').pop()) : 0;
}

const upstreams = () => metric('gateway_subscription_upstreams', ['subgraph="chat"']);
const MESSAGE_ADDED_HASH = createHash('sha256').update(MESSAGE_ADDED).digest('hex');
let gatewayEnv: Record<string, string>;

const token = (subject: string, options: { expiresAt?: number } = {}) => sso.accessToken({ subject, ...options });

beforeAll(async () => {
  sso = await startSsoStandIn();
  const keys = await generateGatewayKeys();
  stubs = await startSubscriptionStubs({ gatewayPublicJwk: keys.publicJwk, logger: testLogger('stubs') });
  folder = supergraphFolder(composeSubscriptionStubs());
  // The apps' manifest stand-in: the one registered subscription.
  const manifest = join(folder.dir, 'persisted-operations.json');
  writeFileSync(
    manifest,
    JSON.stringify({
      format: 'apollo-persisted-query-manifest',
      version: 1,
      operations: [{ id: MESSAGE_ADDED_HASH, name: 'Added', type: 'subscription', body: MESSAGE_ADDED }],
    }),
  );
  gatewayEnv = {
    PORT: '0',
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    SUPERGRAPH_PATH: folder.path,
    OIDC_ISSUER: ISSUER,
    OIDC_JWKS_URL: sso.jwksUrl,
    API_AUDIENCE: AUDIENCE,
    GATEWAY_SIGNING_KEY: JSON.stringify(keys.privateJwk),
    RATE_LIMIT_REQUESTS: '200',
    SUBSCRIPTION_BATCH_WINDOW_MS: '25',
    SUBSCRIPTION_UPSTREAM_GIVE_UP_MS: String(GIVE_UP_MS),
    PERSISTED_OPERATIONS_PATH: manifest,
  };
  gateway = await startGateway(loadEnv(gatewayEnv), {
    logger: testLogger('gateway'),
    subgraphUrls: stubs.urls(),
    subscriptions: { onBatch: (_subgraph, joined) => batches.push(joined) },
  });
});

afterEach(async () => {
  for (const client of clients.splice(0)) await client.dispose();
  await until(() => stubs.chatSubscriptions() === 0, 'the upstream subscriptions to end');
});

afterAll(async () => {
  await gateway?.stop();
  await stubs?.stop();
  folder?.remove();
  await sso?.close();
});

describe('federated subscriptions through the gateway', () => {
  it('delivers events with fields of another subgraph resolved, shaped to the selection (aliases)', async () => {
    const alice = connect(await token('user-alice'));
    const subscription = alice.subscribe(MESSAGE_ADDED, { conversationId: 'c-1' });
    await until(() => stubs.chatSubscriptions('c-1') === 1, 'the upstream subscription');
    stubs.publish('c-1', 'hello', 'user-bob');
    await until(() => subscription.results.length === 1, 'the event');
    expect(subscription.results[0]).toEqual({
      data: {
        messageAdded: { id: expect.any(String), body: 'hello', author: { id: 'user-bob', profile: { displayName: 'Name of user-bob' } } },
      },
    });
  });

  it('passes on FORBIDDEN from the owning subgraph and refuses anonymous callers with UNAUTHENTICATED (@authenticated)', async () => {
    const outsider = connect(await token('outsider-1')).subscribe(MESSAGE_ADDED, { conversationId: 'c-1' });
    await until(() => outsider.completed || outsider.errors.length > 0, 'the refusal');
    expect(outsider.results[0]?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(outsider.completed).toBe(true);

    const anonymous = connect().subscribe(MESSAGE_ADDED, { conversationId: 'c-1' });
    await until(() => anonymous.errors.length > 0, 'the refusal');
    expect(anonymous.errors[0]?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(stubs.chatSubscriptions()).toBe(0);
  });

  it('closes with 4401 when the token expires, and stays open when it is renewed by a ping', async () => {
    const now = Math.floor(Date.now() / 1000);
    const expiring = connect(await token('user-carol', { expiresAt: now + 2 }));
    const renewing = connect(await token('user-carol', { expiresAt: now + 2 }));
    const kept = renewing.subscribe(MESSAGE_ADDED, { conversationId: 'c-2' });
    expiring.subscribe(MESSAGE_ADDED, { conversationId: 'c-2' });
    await until(() => renewing.socket() !== undefined && stubs.chatSubscriptions('c-2') === 1, 'the subscriptions');
    renewing.socket()?.send(JSON.stringify({ type: 'ping', payload: { authorization: `Bearer ${await token('user-carol')}` } }));
    await until(() => expiring.closeCode() !== undefined, 'the expiry', 5_000);
    expect(expiring.closeCode()).toBe(CLOSE_TOKEN_EXPIRED);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(renewing.closeCode()).toBeUndefined();
    stubs.publish('c-2', 'still there', 'user-dan');
    await until(() => kept.results.length === 1, 'the event after renewal');
  });

  it('shares one upstream subscription between 50 identical client subscriptions', async () => {
    const bearer = await token('user-erin');
    const subscriptions = Array.from({ length: 50 }, () => connect(bearer).subscribe(MESSAGE_ADDED, { conversationId: 'c-3' }));
    await until(async () => (await metric('gateway_subscription_clients')) === 50, '50 client subscriptions');
    expect(await upstreams()).toBe(1);
    expect(stubs.chatSubscriptions('c-3')).toBe(1);
    // Another user is another authorization context: its own upstream.
    connect(await token('user-frank')).subscribe(MESSAGE_ADDED, { conversationId: 'c-3' });
    await until(() => stubs.chatSubscriptions('c-3') === 2, 'the second upstream');
    expect(await upstreams()).toBe(2);

    stubs.publish('c-3', 'to everyone', 'user-bob');
    await until(() => subscriptions.every((s) => s.results.length === 1), 'all 50 to receive the event');
    expect(new Set(subscriptions.map((s) => JSON.stringify(s.results[0]))).size).toBe(1);

    for (const client of clients.splice(0)) await client.dispose();
    await until(async () => (await upstreams()) === 0 && stubs.chatSubscriptions() === 0, 'the upstreams to close');
  });

  it('ends the subscription of a client that stops reading with SLOW_CONSUMER, and keeps its socket', async () => {
    const reader = connect(await token('user-gina'));
    const slow = reader.subscribe(MESSAGE_ADDED, { conversationId: 'c-slow' });
    await until(() => reader.socket() !== undefined && stubs.chatSubscriptions('c-slow') === 1, 'the upstream subscription');
    // The client stops reading its socket: the kernel's buffers fill, then the gateway's (1 MiB allowed).
    const tcp = (reader.socket() as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    const body = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 40; i++) stubs.publish('c-slow', `${i} ${body}`, 'user-bob');
    // The gateway lets the subscription go: its upstream ends, the socket stays.
    await until(() => stubs.chatSubscriptions('c-slow') === 0, 'the upstream subscription to end', 15_000);
    tcp.resume();
    await until(() => slow.completed, 'the subscription to complete', 15_000);
    const last = slow.results.at(-1);
    expect(last?.errors?.[0]?.extensions?.code).toBe('SLOW_CONSUMER');
    expect(slow.results.length).toBeLessThan(40);
    expect(reader.closeCode()).toBeUndefined();
    for (const client of clients.splice(0)) await client.dispose();
  });

  it('resolves events that arrive together with one _entities fetch to the other subgraph', async () => {
    const gina = connect(await token('user-gina'));
    const a = gina.subscribe(MESSAGE_ADDED, { conversationId: 'c-4' });
    const b = gina.subscribe(MESSAGE_ADDED, { conversationId: 'c-5' });
    await until(() => stubs.chatSubscriptions('c-4') === 1 && stubs.chatSubscriptions('c-5') === 1, 'both upstreams');
    const before = { ...stubs.entityFetches };
    batches.length = 0;
    for (let i = 0; i < 3; i++) {
      stubs.publish('c-4', `a${i}`, `user-a${i}`);
      stubs.publish('c-5', `b${i}`, `user-b${i}`);
    }
    await until(() => a.results.length === 3 && b.results.length === 3, 'six events');
    expect(stubs.entityFetches.count - before.count).toBe(1);
    expect(stubs.entityFetches.representations - before.representations).toBe(6);
    expect(batches).toEqual([6]);
    expect(
      a.results.map((r) => (r.data?.messageAdded as { author: { profile: { displayName: string } } }).author.profile.displayName),
    ).toEqual(['Name of user-a0', 'Name of user-a1', 'Name of user-a2']);
  });

  it('counts each subscribe against the rate limits', async () => {
    const harry = connect(await token('user-harry'));
    // 200 requests per window: every subscribe counts, refused or not.
    const invalid = Array.from({ length: 200 }, () => harry.subscribe('subscription { nope }'));
    await until(() => invalid.every((s) => s.errors.length > 0), 'the invalid subscribes to be answered');
    expect(invalid[0]?.errors[0]?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const limited = harry.subscribe(MESSAGE_ADDED, { conversationId: 'c-6' });
    await until(() => limited.errors.length > 0, 'the refusal');
    expect(limited.errors[0]?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'requests' });
  });

  it('applies the operation limits and persisted operations to subscribe payloads', async () => {
    const kim = connect(await token('user-kim'));
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    const deep = kim.subscribe(`subscription { messageAdded(conversationId: "c-9") { ${aliases} } }`);
    await until(() => deep.errors.length > 0, 'the refusal');
    expect(deep.errors[0]?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(deep.errors[0]?.[0]?.message).toMatch(/Aliases limit of 15 exceeded/);

    const byHash = kim.subscribe('', { conversationId: 'c-9' }, { persistedQuery: { version: 1, sha256Hash: MESSAGE_ADDED_HASH } });
    const unknown = kim.subscribe('', {}, { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } });
    await until(() => stubs.chatSubscriptions('c-9') === 1 && unknown.errors.length > 0, 'the persisted subscription');
    expect(unknown.errors[0]?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    stubs.publish('c-9', 'by hash', 'user-bob');
    await until(() => byHash.results.length === 1, 'the event');

    // SAFELIST: only the manifest's operations run, over WebSocket too.
    const safelisted = await startGateway(loadEnv({ ...gatewayEnv, SAFELIST: 'true' }), {
      logger: testLogger('gateway-safelist'),
      subgraphUrls: stubs.urls(),
    });
    try {
      const lee = connect(await token('user-lee'), safelisted);
      const other = lee.subscribe(`subscription { messageAdded(conversationId: "c-10") { id } }`);
      const registered = lee.subscribe(MESSAGE_ADDED, { conversationId: 'c-10' });
      await until(() => other.errors.length > 0 && stubs.chatSubscriptions('c-10') === 1, 'the safelist verdicts');
      expect(other.errors[0]?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_IN_SAFELIST');
      expect(registered.errors).toEqual([]);
    } finally {
      for (const client of clients.splice(0)) await client.dispose();
      await safelisted.stop();
    }
  });

  it('refuses upgrades from origins HTTP CORS refuses, on other paths, and unsigned ones on subgraphs', async () => {
    const refused = (url: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, 'graphql-transport-ws', { headers });
        socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('error', () => resolve(-1));
      });
    const ws = gateway.url.replace('http', 'ws');
    expect(await refused(`${ws}/graphql`, { origin: 'https://evil.example' })).toBe(403);
    expect(await refused(`${ws}/other`, {})).toBe(404);
    expect(await refused(`${ws}/graphql`, { origin: 'http://localhost:3008' })).toBe(101);
    // Subgraphs: only the gateway's signed upgrade gets through (one without a Subscription type accepts none: its
    // /graphql answers the handshake as a plain unsigned request).
    expect(await refused((stubs.urls().chat ?? '').replace('http', 'ws'), {})).toBe(401);
    expect(await refused((stubs.urls().people ?? '').replace('http', 'ws'), {})).toBe(401);
  });

  it('keeps client sockets open across a restart of the owning subgraph and delivers events after it', async () => {
    const ivy = connect(await token('user-ivy'));
    const subscription = ivy.subscribe(MESSAGE_ADDED, { conversationId: 'c-7' });
    await until(() => stubs.chatSubscriptions('c-7') === 1, 'the upstream subscription');
    await stubs.restartChat();
    await until(() => stubs.chatSubscriptions('c-7') === 1, 'the resubscription after the restart');
    stubs.publish('c-7', 'after the restart', 'user-bob');
    await until(() => subscription.results.length === 1, 'the event after the restart');
    expect(ivy.closeCode()).toBeUndefined();
    expect(subscription.completed).toBe(false);
    expect(await upstreams()).toBe(1);
  });

  it('ends subscriptions with SUBGRAPH_UNAVAILABLE when the owning subgraph stays down', async () => {
    const jay = connect(await token('user-jay'));
    const subscription = jay.subscribe(MESSAGE_ADDED, { conversationId: 'c-8' });
    await until(() => stubs.chatSubscriptions('c-8') === 1, 'the upstream subscription');
    await stubs.stopChat();
    try {
      await until(() => subscription.completed, 'the give-up', GIVE_UP_MS + 5_000);
      expect(subscription.results.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'chat' });
      expect(jay.closeCode()).toBeUndefined();
      expect(await upstreams()).toBe(0);
    } finally {
      await stubs.startChat();
    }
  });
});
