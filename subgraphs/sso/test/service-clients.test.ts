import { demoData } from '@market/demo-data';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAs, fakeViewer, gatewayIdentity, type GatewayIdentity } from './gateway-viewer';
import { startTestSso, type TestSso } from './hosted-pages';

// Service-to-service clients: a confidential client registered through the admin API gets client-credentials
// access tokens for the API (JWTs verifiable with the JWKS), carrying only the scopes it was registered with.

const API_AUDIENCE = 'http://localhost:3000/graphql';
let sso: TestSso;
let identity: GatewayIdentity;
const demoAdmin = demoData().users.find((u) => u.email === 'admin@example.com')!;
const admin = fakeViewer(demoAdmin.id, ['admin:clients'], ['ADMIN']);

beforeAll(async () => {
  identity = await gatewayIdentity();
  sso = await startTestSso('sso_service_clients', { ...identity.env });
}, 60_000);
afterAll(async () => {
  await sso?.stop();
});

async function clientCredentials(clientId: string, secret: string, scope: string) {
  const response = await fetch(`${sso.issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('service clients', () => {
  it('issues API access tokens limited to the registered scopes; a rotated secret and a deleted client stop working', async () => {
    const created = await callAs<{ createOAuthClient: { clientSecret: string; client: { id: string; type: string } } }>(
      identity,
      sso.service,
      admin,
      `mutation ($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) { clientSecret client { id type } } }`,
      { i: { name: 'Billing worker', type: 'CONFIDENTIAL', grantTypes: ['CLIENT_CREDENTIALS'], scopes: ['orders:read', 'notifications'] } },
    );
    expect(created.errors).toBeUndefined();
    const { client, clientSecret } = created.data!.createOAuthClient;
    expect(client.type).toBe('CONFIDENTIAL');
    expect(clientSecret).toMatch(/^[\w-]{43}$/);
    // The list never shows the secret again.
    const listed = await callAs(identity, sso.service, admin, `{ oauthClients { id } }`);
    expect(JSON.stringify(listed)).not.toContain(clientSecret);

    const issued = await clientCredentials(client.id, clientSecret, 'orders:read admin:users');
    expect(issued.status).toBe(200);
    const accessToken = String(issued.body.access_token);
    const { payload, protectedHeader } = await jwtVerify(accessToken, createRemoteJWKSet(new URL(`${sso.issuer}/jwks`)), {
      issuer: sso.issuer,
      audience: API_AUDIENCE,
    });
    expect(protectedHeader.alg).toBe('RS256');
    expect(payload.client_id).toBe(client.id);
    expect(payload.sub).toBe(client.id);
    expect(payload.scope).toBe('orders:read'); // admin:users was not registered
    expect(issued.body.scope).toBe('orders:read');

    const rotated = await callAs<{ rotateOAuthClientSecret: { clientSecret: string } }>(
      identity,
      sso.service,
      admin,
      `mutation ($id: ID!) { rotateOAuthClientSecret(id: $id) { clientSecret } }`,
      { id: client.id },
    );
    const newSecret = rotated.data!.rotateOAuthClientSecret.clientSecret;
    expect(newSecret).not.toBe(clientSecret);
    const old = await clientCredentials(client.id, clientSecret, 'orders:read');
    expect(old.status).toBe(401);
    expect(old.body.error).toBe('invalid_client');
    expect((await clientCredentials(client.id, newSecret, 'notifications')).status).toBe(200);

    await callAs(identity, sso.service, admin, `mutation ($id: ID!) { deleteOAuthClient(id: $id) }`, { id: client.id });
    expect((await clientCredentials(client.id, newSecret, 'orders:read')).status).toBe(401);
    const events = await sso.service.store.listAudit({ targetId: client.id }, { limit: 10, after: null });
    expect(events.rows.map((r) => r.type).reverse()).toEqual(['client.created', 'client.secret_rotated', 'client.deleted']);
    expect(JSON.stringify(events.rows)).not.toContain(newSecret);
  });
});
