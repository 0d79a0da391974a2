import { DEMO_PASSWORD } from '@market/demo-data';
import { signInForTokens, startPlatform, type Platform } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLBody } from './helpers';

// The edge for services and for WebSockets: a service registered by an admin calls the API through the gateway
// with a client-credentials token from SSO (scopes cut to what it was registered with); WebSocket clients reach
// subscriptions through the gateway only — a subgraph refuses any upgrade that does not carry the gateway's signature.

let platform: Platform;
beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

async function gateway<T>(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
}

describe('service clients and WebSockets at the edge', () => {
  it('lets a service call the API with a client-credentials token, within its registered scopes only', async () => {
    const admin = await signInForTokens({
      issuer: platform.issuer!,
      email: 'admin@example.com',
      password: DEMO_PASSWORD,
      clientId: 'web-admin',
      scope: 'openid email roles admin:clients admin:users',
    });
    const created = await gateway<{ createOAuthClient: { client: { id: string }; clientSecret: string } }>(
      `mutation ($input: CreateOAuthClientInput!) { createOAuthClient(input: $input) { client { id } clientSecret } }`,
      { input: { name: 'Reporting job', type: 'CONFIDENTIAL', grantTypes: ['CLIENT_CREDENTIALS'], scopes: ['orders:read'] } },
      admin.accessToken,
    );
    expect(created.body.errors).toBeUndefined();
    const { client, clientSecret } = created.body.data!.createOAuthClient;

    const tokenResponse = await fetch(`${platform.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.id)}:${encodeURIComponent(clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'orders:read admin:users' }),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: serviceToken, scope } = (await tokenResponse.json()) as { access_token: string; scope: string };
    expect(scope).toBe('orders:read');

    // Accepted by the gateway (a verified service caller): what its scopes allow is served, admin fields refused.
    const orders = await gateway<{ orders: { totalCount: number } }>('{ orders(first: 1) { totalCount } }', {}, serviceToken);
    expect(orders.status).toBe(200);
    expect(orders.body.errors).toBeUndefined();
    // `orders` lists the caller's own: a service is party to no order, so it is served an empty list.
    expect(orders.body.data?.orders.totalCount).toBe(0);
    const users = await gateway<{ users: unknown }>('{ users(first: 1) { totalCount } }', {}, serviceToken);
    // users is non-null at the root, so its refusal nulls the whole data, as GraphQL requires.
    expect(users.body).toMatchObject({ data: null, errors: [{ path: ['users'], extensions: { code: 'FORBIDDEN' } }] });
  });

  it('accepts graphql-ws on the gateway only; every subgraph refuses an upgrade the gateway did not sign', async () => {
    const outcomeOf = (url: string) =>
      new Promise<string>((resolve) => {
        const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
        socket.addEventListener('open', () => {
          socket.close();
          resolve('open');
        });
        socket.addEventListener('error', () => resolve('refused'));
        setTimeout(() => resolve('timeout'), 5_000);
      });
    for (const [name, service] of Object.entries(platform.services))
      expect(await outcomeOf(`${service.url}/graphql`), name).toBe('refused');
    expect(await outcomeOf(platform.gatewayUrl)).toBe('open');
  });
});
