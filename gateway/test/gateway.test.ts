import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv, testLogger } from '@market/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startGateway, type RunningGateway } from '../src/gateway';
import { composeStubs, startStubSubgraphs, supergraphFolder, type StubSubgraphs } from './stub-subgraphs';

const TIMEOUT_MS = 400;
let stubs: StubSubgraphs;
let folder: ReturnType<typeof supergraphFolder>;
let gateway: RunningGateway;

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function query(text: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: text }),
  });
  return {
    status: response.status,
    body: (await response.json()) as Body,
    ms: performance.now() - started,
    requestId: response.headers.get('x-request-id'),
  };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  stubs = await startStubSubgraphs();
  folder = supergraphFolder();
  const playground = join(folder.dir, 'playground');
  mkdirSync(join(playground, 'assets'), { recursive: true });
  writeFileSync(join(playground, 'index.html'), '<!doctype html><script type="module" src="/playground/assets/app.js"></script>');
  writeFileSync(join(playground, 'assets', 'app.js'), 'console.info("playground")');
  gateway = await startGateway(
    // With REDIS_URL (CI) persisted queries go through Redis, otherwise Apollo's in-process cache.
    loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: folder.path,
      SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      REDIS_URL: testEnv.REDIS_URL,
    }),
    { logger: testLogger('gateway'), subgraphUrls: stubs.urls(), playgroundDir: playground },
  );
});
afterAll(async () => {
  await gateway?.stop();
  await stubs?.stop();
  folder?.remove();
});
afterEach(() => stubs.setBetaHanging(false));

