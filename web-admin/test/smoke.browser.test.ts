import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { freePort, launchChromium, signInThroughSso, startWebApp, waitForVisible } from '@market/ui/testing';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Gateway {
  gatewayUrl: string;
  /** SSO of the started platform (a running gateway's is SSO's default, http://localhost:3001). */
  issuer?: string;
  stop(): Promise<void>;
}

/**
 * The whole platform on embedded stores with demo data, allowing the app's
 * origin (the gateway allows only the origins it is given), or, when
 * SMOKE_GATEWAY_URL is set, a gateway that is already running (e.g. `npm start`):
 * its CORS_ORIGINS must then include the app's origin (set SMOKE_APP_PORT to fix the port).
 */
async function startGateway(appOrigin: string): Promise<Gateway> {
  const external = process.env.SMOKE_GATEWAY_URL;
  if (external) return { gatewayUrl: external, stop: async () => {} };
  const { startPlatform } = await import('@market/testkit');
  // SSO must also accept the app's redirect URIs on its port: the back office needs a signed-in user.
  return startPlatform({ gatewayEnv: { CORS_ORIGINS: appOrigin }, ssoEnv: { WEB_ADMIN_URL: appOrigin } });
}

const demo = demoData();
const ordersByNumber = new Map(demo.orders.map((order) => [order.number, order]));
const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });

/** The text of the first cell of every body row: the order numbers, emails, … */
function firstColumn(table: Locator): Promise<string[]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('td')?.textContent?.trim() ?? ''));
}

describe('web-admin in Chromium, through the gateway', () => {
  let app: Awaited<ReturnType<typeof startWebApp>>;
  let gateway: Gateway;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const appPort = Number(process.env.SMOKE_APP_PORT) || (await freePort());
    gateway = await startGateway(`http://127.0.0.1:${appPort}`);
    app = await startWebApp({
      name: 'web-admin',
      appDir: APP_DIR,
      port: appPort,
      config: { graphqlUrl: gateway.gatewayUrl, ...(gateway.issuer ? { issuer: gateway.issuer } : {}) },
    });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    // Every page below needs the admin; later page loads sign in silently with the SSO session.
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
    await signInThroughSso(page, { email: 'admin@example.com', password: DEMO_PASSWORD });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await app?.stop();
  });

  it('pages through the orders table with Next and Previous', async () => {
    await page.goto(`${app.url}/orders`);
    const table = page.getByRole('table', { name: 'All orders' });
    await waitForVisible(page, table.locator('tbody tr').first());
    await waitForVisible(page, page.getByText(`1–10 of ${demo.orders.length}`));

    const firstPage = await firstColumn(table);
    expect(firstPage).toHaveLength(10);
    for (const number of firstPage) {
      expect(number).toMatch(/^ORD-\d{4}-\d{6}$/);
      expect(ordersByNumber.has(number)).toBe(true);
    }
    // Amounts are integer cents on the wire and euros on screen.
    const first = ordersByNumber.get(firstPage[0]!)!;
    const firstRow = table.locator('tbody tr').first();
    await waitForVisible(page, firstRow.getByText(euros.format(first.amount / 100), { exact: true }));
    await page.screenshot({ path: '/tmp/web-admin-orders.png' });

    await page.getByRole('button', { name: 'Next' }).click();
    await waitForVisible(page, page.getByText(`11–20 of ${demo.orders.length}`));
    const secondPage = await firstColumn(table);
    expect(secondPage).toHaveLength(10);
    expect(secondPage.filter((number) => firstPage.includes(number))).toEqual([]);

    await page.getByRole('button', { name: 'Previous' }).click();
    await waitForVisible(page, page.getByText(`1–10 of ${demo.orders.length}`));
    expect(await firstColumn(table)).toEqual(firstPage);
  });

  it('filters orders by status', async () => {
    await page.goto(`${app.url}/orders`);
    await waitForVisible(page, page.getByRole('table', { name: 'All orders' }).locator('tbody tr').first());
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Disputed' }).click();
    await page.keyboard.press('Escape');

    const disputed = demo.orders.filter((order) => order.status === 'DISPUTED');
    const table = page.getByRole('table', { name: 'Disputed orders' });
    await waitForVisible(page, page.getByText(`1–${Math.min(10, disputed.length)} of ${disputed.length}`));
    const numbers = await firstColumn(table);
    expect(numbers.length).toBe(Math.min(10, disputed.length));
    for (const number of numbers) expect(ordersByNumber.get(number)?.status).toBe('DISPUTED');
    expect(new URL(page.url()).searchParams.get('status')).toBe('DISPUTED');
  });

  it('shows admin@example.com in the users table', async () => {
    await page.goto(`${app.url}/users?pageSize=100`);
    const table = page.getByRole('table', { name: 'Users' });
    await waitForVisible(page, table.locator('tbody tr').first());
    // Users are newest first and the demo admin is one of the oldest: page until it shows.
    for (let pages = 1; pages < 10 && !(await firstColumn(table)).includes('admin@example.com'); pages++) {
      await page.getByRole('button', { name: 'Next' }).click();
      await waitForVisible(page, page.getByText(new RegExp(`^${pages * 100 + 1}–\\d+ of \\d+$`)));
    }
    const row = table.locator('tbody tr', { hasText: 'admin@example.com' });
    await waitForVisible(page, row);
    await waitForVisible(page, row.getByText('Ada Admin'));
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/web-admin-users.png' });
  });

  it('lists agencies with their status', async () => {
    await page.goto(`${app.url}/agencies`);
    const table = page.getByRole('table', { name: 'Agencies' });
    await waitForVisible(page, table.locator('tbody tr').first());
    await waitForVisible(page, page.getByText(`1–10 of ${demo.agencies.length}`));
    const names = new Set(demo.agencies.map((agency) => agency.name));
    const shown = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('td a')?.textContent ?? ''));
    for (const name of shown) expect(names).toContain(name);
  });
});
