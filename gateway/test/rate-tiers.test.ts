import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isManagementField, tierOf } from '../src/rate-limits';
import { authorizationRules } from '../src/authorization';
import { startGuardedGateway, type GuardedGateway } from './sso-stand-in';

// Budgets by who is calling: tiers per role, a management-mutation budget, a sign-in-sensitive budget, and
// progressive blocks for repeated refusals of those two.

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes"])
type Query { ping: String! }
type Mutation {
  touch: Boolean
  suspendUser(id: ID!): Boolean @requiresScopes(scopes: [["admin:users"]])
  changePassword(currentPassword: String!, newPassword: String!): Boolean @authenticated
}`;

const ADMIN = { subject: 'admin-1', claims: { roles: ['ADMIN'], scope: 'openid admin:users', client_id: 'web-admin' } };

describe('rate limits by caller', () => {
  let guarded: GuardedGateway;
  const calls = { suspend: 0, change: 0 };

  beforeAll(async () => {
    guarded = await startGuardedGateway({
      name: 'tiers',
      sdl: SDL,
      resolvers: {
        Query: { ping: () => 'pong' },
        Mutation: {
          touch: () => true,
          suspendUser: () => (calls.suspend++, true),
          changePassword: () => (calls.change++, true),
        },
      },
      env: {
        RATE_LIMIT_REQUESTS: '3',
        RATE_LIMIT_TIERS: 'anonymous=1,customer=1,admin=3',
        RATE_LIMIT_MUTATIONS: '50',
        RATE_LIMIT_MANAGEMENT: '2',
        RATE_LIMIT_SENSITIVE: '1',
        RATE_LIMIT_PENALTY_S: '5',
      },
    });
  });
  afterAll(() => guarded?.stop());

  it('classifies callers and management mutations', () => {
    expect(tierOf(undefined)).toBe('anonymous');
    expect(tierOf({ roles: [], scopes: [], clientId: 'svc' })).toBe('service');
    expect(tierOf({ sub: 'u', roles: ['CUSTOMER', 'AGENCY_STAFF'], scopes: [] })).toBe('agency');
    expect(tierOf({ sub: 'u', roles: ['ADMIN'], scopes: [] })).toBe('admin');
    const rules = authorizationRules(
      `extend schema @link(url: "https://specs.apollo.dev/requiresScopes/v0.1", for: SECURITY)
       type Mutation { a: Int @requiresScopes(scopes: [["admin:users"]]) b: Int @requiresScopes(scopes: [["orders:write"]]) }`,
    );
    expect(isManagementField(rules, 'a')).toBe(true);
    expect(isManagementField(rules, 'b')).toBe(false);
  });

  it('gives each tier its own request budget', async () => {
    const customer = await guarded.sso.accessToken({ subject: 'customer-1' });
    for (let i = 0; i < 3; i++) expect((await guarded.post('{ ping }', customer)).status).toBe(200);
    const refused = await guarded.post('{ ping }', customer);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'requests' });

    const admin = await guarded.sso.accessToken({ subject: 'admin-tier', claims: ADMIN.claims });
    for (let i = 0; i < 9; i++) expect((await guarded.post('{ ping }', admin)).status, `admin request ${i + 1}`).toBe(200);
    expect((await guarded.post('{ ping }', admin)).status).toBe(429);
  });

  it('limits management mutations separately, and blocks progressively longer after refusals', async () => {
    const admin = await guarded.sso.accessToken(ADMIN);
    expect((await guarded.post('mutation { suspendUser(id: "1") }', admin)).body).toEqual({ data: { suspendUser: true } });
    expect((await guarded.post('mutation { suspendUser(id: "2") }', admin)).body).toEqual({ data: { suspendUser: true } });
    const first = await guarded.post('mutation { suspendUser(id: "3") }', admin);
    expect(first.status).toBe(429);
    expect(first.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'management' });
    const firstBlock = Number(first.headers.get('retry-after'));
    expect(firstBlock).toBeGreaterThanOrEqual(5);
    const second = await guarded.post('mutation { suspendUser(id: "4") }', admin);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThanOrEqual(10);
    expect(calls.suspend).toBe(2);
    // Other mutations still go through: only the management budget is spent.
    expect((await guarded.post('mutation { touch }', admin)).body).toEqual({ data: { touch: true } });
  });

  it('limits sign-in-sensitive mutations per user', async () => {
    const customer = await guarded.sso.accessToken({ subject: 'customer-2' });
    const change = 'mutation { changePassword(currentPassword: "a", newPassword: "b") }';
    expect((await guarded.post(change, customer)).body).toEqual({ data: { changePassword: true } });
    const refused = await guarded.post(change, customer);
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ budget: 'sensitive' });
    expect(calls.change).toBe(1);
    // Another user is not affected.
    const other = await guarded.sso.accessToken({ subject: 'customer-3' });
    expect((await guarded.post(change, other)).body).toEqual({ data: { changePassword: true } });
  });
});
