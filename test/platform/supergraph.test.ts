import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData, demoId } from '@market/demo-data';
import { readSupergraphConfig, runCompose } from '@market/gateway/compose';
import { DEMO_ORDER_ID, EVERYTHING_QUERY } from '@market/gateway/playground-examples';
import { signInForTokens, startPlatform, type Platform } from '@market/testkit';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, gatewayQuery, type GraphQLBody } from './helpers';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const demo = demoData();

// The gateway serves a scratch copy of the supergraph, so the reload test can rewrite it.
const scratch = mkdtempSync(join(tmpdir(), 'platform-supergraph-'));
const supergraphPath = join(scratch, 'supergraph.graphql');
let platform: Platform;

beforeAll(async () => {
  cpSync(join(REPO, 'supergraph.yaml'), join(scratch, 'supergraph.yaml'));
  cpSync(join(REPO, 'supergraph.graphql'), supergraphPath);
  for (const { name } of readSupergraphConfig(join(REPO, 'supergraph.yaml')).subgraphs) {
    cpSync(join(REPO, 'subgraphs', name, 'schema.graphql'), join(scratch, 'subgraphs', name, 'schema.graphql'));
  }
  // The playground is a build artefact (npm start builds it); build it once if this checkout has none.
  if (!existsSync(join(REPO, 'gateway/playground/dist/index.html'))) {
    execFileSync('npm', ['run', 'build', '-w', 'gateway'], { cwd: REPO, stdio: 'ignore' });
  }
  platform = await startPlatform({ supergraphPath });
});
afterAll(async () => {
  await platform?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Everything {
  order: {
    number: string;
    title: string;
    status: string;
    amount: number;
    currency: string;
    customer: { email: string; profile: { displayName: string } | null; notifications: { totalCount: number } };
    agency: { name: string; city: string; ranking: { score: number; tier: string }; files: { name: string }[] };
    conversation: {
      title: string;
      messages: { totalCount: number; edges: { node: { body: string; sender: { email: string } } }[] };
    } | null;
    files: { name: string; contentType: string; size: number; url: string }[];
  } | null;
  orders: { totalCount: number };
  notifications: { totalCount: number; edges: { node: { title: string; channel: string } }[] };
}

describe('the supergraph through the gateway', () => {
  it('answers one query with data from all seven subgraphs', async () => {
    const order = demo.orders.find((o) => o.number === 'ORD-2026-000001');
    if (!order) throw new Error('demo data has no ORD-2026-000001');
    expect(DEMO_ORDER_ID).toBe(demoId('order', '1'));
    const users = new Map(demo.users.map((u) => [u.id, u]));
    const customer = users.get(order.customerId);
    const agency = demo.agencies.find((a) => a.id === order.agencyId);
    const conversation = demo.conversations.find((c) => c.orderId === order.id);
    const messages = demo.messages
      .filter((m) => m.conversationId === conversation?.id)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const files = demo.files.filter((f) => f.subjectType === 'ORDER' && f.subjectId === order.id);
    const documents = demo.files.filter((f) => f.subjectType === 'AGENCY' && f.subjectId === order.agencyId);

    // The order and its conversation are the customer's: asked with their access token.
    const { accessToken } = await signInForTokens({
      issuer: platform.issuer!,
      email: 'customer@example.com',
      password: DEMO_PASSWORD,
      clientId: 'web-client',
      scope: 'openid email roles orders:read chat files notifications',
    });
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: EVERYTHING_QUERY, variables: { orderId: order.id } }),
    });
    const status = response.status;
    const body = (await response.json()) as GraphQLBody<Everything>;
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const data = body.data;
    // order
    expect(data?.order).toMatchObject({
      number: order.number,
      title: order.title,
      status: order.status,
      amount: order.amount,
      currency: order.currency,
    });
    expect(data?.orders.totalCount).toBe(demo.orders.filter((o) => o.customerId === order.customerId).length);
    // sso + user
    expect(data?.order?.customer).toMatchObject({ email: 'customer@example.com', profile: { displayName: customer?.displayName } });
    // agency
    expect(data?.order?.agency).toMatchObject({ name: 'Brightline Technical Services', city: agency?.city });
    expect(data?.order?.agency.ranking.score).toBeGreaterThan(0);
    // chat
    expect(data?.order?.conversation?.title).toBe(`${order.number}: ${order.title}`);
    expect(data?.order?.conversation?.messages.totalCount).toBe(messages.length);
    expect(data?.order?.conversation?.messages.edges.map(({ node }) => [node.body, node.sender.email])).toEqual(
      messages.slice(0, 5).map((m) => [m.body, users.get(m.senderId)?.email]),
    );
    // file
    expect(data?.order?.files).toEqual(
      files.map((f) => ({ name: f.name, contentType: f.contentType, size: f.size, url: `${platform.services.file?.url}/files/${f.id}` })),
    );
    expect(data?.order?.agency.files.map((d) => d.name).sort()).toEqual(documents.map((d) => d.name).sort());
    // notification
    expect(data?.order?.customer.notifications.totalCount).toBe(
      demo.notifications.filter((n) => n.recipientId === order.customerId).length,
    );
    // Signed in, `notifications` lists the viewer's own.
    expect(data?.notifications.totalCount).toBe(demo.notifications.filter((n) => n.recipientId === order.customerId).length);
    expect(data?.notifications.edges).toHaveLength(3);
  });

  it('serves the playground to browsers from its own origin, assets included', async () => {
    const page = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const urls = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)]
      .map((m) => m[1] ?? '')
      .filter((u) => !u.startsWith('data:'));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) {
      // Relative or same-origin absolute paths only: no CDN, works offline.
      expect(url).toMatch(/^(\/(?!\/)|\.\/|[\w-])/);
      expect(url).not.toMatch(/^[a-z]+:/i);
    }
    const base = new URL(platform.gatewayUrl);
    const fetched = await Promise.all(urls.map(async (url) => ({ url, response: await fetch(new URL(url, base)) })));
    for (const { url, response } of fetched) expect(response.status, url).toBe(200);
    // Fonts and images the stylesheets pull in are served too.
    for (const { url, response } of fetched.filter((f) => f.url.endsWith('.css'))) {
      const css = await response.text();
      for (const [, ref] of css.matchAll(/url\(["']?([^"')]+)["']?\)/g)) {
        if (!ref || ref.startsWith('data:') || ref.startsWith('#')) continue;
        expect(ref).not.toMatch(/^[a-z]+:/i);
        expect((await fetch(new URL(ref, new URL(url, base)))).status, ref).toBe(200);
      }
    }
  });

  it.skipIf(!existsSync(CHROMIUM))('opens GraphiQL with the example tabs and no request leaving the gateway', async () => {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const origin = new URL(platform.gatewayUrl).origin;
      const foreign: string[] = [];
      page.on('request', (request) => {
        const url = request.url();
        if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
      });
      await page.goto(platform.gatewayUrl);
      await page.locator('.graphiql-tab').first().waitFor({ timeout: 30_000 });
      const tabs = await page.locator('.graphiql-tab').allInnerTexts();
      expect(tabs.map((t) => t.trim())).toEqual([
        'Agencies',
        'Me',
        'Users',
        'Orders',
        'MessageAdded',
        'SendMessage',
        'Conversations',
        'Notifications',
        'Files',
        'Everything',
      ]);
      // The first tab is open: run it once its operation is in the editor (Monaco renders spaces as U+00A0, hence \s).
      await expect.poll(() => page.locator('.graphiql-query-editor').innerText(), { timeout: 15_000 }).toMatch(/query\sAgencies\s\{/);
      await page.locator('.graphiql-execute-button').click();
      // Monaco renders only the visible lines: check the top of the result.
      await expect
        .poll(() => page.locator('.result-window').innerText(), { timeout: 15_000 })
        .toMatch(/"agencies":\s\{\s*"totalCount":\s[1-9]\d*,/);
      expect(foreign).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('picks up a new supergraph file without a restart, and ignores a broken one', async () => {
    const agencyFields = async () => {
      const { body } = await gatewayQuery<{ __type: { fields: { name: string }[] } | null }>(
        platform,
        '{ __type(name: "Agency") { fields { name } } }',
      );
      return body.data?.__type?.fields.map((f) => f.name) ?? [];
    };
    expect(await agencyFields()).not.toContain('motto');
    const original = readFileSync(supergraphPath, 'utf8');

    // A schema change composed the way `npm run compose` does, into the file the gateway watches.
    const schema = join(scratch, 'subgraphs/agency/schema.graphql');
    writeFileSync(
      schema,
      readFileSync(schema, 'utf8').replace('  slug: String!\n', '  slug: String!\n  "A short slogan."\n  motto: String\n'),
    );
    expect(runCompose({ configPath: join(scratch, 'supergraph.yaml') }).exitCode).toBe(0);
    expect(await eventually(agencyFields, (fields) => fields.includes('motto'))).toContain('motto');
    const { body } = await gatewayQuery<{ agency: { name: string } }>(
      platform,
      '{ agency(slug: "brightline-technical-services") { name } }',
    );
    expect(body.data?.agency.name).toBe('Brightline Technical Services');

    writeFileSync(supergraphPath, 'schema { query: Query } type Query { broken: Int }');
    await expect(platform.gateway.reload()).rejects.toThrow(/not a valid supergraph/);
    expect(await agencyFields()).toContain('motto');

    writeFileSync(supergraphPath, original);
    expect(await eventually(agencyFields, (fields) => !fields.includes('motto'))).not.toContain('motto');
  });
});
