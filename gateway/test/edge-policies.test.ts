import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateGatewayKeys, type EnvSource } from '@market/kit';
import { freshRedis, testEnv, testLogger } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startGateway, type RunningGateway } from '../src/gateway';
import { ALPHA_SDL, composeStubs, startStubSubgraphs, supergraphFolder, type StubSubgraphs } from './stub-subgraphs';

// Edge policies that do not depend on who the caller is: operation and body
// limits, CORS per app, rate limits per IP (in-process, and shared through Redis).

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let stubs: StubSubgraphs;
/** Production requires a signing key. */
const SIGNING_KEY = JSON.stringify((await generateGatewayKeys()).privateJwk);
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  stubs = await startStubSubgraphs();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await stubs?.stop();
});

/** A gateway over the stub subgraphs, stopped after the file. */
async function gatewayWith(env: EnvSource, sdl?: string): Promise<RunningGateway> {
  const folder = supergraphFolder(sdl);
  const gateway = await startGateway(loadEnv({ PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'test', SUPERGRAPH_PATH: folder.path, ...env }), {
    logger: testLogger('gateway'),
    subgraphUrls: stubs.urls(),
  });
  cleanups.push(async () => {
    await gateway.stop();
    folder.remove();
  });
  return gateway;
}

async function post(gateway: RunningGateway, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Body };
}

const codes = (body: Body) => (body.errors ?? []).map((e) => e.extensions?.code);
const messages = (body: Body) => (body.errors ?? []).map((e) => e.message);

