import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import type { Platform } from '@market/testkit';
import {
  claimsOf,
  confirmSsoSignOut,
  recordBearerTokens,
  signInThroughSso,
  startAppOnPlatform,
  waitForVisible,
  type AppOnPlatform,
} from '@market/ui/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const MANAGEMENT_SCOPES = [
  'agency:manage',
  'agency:finance',
  'admin:users',
  'admin:agencies',
  'admin:orders',
  'admin:clients',
  'admin:audit',
];

const demo = demoData();
const agency = demo.agencies.find((a) => a.slug === 'brightline-technical-services') ?? demo.agencies[0]!;

describe('web-client sign-in through SSO, in Chromium', () => {
  let platform: Platform;
  let app: AppOnPlatform['app'];
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ platform, app, browser, stop } = await startAppOnPlatform({ name: 'web-client', appDir: APP_DIR }));
  });

  afterAll(() => stop?.());

  const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  };

  it('signs in with code + PKCE, comes back to the page, stays signed in across a reload, signs out', async () => {
    const { context, page } = await newPage();
    const tokens = recordBearerTokens(page, platform.gatewayUrl);
    try {
      await page.goto(`${app.url}/agencies/${agency.slug}`);
      await waitForVisible(page, page.getByRole('heading', { level: 2, name: agency.name, exact: true }));
      expect(tokens).toEqual([]);

      const authorizeRequests: URL[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(`${platform.issuer}/auth`)) authorizeRequests.push(new URL(request.url()));
      });
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signInThroughSso(page, { email: 'customer@example.com', password: DEMO_PASSWORD });

      // Back where the user was, signed in: the email comes from `me`, a query that needs the token.
      await page.waitForURL(`${app.url}/agencies/${agency.slug}`, { timeout: 15_000 });
      await waitForVisible(page, page.getByRole('button', { name: 'Account: customer@example.com' }));
      await waitForVisible(page, page.getByRole('heading', { level: 2, name: agency.name, exact: true }));
      await page.screenshot({ path: '/tmp/web-client-signed-in.png' });
      // Authorization code + PKCE (S256), with the app's API scopes.
      const authorize = authorizeRequests[0]!;
      expect(authorize.searchParams.get('response_type')).toBe('code');
      expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
      expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
      expect(authorize.searchParams.get('redirect_uri')).toBe(`${app.url}/callback`);
      expect(authorize.searchParams.get('scope')?.split(' ')).toEqual(expect.arrayContaining(['openid', 'orders:read']));
      expect(tokens.length).toBeGreaterThan(0);
      const accessToken = tokens.at(-1)!;
      expect(claimsOf(accessToken)).toMatchObject({ iss: platform.issuer, client_id: 'web-client' });

      // Tokens live in memory only: nothing of them in web storage.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
      expect(stored).not.toContain(accessToken);
      expect(stored).not.toMatch(/refresh_token|access_token|id_token/);

      // A reload loses the memory; the live SSO session signs the user in again without the password form.
      await page.reload();
      await waitForVisible(page, page.getByRole('button', { name: 'Account: customer@example.com' }));
      expect(authorizeRequests.at(-1)?.searchParams.get('prompt')).toBe('none');
      expect(new URL(page.url()).pathname).toBe(`/agencies/${agency.slug}`);
      expect(await page.getByLabel('Password').count()).toBe(0);
      const afterReload = tokens.at(-1)!;
      expect(afterReload).not.toBe(accessToken);

      // Sign out: RP-initiated logout at SSO, back on the app's root, anonymous; a reload stays anonymous.
      await page.getByRole('button', { name: 'Account: customer@example.com' }).click();
      await page.getByRole('menuitem', { name: 'Sign out', exact: true }).click();
      await confirmSsoSignOut(page);
      // The root is the directory (`/` → `/agencies`).
      await page.waitForURL((url) => url.origin === app.url && ['/', '/agencies'].includes(url.pathname), { timeout: 15_000 });
      await waitForVisible(page, page.getByRole('button', { name: 'Sign in', exact: true }));
      await page.reload();
      await waitForVisible(page, page.getByRole('list', { name: 'Agencies' }).getByRole('article').first());
      await waitForVisible(page, page.getByRole('button', { name: 'Sign in', exact: true }));
      // The SSO session ended: signing in again asks for the password.
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await waitForVisible(page, page.getByLabel('Password'));
    } finally {
      await context.close();
    }
  });

  it('on a 401 from the gateway renews the token with the refresh token and retries the request', async () => {
    const { context, page } = await newPage();
    const tokens = recordBearerTokens(page, platform.gatewayUrl);
    try {
      await page.goto(`${app.url}/`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signInThroughSso(page, { email: 'customer@example.com', password: DEMO_PASSWORD });
      await waitForVisible(page, page.getByRole('button', { name: 'Account: customer@example.com' }));
      const first = tokens.at(-1)!;

      // The gateway refuses the next authenticated request, as it would an expired token.
      let refused = 0;
      await page.route(`${platform.gatewayUrl}*`, async (route) => {
        if (refused === 0 && route.request().headers().authorization) {
          refused += 1;
          await route.fulfill({
            status: 401,
            contentType: 'application/json',
            headers: { 'www-authenticate': 'Bearer error="invalid_token"', 'access-control-allow-origin': app.url },
            body: JSON.stringify({ errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
          });
          return;
        }
        await route.continue();
      });
      await page.getByRole('list', { name: 'Agencies' }).getByRole('link').first().click();
      await waitForVisible(page, page.getByRole('heading', { level: 2 }).first());
      await waitForVisible(page, page.getByRole('region', { name: 'At a glance' }));
      expect(refused).toBe(1);
      // The retry carried a renewed token for the same user.
      const renewed = tokens.filter((token) => token !== first);
      expect(renewed.length).toBeGreaterThan(0);
      expect(claimsOf(renewed[0]!).sub).toBe(claimsOf(first).sub);
      await waitForVisible(page, page.getByRole('button', { name: 'Account: customer@example.com' }));
    } finally {
      await context.close();
    }
  });

  it('never holds management scopes, even for an admin', async () => {
    const { context, page } = await newPage();
    const tokens = recordBearerTokens(page, platform.gatewayUrl);
    try {
      await page.goto(`${app.url}/`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await signInThroughSso(page, { email: 'admin@example.com', password: DEMO_PASSWORD });
      await waitForVisible(page, page.getByRole('button', { name: 'Account: admin@example.com' }));
      const claims = claimsOf(tokens.at(-1)!);
      expect(claims.roles).toContain('ADMIN');
      const scopes = String(claims.scope).split(' ');
      expect(scopes).toContain('orders:read');
      for (const scope of MANAGEMENT_SCOPES) expect(scopes).not.toContain(scope);

      // And the gateway refuses this token a management operation.
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.at(-1)!}` },
        body: JSON.stringify({ query: '{ users(first: 1) { totalCount } }' }),
      });
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    } finally {
      await context.close();
    }
  });
});
