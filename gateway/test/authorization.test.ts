import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizationRules, authorizeOperation, completeResponse, refusalFor, servableSupergraph } from '../src/authorization';
import { startGuardedGateway, type GuardedGateway } from './sso-stand-in';

// @authenticated / @requiresScopes / @policy from the supergraph, enforced by the gateway with Apollo Router's
// semantics: refused fields are null with UNAUTHENTICATED/FORBIDDEN at their paths, the rest is served, and the
// subgraph never sees the refused fields.

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes", "@policy"])`;
const ACCOUNTS_SDL = `${LINK}
type Account @key(fields: "id") {
  id: ID!
  name: String!
  email: String @authenticated
  secretNote: String @requiresScopes(scopes: [["admin:users"], ["support", "audit"]])
  mustHave: String! @requiresScopes(scopes: [["admin:users"]])
}
type AuditEntry @authenticated { id: ID! what: String! }
type Query {
  accounts: [Account!]!
  me: Account @authenticated
  adminOnly: [Account!]! @requiresScopes(scopes: [["admin:users"]])
  audit: [AuditEntry!]
  ownersOnly: String @policy(policies: [["role:AGENCY_OWNER"]])
  mystery: String @policy(policies: [["no-such-policy"]])
}`;

function compose(): string {
  const result = composeServices([{ name: 'accounts', url: 'http://localhost:4301/graphql', typeDefs: parse(ACCOUNTS_SDL) }]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

describe('authorization rules from the supergraph', () => {
  const sdl = compose();
  const rules = authorizationRules(sdl);
  const schema = Supergraph.build(servableSupergraph(sdl)).apiSchema().toGraphQLJSSchema();

  it('reads every directive on fields and types', () => {
    expect(rules.fields.get('Account.email')).toEqual({ authenticated: true, scopes: [], policies: [] });
    expect(rules.fields.get('Account.secretNote')?.scopes).toEqual([[['admin:users'], ['support', 'audit']]]);
    expect(rules.types.get('AuditEntry')?.authenticated).toBe(true);
    expect(rules.fields.get('Query.ownersOnly')?.policies).toEqual([[['role:AGENCY_OWNER']]]);
    expect([...rules.policies].sort()).toEqual(['no-such-policy', 'role:AGENCY_OWNER']);
  });

  it('makes the supergraph servable by @apollo/gateway, which refuses SECURITY features it does not enforce', () => {
    expect(() => Supergraph.build(sdl)).toThrow(/is for: SECURITY but is unsupported/);
    expect(() => Supergraph.build(servableSupergraph(sdl))).not.toThrow();
    expect(servableSupergraph(sdl)).not.toMatch(/authenticated\/v0\.1", for: SECURITY/);
  });

  it('evaluates scopes as OR of AND groups, and unknown policies as refused', () => {
    const secret = rules.fields.get('Account.secretNote')!;
    const user = (scopes: string[]) => ({ sub: 'u', roles: [], scopes });
    expect(refusalFor(secret, undefined, () => undefined)).toBe('UNAUTHENTICATED');
    expect(refusalFor(secret, user(['admin:users']), () => undefined)).toBeNull();
    expect(refusalFor(secret, user(['support', 'audit']), () => undefined)).toBeNull();
    expect(refusalFor(secret, user(['support']), () => undefined)).toBe('FORBIDDEN');
    const mystery = rules.fields.get('Query.mystery')!;
    expect(refusalFor(mystery, user(['admin:users']), () => undefined)).toBe('FORBIDDEN');
  });

  it('removes refused fields, including inside fragments, and keeps selection sets valid', () => {
    const document = parse(`query Q { accounts { ...A } adminOnly { id } }
      fragment A on Account { id email secretNote }`);
    const result = authorizeOperation({ schema, rules, document, identity: { sub: 'u', roles: [], scopes: [] } });
    expect(result.removed.map((r) => [r.path.join('.'), r.code])).toEqual([
      ['accounts.secretNote', 'FORBIDDEN'],
      ['adminOnly', 'FORBIDDEN'],
    ]);
    expect(print(result.document)).not.toContain('secretNote');
    expect(print(result.document)).toContain('email');
    expect(result.nothingLeft).toBe(false);

    const onlyRefused = authorizeOperation({ schema, rules, document: parse('{ audit { id } me { id } }'), identity: undefined });
    expect(onlyRefused.nothingLeft).toBe(true);
    expect(onlyRefused.removed.map((r) => r.path.join('.'))).toEqual(['audit', 'me']);
  });

  it('puts null at every occurrence and propagates through non-null types', () => {
    const document = parse('{ accounts { id mustHave } }');
    const { removed, document: narrowed } = authorizeOperation({ schema, rules, document, identity: { sub: 'u', roles: [], scopes: [] } });
    expect(print(narrowed)).not.toContain('mustHave');
    // Account.mustHave is String!: nulling it nulls the Account, and [Account!]! then nulls `accounts`, then data.
    const completed = completeResponse({ accounts: [{ id: '1' }, { id: '2' }] }, removed);
    expect(completed.data).toBeNull();
    expect(completed.errors.map((e) => e.path)).toEqual([
      ['accounts', 0, 'mustHave'],
      ['accounts', 1, 'mustHave'],
    ]);
    expect(completed.errors[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('authorization through the gateway', () => {
  let guarded: GuardedGateway;
  /** Guarded fields the subgraph was asked to resolve. */
  const resolved: string[] = [];
  const accounts = [
    { id: 'a1', name: 'Ada', email: 'ada@example.com', secretNote: 'vip', mustHave: 'x' },
    { id: 'a2', name: 'Bob', email: 'bob@example.com', secretNote: 'late payer', mustHave: 'y' },
  ];
  const query = (text: string, token?: string) => guarded.post(text, token);

  beforeAll(async () => {
    guarded = await startGuardedGateway({
      name: 'accounts',
      sdl: ACCOUNTS_SDL,
      resolvers: {
        Query: {
          accounts: () => accounts,
          me: () => accounts[0],
          adminOnly: () => accounts,
          audit: () => [{ id: 'e1', what: 'sign-in' }],
          ownersOnly: () => 'owners',
          mystery: () => 'never',
        },
        Account: {
          email: (account: { email: string }) => (resolved.push('email'), account.email),
          secretNote: (account: { secretNote: string }) => (resolved.push('secretNote'), account.secretNote),
        },
      },
    });
  });

  afterAll(() => guarded?.stop());

  it('answers an anonymous caller with the public data and UNAUTHENTICATED at each guarded field', async () => {
    const result = await query('{ accounts { name email } me { id } }');
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      accounts: [
        { name: 'Ada', email: null },
        { name: 'Bob', email: null },
      ],
      me: null,
    });
    const refusals = result.body.errors?.map((e) => [e.path, e.extensions?.code]);
    expect(refusals).toEqual([
      [['accounts', 0, 'email'], 'UNAUTHENTICATED'],
      [['accounts', 1, 'email'], 'UNAUTHENTICATED'],
      [['me'], 'UNAUTHENTICATED'],
    ]);
  });

  it('never sends a refused field to the subgraph', async () => {
    resolved.length = 0;
    const customer = await guarded.sso.accessToken();
    const result = await query('{ accounts { name email secretNote } }', customer);
    expect(result.body.data?.accounts).toEqual([
      { name: 'Ada', email: 'ada@example.com', secretNote: null },
      { name: 'Bob', email: 'bob@example.com', secretNote: null },
    ]);
    expect(result.body.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    expect(resolved).toContain('email');
    expect(resolved).not.toContain('secretNote');
  });

  it('serves admin-only fields to a token holding the scope', async () => {
    const admin = await guarded.sso.accessToken({ claims: { roles: ['ADMIN'], scope: 'openid admin:users', client_id: 'web-admin' } });
    const result = await query('{ adminOnly { name secretNote } }', admin);
    expect(result.body.errors).toBeUndefined();
    expect(result.body.data?.adminOnly).toEqual([
      { name: 'Ada', secretNote: 'vip' },
      { name: 'Bob', secretNote: 'late payer' },
    ]);
  });

  it('refuses an ADMIN whose token was issued to web-client (no management scope there)', async () => {
    const adminInCustomerApp = await guarded.sso.accessToken({
      claims: { roles: ['ADMIN'], scope: 'openid orders:read', client_id: 'web-client' },
    });
    const result = await query('{ adminOnly { id } accounts { id } }', adminInCustomerApp);
    // adminOnly is non-null at the root: the whole data is null, as GraphQL's null propagation requires.
    expect(result.body.data).toBeNull();
    expect(result.body.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['adminOnly'], 'FORBIDDEN']]);
  });

  it('evaluates role policies and refuses unknown ones', async () => {
    const owner = await guarded.sso.accessToken({ claims: { roles: ['AGENCY_OWNER'] } });
    const ownerResult = await query('{ ownersOnly mystery }', owner);
    expect(ownerResult.body.data).toEqual({ ownersOnly: 'owners', mystery: null });
    expect(ownerResult.body.errors?.map((e) => e.path)).toEqual([['mystery']]);
    const customer = await guarded.sso.accessToken();
    expect((await query('{ ownersOnly }', customer)).body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('guards a type wherever it is returned', async () => {
    expect((await query('{ audit { what } }')).body).toMatchObject({ data: { audit: null } });
    const customer = await guarded.sso.accessToken();
    expect((await query('{ audit { what } }', customer)).body).toEqual({ data: { audit: [{ what: 'sign-in' }] } });
  });

  it('counts refusals in the metrics', async () => {
    const metrics = await (await fetch(`${guarded.gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_authorization_refusals_total\{code="UNAUTHENTICATED"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/gateway_authorization_refusals_total\{code="FORBIDDEN"[^}]*\} [1-9]/);
  });
});