describe('operation limits', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({
      MAX_DEPTH: '3',
      MAX_ALIASES: '2',
      MAX_ROOT_FIELDS: '3',
      MAX_COST: '10',
      MAX_TOKENS: '60',
      MAX_DIRECTIVES: '2',
      MAX_BODY_BYTES: '2048',
    });
  });

  it('serves operations inside every limit', async () => {
    expect((await post(gateway, { query: '{ things { id name } }' })).body).toEqual({
      data: {
        things: [
          { id: '1', name: 'one' },
          { id: '2', name: 'two' },
        ],
      },
    });
  });

  it.each([
    [
      'depth',
      '{ things { ...F } } fragment F on Thing { ... on Thing { ... on Thing { id } } }',
      /^Query depth limit of 3 exceeded, found \d+\.$/,
    ],
    ['aliases', '{ a: things { id } b: things { id } c: things { id } }', /^Aliases limit of 2 exceeded, found 3\.$/],
    ['root fields', '{ things { id } betaVersion __typename x: betaVersion }', /^Root fields limit of 3 exceeded, found 4\.$/],
    ['cost', '{ things { id name extra } a: things { id name extra } }', /^Query Cost limit of 10 exceeded, found [\d.]+\.$/],
    ['directives', '{ things @skip(if: false) @include(if: true) { id @skip(if: false) } }', /^Directives limit of 2 exceeded, found 3\.$/],
  ])('refuses an operation beyond the %s limit with a 400 naming the limit', async (_limit, query, message) => {
    const result = await post(gateway, { query });
    expect(result.status).toBe(400);
    expect(result.body.data).toBeUndefined();
    expect(result.body.errors?.some((e) => message.test(e.message) && e.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')).toBe(true);
  });

  it('refuses an operation with too many tokens before planning it', async () => {
    const query = `{ ${Array.from({ length: 40 }, (_, i) => `f${i}: betaVersion`).join(' ')} }`;
    const result = await post(gateway, { query });
    expect(result.status).toBe(400);
    expect(codes(result.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(messages(result.body)[0]).toMatch(/^Syntax Error: Document contains more th[ae]t 60 tokens\. Parsing aborted\.$/);
  });

  it('refuses a body over MAX_BODY_BYTES with a 413 and a JSON error', async () => {
    const result = await post(gateway, { query: `{ things { id } } # ${'x'.repeat(3000)}` });
    expect(result.status).toBe(413);
    expect(result.body.errors).toEqual([{ message: 'Request body exceeds 2048 bytes', extensions: { code: 'BAD_REQUEST' } }]);
  });

  it('answers malformed JSON and malformed GraphQL with a 4xx and a message, never a 5xx', async () => {
    const json = await post(gateway, '{"query": "{ things { id } }"');
    expect(json.status).toBe(400);
    expect(json.body.errors).toEqual([{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }]);

    const graphql = await post(gateway, { query: '{ things { id ' });
    expect(graphql.status).toBe(400);
    expect(codes(graphql.body)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(messages(graphql.body)[0]).toMatch(/^Syntax Error: Expected Name, found <EOF>\./);

    for (const body of ['[]', '"query"', '{"query": 42}', '{"variables": "nope", "query": "{ things { id } }"}', '']) {
      const result = await post(gateway, body);
      expect(result.status, body).toBeGreaterThanOrEqual(400);
      expect(result.status, body).toBeLessThan(500);
      expect(messages(result.body)[0], body).toBeTruthy();
    }
  });
});

describe('schema exposure by mode', () => {
  const typo = '{ things { nam } }';
  const introspection = '{ __schema { queryType { name } } }';

  it('suggests fields and allows introspection outside production', async () => {
    const gateway = await gatewayWith({ NODE_ENV: 'development' });
    expect(messages((await post(gateway, { query: typo })).body)[0]).toMatch(/Did you mean "name"\?/);
    expect((await post(gateway, { query: introspection })).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('hides field suggestions and refuses introspection in production unless INTROSPECTION is set', async () => {
    const gateway = await gatewayWith({ NODE_ENV: 'production', GATEWAY_SIGNING_KEY: SIGNING_KEY });
    const suggestion = await post(gateway, { query: typo });
    expect(suggestion.status).toBe(400);
    expect(messages(suggestion.body)).toEqual(['Cannot query field "nam" on type "Thing".']);
    const refused = await post(gateway, { query: introspection });
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(messages(refused.body)[0]).toMatch(/introspection is not allowed/i);

    const opened = await gatewayWith({ NODE_ENV: 'production', GATEWAY_SIGNING_KEY: SIGNING_KEY, INTROSPECTION: 'true' });
    expect((await post(opened, { query: introspection })).body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});

describe('CORS per app', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await gatewayWith({});
  });
  const preflight = (origin: string) =>
    fetch(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });

  it.each(['http://localhost:3008', 'http://localhost:3009', 'http://127.0.0.1:3008', 'http://127.0.0.1:3009'])(
    'allows the web app on %s by default, with a cached preflight',
    async (origin) => {
      const response = await preflight(origin);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(origin);
      expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
      expect(Number(response.headers.get('access-control-max-age'))).toBeGreaterThanOrEqual(600);
      expect(response.headers.get('vary')).toMatch(/origin/i);
      // Bearer tokens, not cookies: credentials are never allowed cross-origin (and never with a wildcard).
      expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    },
  );

  it.each(['https://evil.example', 'http://localhost:5173', 'http://127.0.0.1:3010', 'null'])(
    'gives no Access-Control-Allow-Origin to %s',
    async (origin) => {
      const response = await preflight(origin);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
      const simple = await post(gateway, { query: '{ things { id } }' }, { origin });
      expect(simple.headers.get('access-control-allow-origin')).toBeNull();
      expect(simple.headers.get('vary')).toMatch(/origin/i);
    },
  );

  it('allows exactly the origins in CORS_ORIGINS when it is set', async () => {
    const custom = await gatewayWith({ CORS_ORIGINS: 'https://client.example.com, https://admin.example.com' });
    const allowed = await fetch(`${custom.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://admin.example.com', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://admin.example.com');
    const app = await fetch(`${custom.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3008', 'access-control-request-method': 'POST' },
    });
    expect(app.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses CORS_ORIGINS entries that are not origins', () => {
    expect(() => loadEnv({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS: "\*" is not an origin/);
    expect(() => loadEnv({ CORS_ORIGINS: 'http://localhost:3008/app' })).toThrow(/is not an origin/);
    expect(loadEnv({}).CORS_ORIGINS).toEqual([
      'http://localhost:3008',
      'http://127.0.0.1:3008',
      'http://localhost:3009',
      'http://127.0.0.1:3009',
    ]);
  });
});

/** Sends `count` requests one after another; the statuses in order. */
async function burst(send: () => Promise<{ status: number }>, count: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await send()).status);
  return statuses;
}

describe('rate limits (in-process)', () => {
  it('refuses a burst beyond the request budget with 429, Retry-After and RATE_LIMITED, and counts it', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_REQUESTS: '3', RATE_LIMIT_WINDOW_S: '30' });
    const statuses = await burst(() => post(gateway, { query: '{ betaVersion }' }), 3);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await post(gateway, { query: '{ betaVersion }' });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(refused.body.errors).toEqual([
      {
        message: `Rate limit exceeded (requests budget); retry in ${retryAfter} s`,
        extensions: { code: 'RATE_LIMITED', budget: 'requests', retryAfter },
      },
    ]);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_rate_limited_total\{[^}]*budget="requests"[^}]*\} 1\n/);
  });

  it('counts each client IP separately behind a trusted proxy', async () => {
    const gateway = await gatewayWith({ RATE_LIMIT_REQUESTS: '2', TRUST_PROXY: 'true' });
    const from = (ip: string) => () => post(gateway, { query: '{ betaVersion }' }, { 'x-forwarded-for': `203.0.113.9, ${ip}` });
    expect(await burst(from('198.51.100.1'), 3)).toEqual([200, 200, 429]);
    expect(await burst(from('198.51.100.2'), 2)).toEqual([200, 200]);
  });

  it('charges expensive operations more of the cost budget than cheap ones', async () => {
    // { betaVersion } costs 1; { things { id name extra } } costs 6.5, charged as 7.
    const gateway = await gatewayWith({ RATE_LIMIT_COST: '20' });
    const cheap = () => post(gateway, { query: '{ betaVersion }' });
    const expensive = () => post(gateway, { query: '{ things { id name extra } }' });
    expect(await burst(expensive, 3)).toEqual([200, 200, 429]);
    expect(await burst(cheap, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    const refused = await expensive();
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'cost' });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('gives mutations a stricter budget of their own', async () => {
    // The mutation is priced and counted before any subgraph is called, so the stub need not implement it.
    const gateway = await gatewayWith({ RATE_LIMIT_MUTATIONS: '2' }, composeStubs(`${ALPHA_SDL}\ntype Mutation { touch: Boolean }`));
    const mutate = () => post(gateway, { query: 'mutation { touch }' });
    const first = await burst(mutate, 2);
    expect(first.every((status) => status !== 429)).toBe(true);
    const refused = await mutate();
    expect(refused.status).toBe(429);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', budget: 'mutations' });
    expect((await post(gateway, { query: '{ betaVersion }' })).status).toBe(200);
  });
});

const sharedRedis = testEnv.REDIS_URL
  ? 'two gateway replicas sharing Redis share one budget'
  : 'two gateway replicas sharing Redis share one budget — SKIPPED: REDIS_URL is not set';

describe('rate limits (Redis)', () => {
  it.skipIf(!testEnv.REDIS_URL)(sharedRedis, async () => {
    const redis = await freshRedis('gateway-rl');
    cleanups.push(redis.cleanup);
    const env = { REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, RATE_LIMIT_REQUESTS: '4' };
    const [a, b] = await Promise.all([gatewayWith(env), gatewayWith(env)]);
    const ask = (gateway: RunningGateway) => () => post(gateway, { query: '{ betaVersion }' });
    expect(await burst(ask(a), 2)).toEqual([200, 200]);
    expect(await burst(ask(b), 2)).toEqual([200, 200]);
    const refusedByA = await ask(a)();
    const refusedByB = await ask(b)();
    expect([refusedByA.status, refusedByB.status]).toEqual([429, 429]);
    expect(Number(refusedByB.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

describe('persisted operations and the safelist', () => {
  const body = 'query Things {\n  things {\n    id\n    __typename\n  }\n}';
  const id = createHash('sha256').update(body).digest('hex');
  const manifest = (operations: { id: string; body: string }[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'persisted-'));
    const path = join(dir, 'persisted-operations.json');
    writeFileSync(
      path,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: operations.map((o) => ({ ...o, name: 'Things', type: 'query' })),
      }),
    );
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return path;
  };
  const things = {
    things: [
      { id: '1', __typename: 'Thing' },
      { id: '2', __typename: 'Thing' },
    ],
  };

  it('serves a manifest operation by its hash alone, without registration', async () => {
    const gateway = await gatewayWith({ PERSISTED_OPERATIONS_PATH: manifest([{ id, body }]) });
    const result = await post(gateway, { extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
    expect(result.body).toEqual({ data: things });
    // Without the safelist, other operations still run.
    expect((await post(gateway, { query: '{ things { name } }' })).status).toBe(200);
  });

  it('refuses every other operation when SAFELIST is on, before any subgraph is called', async () => {
    const gateway = await gatewayWith({ PERSISTED_OPERATIONS_PATH: manifest([{ id, body }]), SAFELIST: 'true' });
    expect((await post(gateway, { query: body })).body).toEqual({ data: things });
    const before = stubs.seen.length;
    const refused = await post(gateway, { query: '{ things { id name } }' });
    expect(refused.status).toBe(400);
    expect(codes(refused.body)).toEqual(['PERSISTED_QUERY_NOT_IN_SAFELIST']);
    // A client-registered APQ is not a way around it.
    const text = '{ things { name } }';
    const sha256Hash = createHash('sha256').update(text).digest('hex');
    expect(codes((await post(gateway, { query: text, extensions: { persistedQuery: { version: 1, sha256Hash } } })).body)).toEqual([
      'PERSISTED_QUERY_NOT_IN_SAFELIST',
    ]);
    expect(stubs.seen.length).toBe(before);
  });

  it('refuses to start with a manifest whose ids are not the hashes of their bodies', async () => {
    await expect(gatewayWith({ PERSISTED_OPERATIONS_PATH: manifest([{ id, body: '{ things { name } }' }]) })).rejects.toThrow(
      /is not the sha256 of its body/,
    );
  });
});
