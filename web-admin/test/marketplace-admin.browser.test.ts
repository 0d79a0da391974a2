import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInThroughSso, startAppOnPlatform, waitForVisible, type AppOnPlatform } from '@market/ui/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_AMOUNT, demoAgency, placeOrder, signedInCaller, transition } from './marketplace';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const demo = demoData();
const pending = demo.agencies.find((agency) => agency.status === 'PENDING_REVIEW')!;
const penalized = demo.agencies[0]!;
const euros = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' });
const REASON = 'Missed three agreed appointments in October';

/** "€1,234.56" / "-€75.50" → minor units. */
function minorUnits(text: string): number {
  const negative = text.includes('-') || text.includes('−');
  const digits = text.replace(/[^\d.]/g, '');
  return Math.round(Number(digits) * 100) * (negative ? -1 : 1);
}

describe('web-admin marketplace administration, in Chromium', () => {
  let running: AppOnPlatform;
  let page: Page;

  beforeAll(async () => {
    running = await startAppOnPlatform({ name: 'web-admin', appDir: APP_DIR });
    // Demo orders are months old (a fixed clock): today's figures come from two orders placed now, one completed.
    const { gatewayUrl, issuer } = running.platform;
    const customer = await signedInCaller(gatewayUrl, issuer!, 'customer@example.com');
    const staff = await signedInCaller(gatewayUrl, issuer!, 'staff@example.com');
    const done = await placeOrder(customer, 'Dashboard test: service the heat pump');
    for (const action of ['ACCEPT', 'START', 'DELIVER']) await transition(staff, done.id, action);
    expect(await transition(customer, done.id, 'COMPLETE')).toBe('COMPLETED');
    await placeOrder(customer, 'Dashboard test: quote for a new boiler');
    const context = await running.browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
  });

  afterAll(() => running?.stop());

  const nav = () => page.getByRole('navigation', { name: 'Main' });

  it('signs the admin in to the dashboard with its charts', async () => {
    await page.goto(`${running.app.url}/?days=7`);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(page, { email: 'admin@example.com', password: DEMO_PASSWORD });
    for (const name of ['Dashboard', 'Orders', 'Verification', 'Business types']) {
      await waitForVisible(page, nav().getByRole('link', { name: new RegExp(`^${name}\\b`) }));
    }
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('days') === '7');

    // Counts by status over the week: the two orders placed above (demo orders are older).
    const counts = page.getByRole('region', { name: 'Orders by status' });
    await waitForVisible(page, counts.getByText('All orders'));
    await expect.poll(() => counts.getByLabel('Completed orders').innerText()).toBe('1');
    expect(await counts.getByLabel('Pending orders').innerText()).toBe('1');

    // Today's bar is stacked from two statuses.
    const perDay = page.getByRole('region', { name: 'Orders per day by status' });
    await waitForVisible(page, perDay.locator('svg.recharts-surface').first());
    expect(await perDay.locator('.recharts-bar-rectangle').count()).toBe(2);
    await waitForVisible(page, perDay.locator('.recharts-legend-wrapper').getByText('Completed'));
    await waitForVisible(page, perDay.locator('.recharts-legend-wrapper').getByText('Pending'));
    const revenue = page.getByRole('region', { name: 'Revenue per day' });
    await waitForVisible(page, revenue.locator('.recharts-bar-rectangle').first());
    expect(await revenue.getByText('No orders in this period.').count()).toBe(0);
    const top = page.getByRole('region', { name: 'Top agencies' });
    await waitForVisible(page, top.locator('.recharts-bar-rectangle').first());
    const row = top.getByRole('table', { name: 'Top agencies' }).locator('tbody tr').first();
    await waitForVisible(page, row.getByText(demoAgency.name));
    await waitForVisible(page, row.getByText(euros.format(ORDER_AMOUNT / 100)));
    await page.screenshot({ path: '/tmp/web-admin-dashboard.png', fullPage: true });

    // The period is kept in the URL.
    await page.getByLabel('Period').selectOption('365');
    await page.waitForURL((url) => url.searchParams.get('days') === '365');
  });

  it('verifies an agency from the queue after approving its documents', async () => {
    await nav().getByRole('link', { name: 'Verification' }).click();
    const entry = page.getByRole('region', { name: pending.name });
    await waitForVisible(page, entry);
    const documents = entry.getByRole('table', { name: `Documents of ${pending.name}` });
    for (const kind of ['License', 'Insurance']) {
      const row = documents.locator('tbody tr', { hasText: kind });
      await waitForVisible(page, row.getByText('Pending', { exact: true }));
      await row.getByRole('button', { name: `Approve ${kind}` }).click();
      await waitForVisible(page, row.getByText('Approved', { exact: true }));
    }
    await page.screenshot({ path: '/tmp/web-admin-verification.png', fullPage: true });

    await entry
      .getByRole('group', { name: `Status of ${pending.name}` })
      .getByRole('button', { name: 'Verify' })
      .click();
    const dialog = page.getByRole('dialog', { name: `Verify ${pending.name}?` });
    await waitForVisible(page, dialog);
    await dialog.getByLabel('Reason').fill('Licence and insurance checked');
    await dialog.getByRole('button', { name: 'Verify' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    // Verified: it leaves the queue, and its page says so.
    await entry.waitFor({ state: 'detached', timeout: 15_000 });
    await page.goto(`${running.app.url}/agencies/${pending.id}`);
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: pending.name }));
    await waitForVisible(page, page.getByText('Verified', { exact: true }).first());
    await waitForVisible(page, page.getByText('Licence and insurance checked'));
  });

  it('issues a penalty: it is in the penalties and the ledger, and the balance drops by its amount', async () => {
    await page.goto(`${running.app.url}/agencies/${penalized.id}`);
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: penalized.name }));
    const figures = page.getByRole('region', { name: 'Finances' });
    const balance = figures.getByLabel('Balance', { exact: true });
    await waitForVisible(page, balance);
    const before = minorUnits(await balance.innerText());

    const form = page.getByRole('form', { name: 'Penalty' });
    // No reason: refused in the browser, nothing sent.
    await form.getByLabel('Penalty amount (EUR)').fill('75.50');
    await form.getByRole('button', { name: 'Issue penalty' }).click();
    await waitForVisible(page, form.getByText('Say why the agency is penalised.'));
    await form.getByLabel('Penalty reason').fill(REASON);
    await form.getByRole('button', { name: 'Issue penalty' }).click();
    const dialog = page.getByRole('dialog', { name: 'Issue penalty?' });
    await waitForVisible(page, dialog.getByText(REASON));
    await dialog.getByRole('button', { name: 'Issue penalty' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });

    await expect.poll(async () => minorUnits(await balance.innerText()), { timeout: 15_000 }).toBe(before - 7_550);
    await waitForVisible(page, page.getByRole('table', { name: 'Penalties' }).locator('tbody tr', { hasText: REASON }));
    const ledgerRow = page
      .getByRole('table', { name: 'Ledger' })
      .locator('tbody tr', { hasText: euros.format(-75.5) })
      .filter({ hasText: 'Penalty' });
    await waitForVisible(page, ledgerRow.first());
    await waitForVisible(page, ledgerRow.first().getByText('admin@example.com'));
    await page.screenshot({ path: '/tmp/web-admin-agency-finances.png', fullPage: true });
  });
});
