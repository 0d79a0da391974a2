import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gql } from '@apollo/client';
import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { createApolloClient, webSocketUrl, WS_TOKEN_EXPIRED } from '../src/apollo';

// A gateway stand-in speaking graphql-ws: `ticks` yields who it is for; a connection whose token is `stale` is
// accepted and then closed with 4401 (token expired), as the gateway does at the token's expiry.
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString, resolve: () => 'ok' } } }),
  subscription: new GraphQLObjectType({
    name: 'Subscription',
    fields: {
      ticks: {
        type: GraphQLString,
        subscribe: async function* (_root, _args, context: { token: string }) {
          for (let i = 0; i < 1_000; i++) {
            yield { ticks: `${context.token}:${i}` };
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
        },
      },
    },
  }),
});

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function standIn() {
  const server = createServer();
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const tokens: string[] = [];
  const handle = useServer(
    {
      schema,
      onConnect: (ctx) => {
        const authorization = (ctx.connectionParams?.authorization as string | undefined) ?? '';
        const token = authorization.replace(/^Bearer /, '');
        tokens.push(token);
        if (token === 'stale') setTimeout(() => ctx.extra.socket.close(WS_TOKEN_EXPIRED, 'Unauthorized: access token expired'), 100);
        return true;
      },
      context: (ctx) => ({ token: ((ctx.connectionParams?.authorization as string | undefined) ?? '').replace(/^Bearer /, '') }),
    },
    wss,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stops.push(async () => {
    await handle.dispose();
    await new Promise((resolve) => server.close(resolve));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, tokens };
}

describe('subscriptions through the Apollo client', () => {
  it('derives the WebSocket URL from the HTTP one', () => {
    expect(webSocketUrl('http://localhost:3000/graphql')).toBe('ws://localhost:3000/graphql');
    expect(webSocketUrl('https://api.example.com/graphql')).toBe('wss://api.example.com/graphql');
    expect(webSocketUrl('/graphql', 'https://app.example.com/orders')).toBe('wss://app.example.com/graphql');
  });

  it('sends the token in connection_init and, after a 4401, renews it and resumes the subscription on a new connection', async () => {
    const gateway = await standIn();
    let token = 'stale';
    let renewals = 0;
    const apollo = createApolloClient({
      uri: gateway.url,
      getToken: () => token,
      onUnauthorized: async () => {
        renewals += 1;
        token = 'fresh';
      },
    });
    stops.push(async () => apollo.stop());
    const received: string[] = [];
    const subscription = apollo.subscribe<{ ticks: string }>({ query: gql('subscription { ticks }') }).subscribe({
      next: (result) => result.data && received.push(result.data.ticks),
    });
    stops.push(async () => subscription.unsubscribe());
    const deadline = Date.now() + 10_000;
    while (!received.some((tick) => tick.startsWith('fresh:')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    expect(received.some((tick) => tick.startsWith('stale:'))).toBe(true);
    expect(received.some((tick) => tick.startsWith('fresh:'))).toBe(true);
    expect(renewals).toBe(1);
    expect(gateway.tokens).toEqual(['stale', 'fresh']);
  });
});
