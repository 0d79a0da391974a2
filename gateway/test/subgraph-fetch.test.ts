import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testLogger } from '@market/testkit';
import { BrokenCircuitError } from 'cockatiel';
import { Gauge, Histogram, Registry } from 'prom-client';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubgraphDataSource } from '../src/subgraph-fetch';

// Retries for queries whose connection failed (never mutations) and a circuit breaker per subgraph.

const registry = new Registry();
const latency = new Histogram({ name: 'l', help: 'l', labelNames: ['subgraph', 'outcome'] as const, registers: [registry] });
const circuitOpen = new Gauge({ name: 'c', help: 'c', labelNames: ['subgraph'] as const, registers: [registry] });
const agent = new Agent({ keepAliveTimeout: 1_000 });

let server: Server;
let url: string;
/** Requests the server saw; the first `resetFirst` of them get their connection destroyed. */
let seen = 0;
let resetFirst = 0;
/** How long the server takes to answer. */
let delayMs = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen++;
    if (seen <= resetFirst) {
      req.socket.destroy();
      return;
    }
    if (req.headers['x-gateway-dedupe-scope']) {
      res.writeHead(400).end('the internal dedupe header must not leave the gateway');
      return;
    }
    setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"data":{"n":${seen}}}`), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await agent.close();
});

function source(options: { retries?: number; breakerThreshold?: number; breakerResetMs?: number; url?: string; dedupe?: boolean }) {
  return new SubgraphDataSource({
    name: 'test',
    url: options.url ?? url,
    timeoutMs: 1_000,
    agent,
    latency,
    logger: testLogger('fetch'),
    circuitOpen,
    ...options,
  });
}
const post = (ds: SubgraphDataSource, target: string, query: string, scope?: string) =>
  ds.fetcher(target, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(scope ? { 'x-gateway-dedupe-scope': scope } : {}) },
    body: JSON.stringify({ query }),
  });

describe('subgraph fetches', () => {
  it('retries a query whose connection was reset, once', async () => {
    seen = 0;
    resetFirst = 1;
    const response = await post(source({ retries: 1 }), url, 'query Q__test__0 { ok }');
    expect(response.status).toBe(200);
    expect(seen).toBe(2);
  });

  it('never retries a mutation', async () => {
    seen = 0;
    resetFirst = 1;
    await expect(post(source({ retries: 1 }), url, 'mutation M__test__0 { ok }')).rejects.toThrow();
    expect(seen).toBe(1);
  });

  it('opens the circuit after consecutive failures, fails fast, and closes after a successful trial', async () => {
    const dead = 'http://127.0.0.1:2/graphql';
    const ds = source({ retries: 0, breakerThreshold: 2, breakerResetMs: 300 });
    await expect(post(ds, dead, '{ ok }')).rejects.toThrow();
    await expect(post(ds, dead, '{ ok }')).rejects.toThrow();
    const started = performance.now();
    await expect(post(ds, dead, '{ ok }')).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(performance.now() - started).toBeLessThan(50);
    expect((await circuitOpen.get()).values.find((v) => v.labels.subgraph === 'test')?.value).toBe(1);

    await new Promise((resolve) => setTimeout(resolve, 350));
    seen = 0;
    resetFirst = 0;
    expect((await post(ds, url, '{ ok }')).status).toBe(200);
    expect((await circuitOpen.get()).values.find((v) => v.labels.subgraph === 'test')?.value).toBe(0);
  });

  it('shares identical query fetches in flight for the same caller scope, never mutations or other scopes', async () => {
    seen = 0;
    resetFirst = 0;
    delayMs = 100;
    try {
      const ds = source({ dedupe: true });
      const query = 'query Q__test__0 { n }';
      const same = await Promise.all(Array.from({ length: 5 }, () => post(ds, url, query, '["u1"]')));
      expect(seen).toBe(1);
      const bodies = await Promise.all(same.map((response) => response.json()));
      expect(bodies.every((body) => JSON.stringify(body) === '{"data":{"n":1}}')).toBe(true);

      seen = 0;
      await Promise.all([post(ds, url, query, '["u1"]'), post(ds, url, query, '["u2"]'), post(ds, url, query, 'anonymous')]);
      expect(seen).toBe(3);

      seen = 0;
      await Promise.all(Array.from({ length: 3 }, () => post(ds, url, 'mutation M__test__0 { n }', '["u1"]')));
      expect(seen).toBe(3);

      // Once answered, the next identical query goes upstream again (no caching, only sharing in flight).
      seen = 0;
      await post(ds, url, query, '["u1"]');
      await post(ds, url, query, '["u1"]');
      expect(seen).toBe(2);
    } finally {
      delayMs = 0;
    }
  });
});
