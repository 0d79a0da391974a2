import { fileURLToPath } from 'node:url';
import { demoData } from '@market/demo-data';
import { freePort, launchChromium, startWebApp, waitForVisible } from '@market/ui/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Gateway {
  gatewayUrl: string;
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
  return startPlatform({ gatewayEnv: { CORS_ORIGINS: appOrigin } });
}

const demo = demoData();
// Only admins see SUSPENDED agencies in the directory.
const listed = demo.agencies.filter((agency) => agency.status !== 'SUSPENDED');
const demoAgencyNames = new Set(listed.map((agency) => agency.name));
const brightline = demo.agencies.find((agency) => agency.slug === 'brightline-technical-services');

describe('web-client in Chromium, through the gateway', () => {
  let app: Awaited<ReturnType<typeof startWebApp>>;
  let gateway: Gateway;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const appPort = Number(process.env.SMOKE_APP_PORT) || (await freePort());
    gateway = await startGateway(`http://127.0.0.1:${appPort}`);
    app = await startWebApp({ name: 'web-client', appDir: APP_DIR, port: appPort, config: { graphqlUrl: gateway.gatewayUrl } });
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await gateway?.stop();
    await app?.stop();
  });

  it('lists the demo agencies in the directory and opens one', async () => {
    await page.goto(`${app.url}/`);
    // `/` is the directory at /agencies.
    await page.waitForURL(`${app.url}/agencies`);
    const directory = page.getByRole('list', { name: 'Agencies' });
    const cards = directory.getByRole('article');
    await waitForVisible(page, cards.first());

    const names = await directory.getByRole('heading', { level: 3 }).allTextContents();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(demoAgencyNames).toContain(name);
    await waitForVisible(page, page.getByText(`Showing ${names.length} of ${listed.length} agencies`));

    await page.screenshot({ path: '/tmp/web-client-directory.png' });

    const link = directory.getByRole('link').first();
    const name = (await link.textContent()) ?? '';
    await link.click();
    await waitForVisible(page, page.getByRole('heading', { level: 2, name, exact: true }));
    const slug = decodeURIComponent(new URL(page.url()).pathname.replace('/agencies/', ''));
    expect(demo.agencies.find((agency) => agency.slug === slug)?.name).toBe(name);
  });

  it('loads more agencies with the next cursor', async () => {
    await page.goto(`${app.url}/`);
    const cards = page.getByRole('list', { name: 'Agencies' }).getByRole('article');
    await waitForVisible(page, cards.first());
    const before = await cards.count();
    expect(before).toBeLessThan(listed.length);

    await page.getByRole('button', { name: 'Load more' }).click();
    // The second page is appended below the first, not swapped in.
    const expected = Math.min(2 * before, listed.length);
    await waitForVisible(page, page.getByText(`Showing ${expected} of ${listed.length} agencies`));
    expect(await cards.count()).toBe(expected);
  });

  it('deep-links to an agency page with its service areas and ranking breakdown', async () => {
    expect(brightline).toBeDefined();
    const agency = brightline!;
    await page.goto(`${app.url}/agencies/${agency.slug}`);
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: agency.name, exact: true }));

    await waitForVisible(page, page.getByRole('list', { name: 'Service areas' }).getByRole('listitem').first());
    const breakdown = page.getByRole('table', { name: 'Ranking breakdown' });
    await waitForVisible(page, breakdown.locator('tbody tr').first());
    // One row (with a bar) per factor of the documented formula.
    expect(await breakdown.locator('tbody tr').count()).toBeGreaterThanOrEqual(5);
    expect(await breakdown.getByRole('progressbar').count()).toBe(await breakdown.locator('tbody tr').count());
    await waitForVisible(page, page.getByRole('region', { name: 'Ranking' }).getByLabel(/^(Bronze|Silver|Gold|Platinum) tier, score \d+$/));
    // Documents are for the agency's members and admins only.
    expect(await page.getByRole('region', { name: 'Documents' }).count()).toBe(0);
    // Anonymous visitors are asked to sign in before ordering.
    await waitForVisible(page, page.getByRole('button', { name: 'Sign in to order' }));
    await page.screenshot({ path: '/tmp/web-client-agency-anonymous.png', fullPage: true });
  });

  it('says so when an agency does not exist', async () => {
    await page.goto(`${app.url}/agencies/no-such-agency`);
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: 'Agency not found' }));
  });
});
