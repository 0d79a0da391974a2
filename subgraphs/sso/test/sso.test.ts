import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData } from '@market/demo-data';
import { freshMysql, freshPostgres, testLogger, type GraphQLResult, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type SsoService } from '../src/service';
import { callAs, fakeViewer, gatewayIdentity, type GatewayIdentity } from './gateway-viewer';

// Runs on MySQL when MYSQL_URL is set, else on PostgreSQL when DATABASE_URL is set
// (CI sets both, so the production adapter is the one tested), else on PGlite in a temporary folder.
let mysql: Provisioned;
let postgres: Provisioned;
let dataDir: string;
let service: SsoService;
let identity: GatewayIdentity;
const demo = demoData();
const demoAdmin = demo.users.find((u) => u.email === 'admin@example.com')!;
/** Listing users is for admins: the calls come as the demo admin, as the gateway would forward them. */
const admin = fakeViewer(demoAdmin.id, ['admin:users'], ['ADMIN']);
const graphql = <T = Record<string, unknown>>(target: SsoService, query: string, variables: Record<string, unknown> = {}) =>
  callAs<T>(identity, target, admin, query, variables);
const resolveEntities = <T>(target: SsoService, representations: Record<string, unknown>[], selection: string) =>
  callAs<{ _entities: (T | null)[] }>(identity, target, null, `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`, {
    r: representations,
  });

interface UserNode {
  id: string;
  email: string;
  roles: string[];
  status: string;
  createdAt: string;
}
interface UserPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: UserNode }[];
}

beforeAll(async () => {
  mysql = await freshMysql('sso');
  postgres = await freshPostgres('sso');
  dataDir = mkdtempSync(join(tmpdir(), 'sso-test-'));
  identity = await gatewayIdentity();
  service = await startService(
    loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      MYSQL_URL: mysql.url,
      DATABASE_URL: postgres.url,
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      ...identity.env,
    }),
    { logger: testLogger('sso') },
  );
});
afterAll(async () => {
  await service?.stop();
  await mysql?.cleanup();
  await postgres?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('sso subgraph', () => {
  it('lists the seeded users newest first, page by page, each once', async () => {
    const query = `query ($after: String) { users(first: 8, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email roles status createdAt } } } }`;
    const seen: UserNode[] = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult<{ users: UserPage }> = await graphql<{ users: UserPage }>(service, query, { after });
      expect(result.errors).toBeUndefined();
      const page: UserPage = result.data!.users;
      expect(page.totalCount).toBe(demo.users.length);
      expect(page.edges.length).toBeLessThanOrEqual(8);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const expected = [...demo.users].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
    expect(seen.map((u) => u.id)).toEqual(expected.map((u) => u.id));
    const admin = seen.find((u) => u.email === 'admin@example.com');
    const demoAdmin = demo.users.find((u) => u.email === 'admin@example.com')!;
    expect(admin).toEqual({
      id: demoAdmin.id,
      email: 'admin@example.com',
      roles: ['ADMIN'],
      status: 'ACTIVE',
      createdAt: demoAdmin.createdAt.toISOString(),
    });
    expect(seen.filter((u) => u.status === 'SUSPENDED')).toHaveLength(demo.users.filter((u) => u.status === 'SUSPENDED').length);
  });

  it('rejects page sizes and cursors it cannot honour', async () => {
    const big = await graphql(
      service,
      `
        {
          users(first: 101) {
            totalCount
          }
        }
      `,
    );
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const garbage = await graphql(
      service,
      `
        {
          users(after: "garbage") {
            totalCount
          }
        }
      `,
    );
    expect(garbage.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // Well-formed base64 JSON of the right arity, but not a [date, uuid] key.
    const forged = Buffer.from(JSON.stringify(['yesterday', 'someone'])).toString('base64url');
    const wrong = await graphql(service, `{ users(after: "${forged}") { totalCount } }`);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('answers me with the caller, UNAUTHENTICATED for anonymous callers, and lists users for admins only', async () => {
    const me = await graphql<{ me: { id: string; email: string } }>(
      service,
      `
        {
          me {
            id
            email
          }
        }
      `,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({ id: demoAdmin.id, email: 'admin@example.com' });
    const anonymous = await callAs(identity, service, null, `{ me { id } }`);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const customer = fakeViewer(demo.users.find((u) => u.email === 'customer@example.com')!.id, ['orders:read'], ['CUSTOMER']);
    const refused = await callAs(identity, service, customer, `{ users { totalCount } }`);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Without the gateway's signature the subgraph answers nothing at all.
    const unsigned = await fetch(`${service.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ users { totalCount } }' }),
    });
    expect(unsigned.status).toBe(401);
  });

  it('resolves user references in one users query and one roles query, however many', async () => {
    const refs = demo.users.map((u) => ({ __typename: 'User', id: u.id }));
    const before = service.queryCount();
    const result = await resolveEntities<UserNode>(
      service,
      [...refs, { __typename: 'User', id: '00000000-0000-4000-8000-000000000000' }, { __typename: 'User', id: 'not-a-uuid' }],
      '... on User { id email roles status createdAt }',
    );
    expect(result.errors).toBeUndefined();
    expect(service.queryCount() - before).toBe(2);
    const entities = result.data!._entities;
    expect(entities).toHaveLength(demo.users.length + 2);
    expect(entities.slice(0, -2)).toEqual(
      demo.users.map((u) => ({ id: u.id, email: u.email, roles: u.roles, status: u.status, createdAt: u.createdAt.toISOString() })),
    );
    expect(entities.slice(-2)).toEqual([null, null]);
  });

  it('reports readiness and exposes metrics', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { [mysql.url ? 'mysql' : 'postgres']: { ok: true } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });

  it('seeds on first boot only: a restart keeps the same users', async () => {
    await service.stop();
    service = await startService(
      loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        MYSQL_URL: mysql.url,
        DATABASE_URL: postgres.url,
        DATA_DIR: dataDir,
        NODE_ENV: 'test',
        ...identity.env,
      }),
      { logger: testLogger('sso') },
    );
    const result = await graphql<{ users: { totalCount: number } }>(
      service,
      `
        {
          users {
            totalCount
          }
        }
      `,
    );
    expect(result.data?.users.totalCount).toBe(demo.users.length);
  });
});
