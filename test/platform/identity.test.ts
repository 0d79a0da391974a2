import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInForTokens, startPlatform, type Platform } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphQLBody } from './helpers';

// Verified identity end to end: a real access token from SSO (code + PKCE as web-client), verified by the
// gateway against SSO's JWKS, forwarded to subgraphs as the gateway-signed identity they require.

const customer = demoData().users.find((u) => u.email === 'customer@example.com')!;
const ME = '{ me { id email roles profile { displayName } } }';
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform();
});
afterAll(() => platform?.stop());

async function post<T>(url: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLBody<T> };
}

interface Me {
  me: { id: string; email: string; roles: string[]; profile: { displayName: string } | null } | null;
}

describe('verified identity through the platform', () => {
  it('answers me for a signed-in customer, across sso and user', async () => {
    const { accessToken } = await signInForTokens({ issuer: platform.issuer!, email: customer.email, password: DEMO_PASSWORD });
    const result = await post<Me>(platform.gatewayUrl, ME, { authorization: `Bearer ${accessToken}` });
    expect(result.status).toBe(200);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.me).toEqual({
      id: customer.id,
      email: 'customer@example.com',
      roles: ['CUSTOMER'],
      profile: { displayName: customer.displayName },
    });
  });

  it('answers me with UNAUTHENTICATED for anonymous callers and refuses an invalid token', async () => {
    const anonymous = await post<Me>(platform.gatewayUrl, ME);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.data).toEqual({ me: null });
    expect(anonymous.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['me'], 'UNAUTHENTICATED']]);
    const refused = await post<Me>(platform.gatewayUrl, ME, { authorization: 'Bearer not.a.token' });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('gives a customer the rest of the data and FORBIDDEN at an admin-only field', async () => {
    const { accessToken } = await signInForTokens({ issuer: platform.issuer!, email: customer.email, password: DEMO_PASSWORD });
    const result = await post<{ me: { email: string } | null; user: unknown }>(
      platform.gatewayUrl,
      `{ me { email } user(id: "${customer.id}") { email status } }`,
      { authorization: `Bearer ${accessToken}` },
    );
    expect(result.body.data).toEqual({ me: { email: customer.email }, user: null });
    expect(result.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['user'], 'FORBIDDEN']]);
  });

  it('refuses admin operations to an ADMIN signed in through web-client, and serves them through web-admin', async () => {
    const query = `{ user(id: "${customer.id}") { email } }`;
    const viaClient = await signInForTokens({ issuer: platform.issuer!, email: 'admin@example.com', password: DEMO_PASSWORD });
    const refused = await post<{ user: unknown }>(platform.gatewayUrl, query, { authorization: `Bearer ${viaClient.accessToken}` });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(refused.body.data).toEqual({ user: null });
    const viaAdmin = await signInForTokens({
      issuer: platform.issuer!,
      email: 'admin@example.com',
      password: DEMO_PASSWORD,
      clientId: 'web-admin',
      scope: 'openid email roles admin:users',
    });
    const served = await post<{ user: { email: string } }>(platform.gatewayUrl, query, { authorization: `Bearer ${viaAdmin.accessToken}` });
    expect(served.body).toEqual({ data: { user: { email: customer.email } } });
  });

  it('locks every subgraph down: a direct POST to /graphql is 401, with a forged identity too; health stays open', async () => {
    const forged = `${Buffer.from('{"alg":"ES256"}').toString('base64url')}.${Buffer.from(`{"sub":"${customer.id}"}`).toString('base64url')}.AAAA`;
    for (const [name, service] of Object.entries(platform.services)) {
      const direct = await post<Me>(`${service.url}/graphql`, '{ __typename }');
      expect(direct.status, name).toBe(401);
      expect(direct.body.errors?.[0]?.extensions?.code, name).toBe('UNAUTHENTICATED');
      expect((await post<Me>(`${service.url}/graphql`, '{ __typename }', { 'x-gateway-identity': forged })).status, name).toBe(401);
      expect((await fetch(`${service.url}/health`)).status, name).toBe(200);
    }
    // SSO's OpenID Connect endpoints stay open.
    expect((await fetch(`${platform.issuer}/.well-known/openid-configuration`)).status).toBe(200);
    expect((await fetch(`${platform.issuer}/jwks`)).status).toBe(200);
  });
});
