import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInForTokens } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/oidc/passwords';
import { callAs, fakeViewer, gatewayIdentity, refresh, type GatewayIdentity } from './gateway-viewer';
import { startTestSso, type TestSso } from './hosted-pages';

// The admin API of SSO: users (search, status, roles), the audit trail, OAuth clients; authorization enforced by
// the subgraph itself, whatever the gateway did.

let sso: TestSso;
let identity: GatewayIdentity;
const demo = demoData();
const demoAdmin = demo.users.find((u) => u.email === 'admin@example.com')!;
const demoCustomer = demo.users.find((u) => u.email === 'customer@example.com')!;
// The gateway forwards the client's address and user agent with the identity; audit events carry them.
const admin = {
  ...fakeViewer(demoAdmin.id, ['admin:users', 'admin:audit', 'admin:clients'], ['ADMIN']),
  ip: '203.0.113.7',
  userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
};
const customer = fakeViewer(demoCustomer.id, ['orders:read'], ['CUSTOMER']);

beforeAll(async () => {
  identity = await gatewayIdentity();
  sso = await startTestSso('sso_admin', { ...identity.env });
}, 60_000);
afterAll(async () => {
  await sso?.stop();
});

const as = <T = Record<string, unknown>>(viewer: Parameters<typeof callAs>[2], query: string, variables: Record<string, unknown> = {}) =>
  callAs<T>(identity, sso.service, viewer, query, variables);
