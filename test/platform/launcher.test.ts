import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInForTokens } from '@market/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// The README's promise, end to end: `npm start` on a fresh data folder with no servers configured
// starts everything on its fixed ports, seeds once, serves the playground and the apps, and Ctrl-C
// stops it cleanly. Runs the real launcher process (not the in-process test platform).
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const PORTS = [3000, 3001, 3002, 3003, 3004, 3005, 3006, 3007, 3008, 3009];
const GATEWAY = 'http://127.0.0.1:3000/graphql';

const portInUse = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
const busy = (await Promise.all(PORTS.map(portInUse))).some(Boolean);

const dataDir = mkdtempSync(join(tmpdir(), 'market-launcher-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

interface Launch {
  child: ChildProcess;
  output: () => string;
  ready: Promise<void>;
  exited: Promise<number | null>;
}

function launch(): Launch {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', NO_COLOR: '1', NODE_ENV: 'development' };
  // No servers configured: every store embedded, as on a fresh clone.
  for (const key of ['DATABASE_URL', 'MYSQL_URL', 'MONGO_URL', 'REDIS_URL', 'SEED_DEMO_DATA']) delete env[key];
  const child = spawn(join(REPO, 'node_modules/.bin/tsx'), ['scripts/start.ts'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (text.includes('Marketplace ready')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`launcher exited (${code}) before it was ready:\n${text}`));
    });
  });
  return { child, output: () => text, ready, exited };
}

async function gateway<T>(query: string, accessToken?: string): Promise<{ data?: T; errors?: { message: string }[] }> {
  const response = await fetch(GATEWAY, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: T; errors?: { message: string }[] };
}

async function stop(run: Launch): Promise<number | null> {
  run.child.kill('SIGINT');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 20_000).unref());
  const result = await Promise.race([run.exited, timeout]);
  if (result === 'timeout') run.child.kill('SIGKILL');
  return result === 'timeout' ? -1 : result;
}

const demo = demoData();
/** Signs a demo user in through SSO on :3001 as the app would, for the gateway's bearer token. */
const tokenOf = async (email: string, clientId: 'web-client' | 'web-admin', scope: string) =>
  (await signInForTokens({ issuer: 'http://localhost:3001', email, password: DEMO_PASSWORD, clientId, scope })).accessToken;

const EVERYTHING = `{
  users(first: 1) { totalCount }
  agencies(first: 1) { totalCount }
  notifications(first: 1) { totalCount }
  files(first: 1) { totalCount }
}`;

interface Everything {
  users: { totalCount: number };
  agencies: { totalCount: number };
  notifications: { totalCount: number };
  files: { totalCount: number };
}

/** A customer's own orders, across five subgraphs. */
const MY_ORDERS = `{
  orders(first: 3) {
    edges { node {
      number
      customer { email profile { displayName } }
      agency { name }
      conversation { messages(first: 2) { totalCount } }
      files { name }
    } }
  }
}`;

interface MyOrders {
  orders: {
    edges: {
      node: {
        number: string;
        customer: { email: string; profile: { displayName: string } | null };
        agency: { name: string };
        conversation: { messages: { totalCount: number } } | null;
        files: { name: string }[] | null;
      };
    }[];
  };
}

describe.skipIf(busy)(`npm start${busy ? ' (skipped: ports 3000–3009 are in use, is the platform already running?)' : ''}`, () => {
  it('boots on embedded stores, serves every part, seeds demo data and stops cleanly on Ctrl-C', { timeout: 300_000 }, async () => {
    const run = launch();
    try {
      await run.ready;
      const banner = run.output();
      expect(banner).toContain('http://localhost:3000/graphql');
      for (const email of [
        'customer@example.com',
        'customer2@example.com',
        'owner@example.com',
        'staff@example.com',
        'admin@example.com',
      ]) {
        expect(banner).toContain(email);
      }
      expect(banner).toContain('Demo-password-1');

      const playground = await fetch(GATEWAY, { headers: { accept: 'text/html' } });
      expect(playground.status).toBe(200);
      const html = await playground.text();
      expect(html).toMatch(/<script[^>]+src=/);
      expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);

      // The demo admin signs in to the back office through SSO on :3001 (users is admin-only).
      const result = await gateway<Everything>(
        EVERYTHING,
        await tokenOf('admin@example.com', 'web-admin', 'openid email roles admin:users'),
      );
      expect(result.errors).toBeUndefined();
      const data = result.data!;
      expect(data.users.totalCount).toBeGreaterThan(0);
      expect(data.agencies.totalCount).toBeGreaterThanOrEqual(50);
      expect(data.notifications.totalCount).toBeGreaterThan(0);
      expect(data.files.totalCount).toBeGreaterThan(0);
      // The demo customer's orders with their conversations (theirs to read).
      const mine = await gateway<MyOrders>(
        MY_ORDERS,
        await tokenOf('customer@example.com', 'web-client', 'openid email roles orders:read chat'),
      );
      expect(mine.errors).toBeUndefined();
      const orders = mine.data!.orders.edges.map((e) => e.node);
      expect(orders).toHaveLength(3);
      for (const order of orders) {
        expect(order.customer.email).toContain('@');
        expect(order.customer.profile?.displayName).toBeTruthy();
        expect(order.agency.name).toBeTruthy();
        expect(order.conversation).not.toBeNull();
        expect(Array.isArray(order.files)).toBe(true);
      }

      for (const port of [3008, 3009]) {
        const page = await fetch(`http://127.0.0.1:${port}/`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<div id="root">');
        const config = (await (await fetch(`http://127.0.0.1:${port}/config.json`)).json()) as { graphqlUrl: string };
        expect(config.graphqlUrl).toBe('http://localhost:3000/graphql');
      }
    } finally {
      expect(await stop(run)).toBe(0);
    }
    expect(run.output()).toMatch(/Stopped everything/);
  });

  it('keeps the data across restarts and does not seed twice', { timeout: 300_000 }, async () => {
    const run = launch();
    try {
      await run.ready;
      // Seeded once: the directory (SUSPENDED agencies hidden from the public) and every order, as an admin sees them.
      const result = await gateway<{ agencies: { totalCount: number }; orders: { totalCount: number } }>(
        '{ agencies(first: 1) { totalCount } orders(first: 1) { totalCount } }',
        await tokenOf('admin@example.com', 'web-admin', 'openid email roles admin:orders admin:agencies'),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.agencies.totalCount).toBe(demo.agencies.length);
      expect(result.data?.orders.totalCount).toBe(demo.orders.length);
    } finally {
      expect(await stop(run)).toBe(0);
    }
  });
});
