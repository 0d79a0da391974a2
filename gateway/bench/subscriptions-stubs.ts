import { composeServices } from '@apollo/composition';
import { forbidden, identityVerifier, startSubgraph, unauthenticated, type Logger, type RunningService, type Viewer } from '@market/kit';
import { parse } from 'graphql';
import type { JWK } from 'jose';

/**
 * Stand-ins for the chat and user subgraphs, for the subscription tests and benchmark while the real chat
 * subgraph is being rebuilt: `chat` owns Message and `Subscription.messageAdded` (the caller must be signed in and
 * a participant: users whose id starts with `outsider` are not), `people` resolves `User.profile` and counts its
 * `_entities` fetches. Both lock down with the gateway's public key as real subgraphs do.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated"])';

export const CHAT_SDL = `${LINK}
type Message @key(fields: "id") {
  id: ID!
  conversationId: ID!
  body: String!
  "When the message was published (ms since epoch), for latency measurements."
  publishedAt: Float!
  sender: User!
}
type User @key(fields: "id", resolvable: false) { id: ID! }
type Query { chatVersion: String }
type Mutation { sendMessage(conversationId: ID!, body: String!): Message! @authenticated }
type Subscription { messageAdded(conversationId: ID!): Message! @authenticated }`;

export const PEOPLE_SDL = `${LINK}
type User @key(fields: "id") { id: ID! profile: Profile! }
type Profile { displayName: String! }
type Query { peopleVersion: String }`;

export interface StubMessage {
  id: string;
  conversationId: string;
  body: string;
  publishedAt: number;
  sender: { __typename: 'User'; id: string };
}

/** In-process publish/subscribe by conversation, as async iterators graphql's `subscribe` reads. */
class Topics {
  private readonly listeners = new Map<string, Set<(message: StubMessage) => void>>();

  count(topic?: string): number {
    if (topic !== undefined) return this.listeners.get(topic)?.size ?? 0;
    let total = 0;
    for (const set of this.listeners.values()) total += set.size;
    return total;
  }

  publish(message: StubMessage): void {
    for (const listener of this.listeners.get(message.conversationId) ?? []) listener(message);
  }

  iterator(topic: string): AsyncIterableIterator<{ messageAdded: StubMessage }> {
    const queue: StubMessage[] = [];
    let wake: (() => void) | undefined;
    let done = false;
    const listener = (message: StubMessage) => {
      queue.push(message);
      wake?.();
    };
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    const stop = () => {
      done = true;
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(topic);
      wake?.();
    };
    const iterator: AsyncIterableIterator<{ messageAdded: StubMessage }> = {
      async next() {
        for (;;) {
          const message = queue.shift();
          if (message) return { done: false, value: { messageAdded: message } };
          if (done) return { done: true, value: undefined };
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      },
      async return() {
        stop();
        return { done: true, value: undefined };
      },
      [Symbol.asyncIterator]() {
        return iterator;
      },
    };
    return iterator;
  }
}

export interface SubscriptionStubs {
  chat: RunningService;
  people: RunningService;
  /** Routing URLs by subgraph name (the gateway's SUBGRAPH_URLS). */
  urls(): Record<string, string>;
  /** Publishes a message in a conversation (what sendMessage does). */
  publish(conversationId: string, body: string, senderId: string): StubMessage;
  /** Upstream subscriptions the chat stub serves (all, or of one conversation). */
  chatSubscriptions(conversationId?: string): number;
  /** `_entities` fetches the people stub answered, and the representations they carried. */
  entityFetches: { count: number; representations: number };
  restartChat(): Promise<void>;
  stopChat(): Promise<void>;
  startChat(): Promise<void>;
  stop(): Promise<void>;
}

export function composeSubscriptionStubs(): string {
  const result = composeServices([
    { name: 'chat', url: 'http://localhost:4601/graphql', typeDefs: parse(CHAT_SDL) },
    { name: 'people', url: 'http://localhost:4602/graphql', typeDefs: parse(PEOPLE_SDL) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

export async function startSubscriptionStubs(options: {
  gatewayPublicJwk: JWK;
  logger: Logger;
  host?: string;
}): Promise<SubscriptionStubs> {
  const topics = new Topics();
  const entityFetches = { count: 0, representations: 0 };
  let sequence = 0;
  const host = options.host ?? '127.0.0.1';
  const verifier = identityVerifier({ publicJwk: options.gatewayPublicJwk });
  const publish = (conversationId: string, body: string, senderId: string): StubMessage => {
    const message: StubMessage = {
      id: `m-${++sequence}`,
      conversationId,
      body,
      publishedAt: Date.now(),
      sender: { __typename: 'User', id: senderId },
    };
    topics.publish(message);
    return message;
  };
  const participant = (viewer: Viewer | null) => {
    if (!viewer) throw unauthenticated('Sign in to follow a conversation');
    if (viewer.id.startsWith('outsider')) throw forbidden('You are not a participant of this conversation');
  };
  type Ctx = { viewer: Viewer | null };
  const startChat = (port: number) =>
    startSubgraph<Ctx>({
      name: 'chat',
      host,
      port,
      logger: options.logger,
      typeDefs: parse(CHAT_SDL),
      gatewayIdentity: verifier,
      context: ({ viewer }) => ({ viewer }),
      resolvers: {
        Query: { chatVersion: () => '1' },
        Mutation: {
          sendMessage: (_: unknown, args: { conversationId: string; body: string }, { viewer }: Ctx) => {
            participant(viewer);
            return publish(args.conversationId, args.body, viewer?.id ?? '');
          },
        },
        Subscription: {
          messageAdded: {
            subscribe: (_: unknown, args: { conversationId: string }, { viewer }: Ctx) => {
              participant(viewer);
              return topics.iterator(args.conversationId);
            },
          },
        },
      },
      // Benchmarks publish without going through the gateway: POST /publish {conversationId, body, senderId}.
      routes: async (req, res) => {
        if (req.url !== '/publish' || req.method !== 'POST') return false;
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { conversationId: string; body: string; senderId: string };
        const message = publish(input.conversationId, input.body, input.senderId);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: message.id }));
        return true;
      },
    });
  let chat: RunningService | undefined = await startChat(0);
  const chatPort = chat.port;
  const people = await startSubgraph({
    name: 'people',
    host,
    port: 0,
    logger: options.logger,
    typeDefs: parse(PEOPLE_SDL),
    gatewayIdentity: verifier,
    context: () => {
      // One context per HTTP request: the first entity resolved in it counts the fetch.
      const seen = { counted: false };
      return { seen };
    },
    resolvers: {
      User: {
        __resolveReference: (reference: { id: string }, context: { seen: { counted: boolean } }) => {
          if (!context.seen.counted) {
            context.seen.counted = true;
            entityFetches.count++;
          }
          entityFetches.representations++;
          return { id: reference.id, profile: { displayName: `Name of ${reference.id}` } };
        },
      },
    },
  });
  const running = () => {
    if (!chat) throw new Error('the chat stub is stopped');
    return chat;
  };
  return {
    get chat() {
      return running();
    },
    people,
    urls: () => ({ chat: `http://${host}:${chatPort}/graphql`, people: `${people.url}/graphql` }),
    publish,
    chatSubscriptions: (conversationId) => topics.count(conversationId),
    entityFetches,
    async restartChat() {
      await chat?.stop();
      chat = await startChat(chatPort);
    },
    async stopChat() {
      await chat?.stop();
      chat = undefined;
    },
    async startChat() {
      chat ??= await startChat(chatPort);
    },
    async stop() {
      await Promise.all([chat?.stop(), people.stop()]);
      chat = undefined;
    },
  };
}