type Errors = { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
const codeOf = (result: Errors) => result.errors?.[0]?.extensions?.code;

async function newUser(overrides: { roles?: ('CUSTOMER' | 'ADMIN' | 'AGENCY_STAFF' | 'AGENCY_OWNER')[]; email?: string } = {}) {
  const email = overrides.email ?? `admin-test.${randomUUID().slice(0, 8)}@example.com`;
  const [user] = await sso.service.store.insertMany([{ email, roles: overrides.roles ?? ['CUSTOMER'], emailVerifiedAt: new Date() }]);
  await sso.service.store.setPasswordHashes([{ userId: user!.id, passwordHash: await hashPassword(DEMO_PASSWORD) }]);
  return user!;
}

describe('users (admin)', () => {
  it('is UNAUTHENTICATED for anonymous callers and FORBIDDEN without admin:users', async () => {
    expect(codeOf(await as(null, `{ users { totalCount } }`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await as(customer, `{ users { totalCount } }`))).toBe('FORBIDDEN');
    expect(codeOf(await as(customer, `{ user(id: "${demoAdmin.id}") { id } }`))).toBe('FORBIDDEN');
    const ok = await as<{ users: { totalCount: number } }>(admin, `{ users { totalCount } }`);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.users.totalCount).toBeGreaterThanOrEqual(demo.users.length);
  });

  it('filters by email text, status and role, newest first', async () => {
    const tag = randomUUID().slice(0, 8);
    const staff = await newUser({ email: `filter.${tag}.staff@example.com`, roles: ['AGENCY_STAFF'] });
    const plain = await newUser({ email: `filter.${tag}.plain@example.com` });
    await sso.service.store.setStatusWithReason(plain.id, 'SUSPENDED', 'test');
    type Page = { users: { totalCount: number; edges: { node: { id: string } }[] } };
    const find = (filter: Record<string, unknown>) =>
      as<Page>(admin, `query ($f: UserFilter) { users(filter: $f) { totalCount edges { node { id } } } }`, { f: filter });
    const byText = await find({ search: `FILTER.${tag}` });
    expect(byText.data!.users.edges.map((e) => e.node.id)).toEqual([plain.id, staff.id]);
    expect((await find({ search: `filter.${tag}`, statuses: ['SUSPENDED'] })).data!.users.edges.map((e) => e.node.id)).toEqual([plain.id]);
    expect((await find({ search: `filter.${tag}`, roles: ['AGENCY_STAFF'] })).data!.users.edges.map((e) => e.node.id)).toEqual([staff.id]);
    const long = await find({ search: 'x'.repeat(400) });
    expect(long.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it('shows "self or admin" fields to admins in batched queries, and hides them from others with FORBIDDEN', async () => {
    const users = await Promise.all([newUser(), newUser(), newUser()]);
    await sso.service.store.setStatusWithReason(users[0].id, 'SUSPENDED', 'unpaid invoices');
    await sso.service.store.linkIdentity({ provider: 'github', subject: `gh-${users[1].id}`, userId: users[1].id, email: null });
    const selection = `id statusReason mfaEnabled lastLoginAt linkedIdentities { provider linkedAt }`;
    const representations = users.map((u) => ({ __typename: 'User', id: u.id }));
    const query = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { ${selection} } } }`;

    const before = sso.service.queryCount();
    const seen = await as<{ _entities: Record<string, unknown>[] }>(admin, query, { r: representations });
    expect(seen.errors).toBeUndefined();
    // One users query, then one each for MFA and linked identities, however many users.
    expect(sso.service.queryCount() - before).toBe(3);
    expect(seen.data!._entities[0]).toMatchObject({ statusReason: 'unpaid invoices', mfaEnabled: false, linkedIdentities: [] });
    expect(seen.data!._entities[1]).toMatchObject({ linkedIdentities: [{ provider: 'github' }] });

    const hidden = await as<{ _entities: Record<string, unknown>[] }>(customer, query, { r: representations });
    expect(hidden.data!._entities[0]).toEqual({
      id: users[0].id,
      statusReason: null,
      mfaEnabled: null,
      lastLoginAt: null,
      linkedIdentities: null,
    });
    expect(hidden.errors).toHaveLength(12);
    expect(new Set(hidden.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    expect(hidden.errors!.map((e) => e.path?.join('.'))).toContain('_entities.0.statusReason');
    // The user themself sees their own.
    const self = await as<{ _entities: Record<string, unknown>[] }>(fakeViewer(users[0].id), query, { r: representations.slice(0, 1) });
    expect(self.errors).toBeUndefined();
    expect(self.data!._entities[0]).toMatchObject({ statusReason: 'unpaid invoices' });
  });

  it('finds one user by id, null for unknown ids', async () => {
    const user = await newUser();
    const found = await as<{ user: { email: string } | null }>(admin, `query ($id: ID!) { user(id: $id) { email } }`, { id: user.id });
    expect(found.data!.user).toEqual({ email: user.email });
    expect((await as<{ user: null }>(admin, `{ user(id: "not-a-uuid") { email } }`)).data!.user).toBeNull();
  });
});

describe('setUserStatus', () => {
  const SET = `mutation ($id: ID!, $s: UserStatus!, $r: String) { setUserStatus(id: $id, status: $s, reason: $r) { id status statusReason } }`;

  it('needs a reason to bar a user and refuses an admin changing their own status', async () => {
    const user = await newUser();
    const missing = await as(admin, SET, { id: user.id, s: 'SUSPENDED', r: '   ' });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const own = await as(admin, SET, { id: demoAdmin.id, s: 'ACTIVE', r: 'me' });
    expect(codeOf(own)).toBe('FORBIDDEN');
    expect(codeOf(await as(admin, SET, { id: randomUUID(), s: 'BLOCKED', r: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(await as(customer, SET, { id: user.id, s: 'BLOCKED', r: 'x' }))).toBe('FORBIDDEN');
    expect((await sso.service.store.byIds([user.id]))[0]?.status).toBe('ACTIVE');
  });

  it("ends a suspended user's sessions and refresh tokens at once, and audits who did it and why", async () => {
    const user = await newUser();
    const tokens = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    expect((await refresh(sso.issuer, 'web-client', tokens.refreshToken!)).status).toBe(200);
    const latest = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });

    const suspended = await as<{ setUserStatus: Record<string, unknown> }>(admin, SET, { id: user.id, s: 'SUSPENDED', r: ' chargebacks ' });
    expect(suspended.errors).toBeUndefined();
    expect(suspended.data!.setUserStatus).toEqual({ id: user.id, status: 'SUSPENDED', statusReason: 'chargebacks' });
    const after = await refresh(sso.issuer, 'web-client', latest.refreshToken!);
    expect(after.status).toBe(400);
    expect(after.body.error).toBe('invalid_grant');
    expect(await sso.service.store.sessionsOf(user.id)).toEqual([]);
    expect(await sso.service.store.oidc.grantIdsFor('accountId', user.id)).toEqual([]);

    const [event] = (await sso.service.store.listAudit({ types: ['user.status_changed'], targetId: user.id }, { limit: 1, after: null }))
      .rows;
    expect(event).toMatchObject({
      actorId: demoAdmin.id,
      targetId: user.id,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0',
      details: { from: 'ACTIVE', to: 'SUSPENDED', reason: 'chargebacks' },
    });

    // Reactivation needs no reason; the user can sign in again.
    const active = await as<{ setUserStatus: Record<string, unknown> }>(admin, SET, { id: user.id, s: 'ACTIVE' });
    expect(active.data!.setUserStatus).toMatchObject({ status: 'ACTIVE', statusReason: null });
    await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
  });
});

describe('roles', () => {
  const GRANT = `mutation ($id: ID!, $r: Role!) { grantRole(userId: $id, role: $r) { roles } }`;
  const REVOKE = `mutation ($id: ID!, $r: Role!) { revokeRole(userId: $id, role: $r) { roles } }`;

  it('grants and revokes roles (admins only), never an admin their own ADMIN role, with audit events', async () => {
    const user = await newUser();
    const granted = await as<{ grantRole: { roles: string[] } }>(admin, GRANT, { id: user.id, r: 'AGENCY_OWNER' });
    expect(granted.data!.grantRole.roles).toEqual(['CUSTOMER', 'AGENCY_OWNER']);
    const revoked = await as<{ revokeRole: { roles: string[] } }>(admin, REVOKE, { id: user.id, r: 'CUSTOMER' });
    expect(revoked.data!.revokeRole.roles).toEqual(['AGENCY_OWNER']);
    expect(codeOf(await as(admin, REVOKE, { id: demoAdmin.id, r: 'ADMIN' }))).toBe('FORBIDDEN');
    // A token with the scope but without the ADMIN role is refused too.
    expect(codeOf(await as(fakeViewer(user.id, ['admin:users'], ['AGENCY_OWNER']), GRANT, { id: user.id, r: 'ADMIN' }))).toBe('FORBIDDEN');
    expect(codeOf(await as(admin, GRANT, { id: randomUUID(), r: 'ADMIN' }))).toBe('NOT_FOUND');
    const events = await sso.service.store.listAudit({ targetId: user.id }, { limit: 10, after: null });
    expect(events.rows.map((r) => [r.type, r.details.role, r.actorId])).toEqual([
      ['user.role_revoked', 'CUSTOMER', demoAdmin.id],
      ['user.role_granted', 'AGENCY_OWNER', demoAdmin.id],
    ]);
  });
});

describe('auditLog', () => {
  it('needs admin:audit and filters by type, with actor and target resolved', async () => {
    const user = await newUser();
    await sso.service.store.recordAudit({ type: 'test.audit_log', actorId: demoAdmin.id, targetId: user.id, details: { n: 1 } });
    const query = `query ($f: AuditFilter) { auditLog(filter: $f) { totalCount edges { node { type actor { email } target { id } details } } } }`;
    expect(codeOf(await as(fakeViewer(demoAdmin.id, ['admin:users'], ['ADMIN']), query, { f: {} }))).toBe('FORBIDDEN');
    const result = await as<{ auditLog: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(admin, query, {
      f: { types: ['test.audit_log'] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.auditLog.edges.map((e) => e.node)).toEqual([
      { type: 'test.audit_log', actor: { email: 'admin@example.com' }, target: { id: user.id }, details: '{"n":1}' },
    ]);
    const backwards = await as(admin, query, { f: { since: '2026-02-02T00:00:00Z', until: '2026-02-01T00:00:00Z' } });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.since' });
  });
});

describe('OAuth clients', () => {
  const CREATE = `mutation ($i: CreateOAuthClientInput!) { createOAuthClient(input: $i) { clientSecret client { id name type firstParty grantTypes redirectUris scopes createdAt } } }`;

  it('lists the first-party apps read-only, first', async () => {
    const listed = await as<{ oauthClients: Record<string, unknown>[] }>(
      admin,
      `{ oauthClients { id firstParty type grantTypes redirectUris scopes } }`,
    );
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.oauthClients.slice(0, 2)).toEqual([
      expect.objectContaining({ id: 'web-client', firstParty: true, type: 'PUBLIC', redirectUris: ['http://localhost:3008/callback'] }),
      expect.objectContaining({ id: 'web-admin', firstParty: true, grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'] }),
    ]);
    expect(codeOf(await as(customer, `{ oauthClients { id } }`))).toBe('FORBIDDEN');
    expect(codeOf(await as(admin, `mutation { deleteOAuthClient(id: "web-client") }`))).toBe('FORBIDDEN');
    expect(codeOf(await as(admin, `mutation { updateOAuthClient(id: "web-admin", input: { name: "x" }) { id } }`))).toBe('FORBIDDEN');
  });

  it('refuses invalid settings with the field, and stores nothing', async () => {
    const base = {
      name: 'Partner',
      type: 'PUBLIC',
      grantTypes: ['AUTHORIZATION_CODE'],
      redirectUris: ['https://partner.example/cb'],
      scopes: ['orders:read'],
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ grantTypes: ['CLIENT_CREDENTIALS'], redirectUris: [] }, 'input.grantTypes'],
      [{ redirectUris: ['http://partner.example/cb'] }, 'input.redirectUris'],
      [{ redirectUris: ['https://partner.example/*'] }, 'input.redirectUris'],
      [{ redirectUris: [] }, 'input.redirectUris'],
      [{ scopes: ['orders:read', 'root'] }, 'input.scopes'],
      [{ name: '  ' }, 'input.name'],
      [{ grantTypes: ['REFRESH_TOKEN'] }, 'input.grantTypes'],
    ];
    const before = (await as<{ oauthClients: unknown[] }>(admin, `{ oauthClients { id } }`)).data!.oauthClients.length;
    for (const [change, field] of cases) {
      const result = await as(admin, CREATE, { i: { ...base, ...change } });
      expect(result.errors?.[0]?.extensions, JSON.stringify(change)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await as<{ oauthClients: unknown[] }>(admin, `{ oauthClients { id } }`)).data!.oauthClients).toHaveLength(before);
  });

  it('creates, updates and deletes a public client; the secret of a confidential one is shown once and rotates', async () => {
    const created = await as<{ createOAuthClient: { clientSecret: string | null; client: Record<string, unknown> } }>(admin, CREATE, {
      i: {
        name: 'Partner app',
        type: 'PUBLIC',
        grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'],
        redirectUris: ['https://partner.example/callback', 'http://127.0.0.1:7000/cb'],
        scopes: ['orders:read'],
      },
    });
    expect(created.errors).toBeUndefined();
    const client = created.data!.createOAuthClient.client;
    expect(created.data!.createOAuthClient.clientSecret).toBeNull();
    expect(client).toMatchObject({ name: 'Partner app', type: 'PUBLIC', firstParty: false, scopes: ['orders:read'] });
    const id = String(client.id);

    const updated = await as<{ updateOAuthClient: Record<string, unknown> }>(
      admin,
      `mutation ($id: ID!) { updateOAuthClient(id: $id, input: { name: "Partner", scopes: ["orders:read", "chat"] }) { name scopes redirectUris } }`,
      { id },
    );
    expect(updated.data!.updateOAuthClient).toEqual({
      name: 'Partner',
      scopes: ['orders:read', 'chat'],
      redirectUris: ['https://partner.example/callback', 'http://127.0.0.1:7000/cb'],
    });
    const badUpdate = await as(admin, `mutation ($id: ID!) { updateOAuthClient(id: $id, input: { redirectUris: [] }) { name } }`, { id });
    expect(badUpdate.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.redirectUris' });
    expect(codeOf(await as(admin, `mutation ($id: ID!) { rotateOAuthClientSecret(id: $id) { clientSecret } }`, { id }))).toBe(
      'BAD_USER_INPUT',
    );

    // oidc-provider finds it: its authorization endpoint accepts the client and redirect URI.
    const authorize = await fetch(
      `${sso.issuer}/auth?client_id=${id}&redirect_uri=${encodeURIComponent('https://partner.example/callback')}&response_type=code&scope=openid&code_challenge=${'a'.repeat(43)}&code_challenge_method=S256`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(303);
    expect(authorize.headers.get('location')).toMatch(/^\/interaction\//);

    expect(
      (await as<{ deleteOAuthClient: boolean }>(admin, `mutation ($id: ID!) { deleteOAuthClient(id: $id) }`, { id })).data!
        .deleteOAuthClient,
    ).toBe(true);
    expect(codeOf(await as(admin, `mutation ($id: ID!) { deleteOAuthClient(id: $id) }`, { id }))).toBe('NOT_FOUND');
    const gone = await fetch(
      `${sso.issuer}/auth?client_id=${id}&redirect_uri=${encodeURIComponent('https://partner.example/callback')}&response_type=code&scope=openid`,
      {
        redirect: 'manual',
      },
    );
    expect(gone.status).toBe(400);
    const events = await sso.service.store.listAudit({ targetId: id }, { limit: 10, after: null });
    expect(events.rows.map((r) => r.type).reverse()).toEqual(['client.created', 'client.updated', 'client.deleted']);
  });
});
