import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInThroughSso, startAppOnPlatform, waitForVisible, type AppOnPlatform } from '@market/ui/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const TARGET = 'customer@example.com';
const REASON = 'Chargeback investigation #4411';

const demo = demoData();

describe('web-admin identity administration, in Chromium', () => {
  let app: AppOnPlatform['app'];
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, stop } = await startAppOnPlatform({ name: 'web-admin', appDir: APP_DIR }));
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
  });

  afterAll(() => stop?.());

  const nav = () => page.getByRole('navigation', { name: 'Main' });

  it('signs the admin in and shows the identity pages in the navigation', async () => {
    await page.goto(`${app.url}/orders`);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(page, { email: 'admin@example.com', password: DEMO_PASSWORD });
    for (const name of ['Users', 'Audit log', 'OAuth clients']) await waitForVisible(page, nav().getByRole('link', { name }));
  });

  it('finds a user by email and suspends them with a reason', async () => {
    await nav().getByRole('link', { name: 'Users' }).click();
    await waitForVisible(page, page.getByRole('table', { name: 'Users' }).locator('tbody tr').first());
    await page.getByLabel('Search by email').fill(TARGET);
    const table = page.getByRole('table', { name: 'Matching users' });
    await page.waitForURL((url) => url.searchParams.get('q') === TARGET);
    await waitForVisible(page, page.getByText('1–1 of 1'));
    const row = table.locator('tbody tr', { hasText: TARGET });
    await waitForVisible(page, row.getByText('Active', { exact: true }));

    await row.getByRole('button', { name: `Status actions for ${TARGET}` }).click();
    await page.getByRole('menuitem', { name: 'Suspend' }).click();
    const dialog = page.getByRole('dialog', { name: `Suspend ${TARGET}?` });
    await waitForVisible(page, dialog);
    // No reason: refused before anything is sent, the user stays active.
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await waitForVisible(page, dialog.getByText(/Say why you suspend this account/));
    await dialog.getByLabel('Reason').fill(REASON);
    await dialog.getByRole('button', { name: 'Suspend' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });

    await waitForVisible(page, row.getByText('Suspended', { exact: true }));
    await waitForVisible(page, row.getByText(REASON));
    await page.screenshot({ path: '/tmp/web-admin-users-suspended.png' });

    // Roles: ticking a role grants it, the row shows it.
    await row.getByRole('button', { name: `Roles of ${TARGET}` }).click();
    await page
      .getByRole('group', { name: `Roles of ${TARGET}` })
      .getByRole('checkbox', { name: 'Agency staff' })
      .click();
    await waitForVisible(page, row.getByText('Agency staff', { exact: true }));
    await page.keyboard.press('Escape');

    // The status filter finds them among the suspended.
    await page.goto(`${app.url}/users?status=SUSPENDED`);
    await waitForVisible(page, page.getByRole('table', { name: 'Matching users' }).locator('tbody tr', { hasText: TARGET }));

    // The user's own page: status, reason, and the latest events about them.
    await page.getByRole('table', { name: 'Matching users' }).getByRole('link', { name: TARGET }).click();
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: TARGET }));
    const account = page.getByRole('region', { name: 'Account' });
    await waitForVisible(page, account.getByText('Suspended', { exact: true }));
    await waitForVisible(page, account.getByText(REASON));
    const events = page.getByRole('list', { name: 'Latest events' });
    await waitForVisible(page, events.getByText('Account status changed'));
    await waitForVisible(page, events.getByText('Role granted'));
  });

  it('shows the status change in the audit log with its details', async () => {
    await nav().getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit events' });
    await waitForVisible(page, table.locator('tbody tr').first());
    const event = table.locator('tbody tr', { hasText: 'Account status changed' }).filter({ hasText: TARGET }).first();
    await waitForVisible(page, event);
    await waitForVisible(page, event.getByText('admin@example.com'));
    await event.getByRole('button', { name: /^Details of / }).click();
    const details = event.locator('pre, code').filter({ hasText: REASON });
    await waitForVisible(page, details);
    const json = JSON.parse(await details.first().innerText()) as Record<string, unknown>;
    expect(json).toMatchObject({ to: 'SUSPENDED', reason: REASON });

    // Filtered by type and target (kept in the URL), only that event remains.
    const target = demo.users.find((user) => user.email === TARGET)!;
    await page.goto(`${app.url}/audit-log?type=user.status_changed&target=${encodeURIComponent(target.id)}`);
    await waitForVisible(page, page.getByText('1–1 of 1'));
    await waitForVisible(page, page.getByRole('table', { name: 'Audit events' }).getByText('Account status changed'));
    await page.screenshot({ path: '/tmp/web-admin-audit-log.png' });
  });

  it('creates a confidential OAuth client and shows its secret once', async () => {
    await nav().getByRole('link', { name: 'OAuth clients' }).click();
    const table = page.getByRole('table', { name: 'OAuth clients' });
    await waitForVisible(page, table.locator('tbody tr', { hasText: 'First-party · read-only' }).first());

    await page.getByRole('button', { name: 'New OAuth client' }).click();
    const form = page.getByRole('dialog', { name: 'New OAuth client' });
    await waitForVisible(page, form);
    // Checked in the browser first: no name, nothing sent.
    await form.getByRole('button', { name: 'Create client' }).click();
    await waitForVisible(page, form.getByText('Give the client a name people will recognise.'));
    await form.getByLabel('Name').fill('Partner reporting');
    await expect.poll(() => form.getByRole('radio', { name: /Confidential/ }).isChecked()).toBe(true);
    await expect.poll(() => form.getByRole('checkbox', { name: 'Client credentials' }).isChecked()).toBe(true);
    await form.getByLabel('Scopes', { exact: true }).click();
    await page.getByRole('option', { name: 'orders:read' }).click();
    await form.getByRole('button', { name: 'Create client' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Client secret of Partner reporting' });
    await waitForVisible(page, secretDialog);
    const secret = await secretDialog.getByLabel('Client secret').inputValue();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    await waitForVisible(page, secretDialog.getByRole('button', { name: 'Copy secret' }));
    await page.screenshot({ path: '/tmp/web-admin-oauth-secret.png' });
    await secretDialog.getByRole('button', { name: 'Done' }).click();
    await secretDialog.waitFor({ state: 'hidden' });

    const row = table.locator('tbody tr', { hasText: 'Partner reporting' });
    await waitForVisible(page, row);
    await waitForVisible(page, row.getByText('orders:read'));
    // Once: the secret is nowhere on the page any more.
    expect(await page.content()).not.toContain(secret);
  });
});