describe('gateway', () => {
  it('joins entities across subgraphs and forwards the request id and a gateway-signed identity', async () => {
    stubs.seen.length = 0;
    const result = await query('{ things { id name extra } }', { 'x-request-id': 'req-123' });
    expect(result.body).toEqual({
      data: {
        things: [
          { id: '1', name: 'one', extra: 'extra-1' },
          { id: '2', name: 'two', extra: 'extra-2' },
        ],
      },
    });
    expect(result.requestId).toBe('req-123');
    expect(stubs.seen).toHaveLength(2);
    // The client's own token never reaches subgraphs; the gateway's signed identity does (anonymous here).
    expect(stubs.seen.every((s) => s.requestId === 'req-123' && !s.authorization && s.identity?.split('.').length === 3)).toBe(true);
  });

  it('answers with partial data and a named error when a subgraph hangs, within the timeout', async () => {
    stubs.setBetaHanging(true);
    const result = await query('{ things { id name extra } }');
    expect(result.ms).toBeLessThan(TIMEOUT_MS + 600);
    expect(result.body.data).toEqual({
      things: [
        { id: '1', name: 'one', extra: null },
        { id: '2', name: 'two', extra: null },
      ],
    });
    expect(result.body.errors).toEqual([
      {
        message: `The beta subgraph did not answer within ${TIMEOUT_MS} ms; its fields are missing from this response`,
        extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'beta' },
      },
    ]);
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="beta",outcome="timeout"\} [1-9]/);
    expect(metrics).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{service="gateway",subgraph="alpha",outcome="ok"\} [1-9]/);
  });

  it('reports a stopped subgraph on /ready and recovers when it is back, without a restart', async () => {
    const ready = async () => {
      const response = await fetch(`${gateway.url}/ready`);
      return { status: response.status, body: (await response.json()) as { checks: Record<string, { ok: boolean; error?: string }> } };
    };
    expect((await ready()).status).toBe(200);
    await stubs.beta.stop();
    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.checks.alpha).toEqual({ ok: true });
    expect(down.body.checks.supergraph).toEqual({ ok: true });
    expect(down.body.checks.beta).toEqual({ ok: false, error: 'not running (connection refused)' });

    const partial = await query('{ things { name extra } }');
    expect(partial.ms).toBeLessThan(1_000);
    expect(partial.body.data).toEqual({
      things: [
        { name: 'one', extra: null },
        { name: 'two', extra: null },
      ],
    });
    expect(partial.body.errors?.[0]?.message).toBe(
      'The beta subgraph is not running (connection refused); its fields are missing from this response',
    );

    await stubs.restartBeta();
    expect((await ready()).status).toBe(200);
    expect((await query('{ things { extra } }')).body).toEqual({ data: { things: [{ extra: 'extra-1' }, { extra: 'extra-2' }] } });
  });

  it('picks up a changed supergraph file and ignores an invalid one', async () => {
    const typeFields = async () => {
      const result = await query('{ __type(name: "Thing") { fields { name } } }');
      const type = result.body.data?.__type as { fields: { name: string }[] } | undefined;
      return type?.fields.map((f) => f.name) ?? [];
    };
    expect(await typeFields()).toEqual(['id', 'name', 'extra']);

    writeFileSync(folder.path, 'this is not a supergraph');
    await expect(gateway.reload()).rejects.toThrow(/is not a valid supergraph/);
    expect(await typeFields()).toEqual(['id', 'name', 'extra']);

    // Written in place as an editor would; the watcher (not reload()) must see it.
    const changed = composeStubs(
      undefined,
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])\ntype Thing @key(fields: "id") { id: ID! extra: String color: String }\ntype Query { betaVersion: String }',
    );
    writeFileSync(folder.path, changed);
    expect(await eventually(typeFields, (fields) => fields.includes('color'))).toEqual(['id', 'name', 'extra', 'color']);
    expect(gateway.supergraph()?.sdl).toBe(changed);
    writeFileSync(folder.path, composeStubs());
    await gateway.reload();
    expect(await typeFields()).toEqual(['id', 'name', 'extra']);
  });

  it('serves the playground to browsers and GraphQL to clients on the same URL', async () => {
    const page = await fetch(`${gateway.url}/graphql`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/playground/assets/app.js');
    const asset = await fetch(`${gateway.url}/playground/assets/app.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${gateway.url}/playground/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/playground/..%2F..%2Fsupergraph.graphql`)).status).toBe(404);

    const viaGet = await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ things { id } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(await viaGet.json()).toEqual({ data: { things: [{ id: '1' }, { id: '2' }] } });
    // CSRF prevention: a simple GET without a preflight header is refused.
    expect((await fetch(`${gateway.url}/graphql?query=${encodeURIComponent('{ things { id } }')}`)).status).toBe(400);
  });

  it('tells the client what is wrong with its operation instead of masking it', async () => {
    const response = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query A { things { id } }', operationName: 'B' }),
    });
    expect(((await response.json()) as Body).errors).toEqual([
      { message: 'Unknown operation named "B".', extensions: { code: 'INVALID_GRAPHQL' } },
    ]);
    expect((await query('{ things { nope } }')).body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('accepts automatic persisted queries', async () => {
    const text = `{ things { id } } # ${Date.now()}`;
    const sha256Hash = createHash('sha256').update(text).digest('hex');
    const send = async (body: Record<string, unknown>) => {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return (await response.json()) as Body;
    };
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    expect((await send({ extensions })).errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await send({ query: text, extensions })).toEqual({ data: { things: [{ id: '1' }, { id: '2' }] } });
    expect(await send({ extensions })).toEqual({ data: { things: [{ id: '1' }, { id: '2' }] } });
  });

  it('allows the web apps (CORS) and refuses other origins, loopback ones included', async () => {
    const preflight = (origin: string) =>
      fetch(`${gateway.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
    const allowed = await preflight('http://localhost:3008');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3008');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await preflight('https://evil.example')).status).toBe(403);
    expect((await preflight('http://127.0.0.1:5173')).status).toBe(403);
    // A simple request is answered (the browser, not the server, withholds it), without the header that would release it.
    const post = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:5173' },
      body: JSON.stringify({ query: '{ things { id } }' }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('gateway env', () => {
  it('parses SUBGRAPH_URLS and defaults the playground by NODE_ENV', () => {
    const env = loadEnv({ SUBGRAPH_URLS: 'sso=http://sso:3001/graphql, user=http://user:3002/graphql' });
    expect(env.SUBGRAPH_URLS).toEqual({ sso: 'http://sso:3001/graphql', user: 'http://user:3002/graphql' });
    expect(env.PLAYGROUND).toBe(true);
    expect(env.SUBGRAPH_TIMEOUT_MS).toBe(1500);
    expect(env.SUPERGRAPH_PATH).toMatch(/supergraph\.graphql$/);
    const production = { NODE_ENV: 'production', GATEWAY_SIGNING_KEY: 'a key' };
    expect(loadEnv(production).PLAYGROUND).toBe(false);
    expect(loadEnv({ ...production, PLAYGROUND: 'true' }).PLAYGROUND).toBe(true);
    // Replicas must sign with one key: production refuses to generate its own.
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/GATEWAY_SIGNING_KEY: required in production/);
    expect(() => loadEnv({ SUBGRAPH_URLS: 'sso:3001' })).toThrow(/SUBGRAPH_URLS: "sso:3001" is not name=http/);
  });
});
