import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@market/demo-data';
import { signInThroughSso, startAppOnPlatform, waitForVisible, type AppOnPlatform } from '@market/ui/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeOrder, signedInCaller, type PlacedOrder } from './marketplace';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const TITLE = `Board test ${Date.now()}: replace the boiler pressure valve`;

describe('web-admin orders board, in Chromium', () => {
  let running: AppOnPlatform;
  let page: Page;
  let order: PlacedOrder;

  beforeAll(async () => {
    running = await startAppOnPlatform({ name: 'web-admin', appDir: APP_DIR });
    // The customer orders through the gateway, as web-client would.
    const customer = await signedInCaller(running.platform.gatewayUrl, running.platform.issuer!, 'customer@example.com');
    order = await placeOrder(customer, TITLE);
    const context = await running.browser.newContext({ locale: 'en-US', viewport: { width: 1680, height: 1000 } });
    page = await context.newPage();
  });

  afterAll(() => running?.stop());

  const column = (title: string) => page.getByRole('region', { name: `${title} orders` });
  const card = (title: string) => column(title).getByRole('article', { name: order.number });

  /** Clicks the action on the card, writes a note in the confirmation and confirms. */
  async function act(from: string, action: string, note: string) {
    await card(from)
      .getByRole('group', { name: `Actions for ${order.number}` })
      .getByRole('button', { name: action, exact: true })
      .click();
    const dialog = page.getByRole('dialog', { name: `${action} ${order.number}?` });
    await waitForVisible(page, dialog);
    await dialog.getByLabel('Note').fill(note);
    await dialog.getByRole('button', { name: action, exact: true }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
  }

  it('shows the staff member their agency section and the new order as pending', async () => {
    expect(order.status).toBe('PENDING');
    await page.goto(`${running.app.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(page, { email: 'staff@example.com', password: DEMO_PASSWORD });
    await page.waitForURL(/\/agency\/board/, { timeout: 20_000 });
    const nav = page.getByRole('navigation', { name: 'Main' });
    await waitForVisible(page, nav.getByRole('link', { name: 'Orders board' }));
    // Staff are not admins and not owners: no admin sections, no finances.
    expect(await nav.getByRole('link', { name: 'Verification' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Finances' }).count()).toBe(0);

    await waitForVisible(page, card('Pending'));
    await waitForVisible(page, card('Pending').getByText(TITLE));
    // A pending order can be accepted or cancelled by the agency, nothing else.
    const actions = card('Pending')
      .getByRole('group', { name: `Actions for ${order.number}` })
      .getByRole('button');
    expect((await actions.allInnerTexts()).sort()).toEqual(['Accept', 'Cancel']);
    await waitForVisible(page, page.getByRole('region', { name: 'Agency statistics' }));
  });

  it('accepts, starts and delivers the order, and the card moves column each time', async () => {
    await act('Pending', 'Accept', 'We can come on Thursday.');
    await waitForVisible(page, card('Accepted'));
    expect(await card('Pending').count()).toBe(0);

    await act('Accepted', 'Start', 'Technician on site.');
    await waitForVisible(page, card('In progress'));
    expect(await card('Accepted').count()).toBe(0);

    await act('In progress', 'Deliver', 'Valve replaced, pressure tested.');
    await waitForVisible(page, card('Delivered'));
    expect(await card('In progress').count()).toBe(0);
    // Delivered: the rest is up to the customer (complete) or a dispute.
    expect(await card('Delivered').getByRole('button', { name: 'Deliver' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/web-admin-board.png', fullPage: true });
  });

  it('opens the order with its line items and the status timeline with the notes', async () => {
    await card('Delivered').getByRole('link', { name: order.number }).click();
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: order.number }));
    const items = page.getByRole('table', { name: 'Line items' });
    await waitForVisible(page, items.getByText('Pressure valve'));
    await waitForVisible(page, items.getByText('€120.00'));
    const history = page.getByRole('region', { name: 'Status history' });
    for (const note of ['We can come on Thursday.', 'Technician on site.', 'Valve replaced, pressure tested.']) {
      await waitForVisible(page, history.getByText(note));
    }
    await waitForVisible(page, history.getByText('staff@example.com').first());
    await page.screenshot({ path: '/tmp/web-admin-order.png', fullPage: true });
  });
});
