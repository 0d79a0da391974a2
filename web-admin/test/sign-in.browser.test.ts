import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import type { Platform } from '@market/testkit';
import {
  claimsOf,
  confirmSsoSignOut,
  recordBearerTokens,
  signInThroughSso,
  startAppOnPlatform,
  totpCode,
  waitForVisible,
  type AppOnPlatform,
} from '@market/ui/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

const demo = demoData();
const admin = demo.users.find((user) => user.email === 'admin@example.com')!;
const staff = demo.users.find((user) => user.email === 'staff@example.com')!;

/** Waits for the account menu of a signed-in user (the page itself may show a permission error). */
const signedInAs = (page: Page, email: string) =>
  page.getByRole('button', { name: `Account: ${email}` }).waitFor({ state: 'visible', timeout: 15_000 });

/** The parts of SSO's MfaService the test needs (the running sso service exposes it as `mfa`). */
interface SsoMfa {
  startEnrollment(user: { id: string; email: string }): Promise<{ secret: string }>;
  confirmEnrollment(userId: string, code: string): Promise<{ ok: boolean }>;
}

describe('web-admin sign-in through SSO, in Chromium', () => {
  let platform: Platform;
  let app: AppOnPlatform['app'];
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  let totpSecret: string;

  beforeAll(async () => {
    ({ platform, app, browser, stop } = await startAppOnPlatform({ name: 'web-admin', appDir: APP_DIR }));

    // The admin has two-step verification: enrolled and confirmed through SSO's own MFA service.
    const { mfa } = platform.services.sso as unknown as { mfa: SsoMfa };
    totpSecret = (await mfa.startEnrollment({ id: admin.id, email: admin.email })).secret;
    expect((await mfa.confirmEnrollment(admin.id, await totpCode(totpSecret))).ok).toBe(true);
  });

  afterAll(() => stop?.());

  const newPage = async (): Promise<{ context: BrowserContext; page: Page }> => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    return { context, page: await context.newPage() };
  };

  it('shows anonymous visitors a sign-in screen, signs the admin in with password and TOTP, with management scopes', async () => {
    const { context, page } = await newPage();
    const tokens = recordBearerTokens(page, platform.gatewayUrl);
    try {
      await page.goto(`${app.url}/orders?status=DISPUTED`);
      await waitForVisible(page, page.getByRole('heading', { name: 'Sign in to the back office' }));
      expect(await page.getByRole('table').count()).toBe(0);
      expect(tokens).toEqual([]);

      await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
      // Password, then the hosted two-step page (the helper waits for its Code field), then back to the app.
      await signInThroughSso(page, { email: admin.email, password: DEMO_PASSWORD, totpSecret });

      // Back on the page the admin asked for, signed in.
      await page.waitForURL(`${app.url}/orders?status=DISPUTED`, { timeout: 15_000 });
      await waitForVisible(page, page.getByRole('button', { name: `Account: ${admin.email}` }));
      await waitForVisible(page, page.getByRole('table', { name: 'Disputed orders' }).locator('tbody tr').first());
      await page.screenshot({ path: '/tmp/web-admin-signed-in.png' });
      const claims = claimsOf(tokens.at(-1)!);
      expect(claims).toMatchObject({ client_id: 'web-admin', roles: ['ADMIN'] });
      expect(String(claims.scope).split(' ')).toEqual(expect.arrayContaining(['admin:users', 'admin:orders', 'orders:read']));

      // A reload signs in silently (the SSO session passed MFA already): no password, no code.
      await page.reload();
      await waitForVisible(page, page.getByRole('button', { name: `Account: ${admin.email}` }));
      expect(new URL(page.url()).pathname).toBe('/orders');
    } finally {
      await context.close();
    }
  });

  it('asks for the TOTP code on the hosted MFA page and refuses a wrong one', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${app.url}/`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
      await page.getByLabel('Email').fill(admin.email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitForVisible(page, page.getByRole('heading', { name: 'Two-step verification' }));
      await page.getByLabel('Code').fill('000000');
      await page.getByRole('button', { name: 'Verify' }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await refusal.innerText()).toContain('That code is not valid');
      await waitForVisible(page, page.getByLabel('Code'));
      expect(new URL(page.url()).origin).toBe(platform.issuer);
    } finally {
      await context.close();
    }
  });

  it('signs out everywhere: other browsers of the user lose their session too', async () => {
    const first = await newPage();
    const second = await newPage();
    try {
      for (const { page } of [first, second]) {
        await page.goto(`${app.url}/agencies`);
        await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
        await signInThroughSso(page, { email: staff.email, password: DEMO_PASSWORD });
        await signedInAs(page, staff.email);
      }

      await first.page.getByRole('button', { name: `Account: ${staff.email}` }).click();
      await first.page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
      // The mutation ended every SSO session already, so SSO's end-session endpoint has nothing left to confirm
      // and sends the browser straight back to the app.
      await first.page.waitForURL((url) => url.origin === app.url && url.pathname === '/', { timeout: 20_000 });
      await waitForVisible(first.page, first.page.getByRole('heading', { name: 'Sign in to the back office' }));

      // The other browser's refresh token was revoked with its session. Its access token lives on until it
      // expires (15 min); when the gateway refuses it, renewal fails and the app asks to sign in again.
      let refused = 0;
      await second.page.route(`${platform.gatewayUrl}*`, async (route) => {
        if (refused > 0 || !route.request().headers().authorization) return route.continue();
        refused += 1;
        return route.fulfill({
          status: 401,
          contentType: 'application/json',
          headers: { 'www-authenticate': 'Bearer error="invalid_token"', 'access-control-allow-origin': app.url },
          body: JSON.stringify({ errors: [{ message: 'token expired', extensions: { code: 'UNAUTHENTICATED' } }] }),
        });
      });
      await second.page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: /^Orders board/ })
        .click();
      await waitForVisible(second.page, second.page.getByRole('heading', { name: 'Sign in to the back office' }));
      await waitForVisible(second.page, second.page.getByText('Your session has ended. Sign in again to continue.').first());
      expect(refused).toBe(1);
      // And a reload finds no SSO session to sign in silently with.
      await second.page.reload();
      await waitForVisible(second.page, second.page.getByRole('heading', { name: 'Sign in to the back office' }));
    } finally {
      await first.context.close();
      await second.context.close();
    }
  });

  it('signs out of this browser only when signing out everywhere is unavailable', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${app.url}/agencies`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
      await signInThroughSso(page, { email: staff.email, password: DEMO_PASSWORD });
      await signedInAs(page, staff.email);
      await page.route(`${platform.gatewayUrl}*`, async (route) => {
        if (!route.request().postData()?.includes('signOutEverywhere')) return route.continue();
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': app.url },
          body: JSON.stringify({ errors: [{ message: 'The sso subgraph is unavailable', extensions: { code: 'SERVICE_UNAVAILABLE' } }] }),
        });
      });

      await page.getByRole('button', { name: `Account: ${staff.email}` }).click();
      await page.getByRole('menuitem', { name: 'Sign out everywhere' }).click();
      const dialog = page.getByRole('dialog', { name: 'Could not sign out everywhere' });
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      expect(await dialog.innerText()).toContain('The sso subgraph is unavailable');
      // Still signed in until the user decides.
      expect(new URL(page.url()).origin).toBe(app.url);
      await dialog.getByRole('button', { name: 'Sign out of this browser only' }).click();
      await confirmSsoSignOut(page);
      await waitForVisible(page, page.getByRole('heading', { name: 'Sign in to the back office' }));
    } finally {
      await context.close();
    }
  });

  it('tells a customer that the back office is not for them', async () => {
    const { context, page } = await newPage();
    try {
      await page.goto(`${app.url}/`);
      await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
      await signInThroughSso(page, { email: 'customer@example.com', password: DEMO_PASSWORD });
      await waitForVisible(page, page.getByRole('heading', { name: 'No access' }));
      expect(await page.getByRole('table').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
