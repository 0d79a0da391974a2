import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInForTokens, type Platform } from '@market/testkit';
import { signInThroughSso, startAppOnPlatform, waitForVisible, type AppOnPlatform } from '@market/ui/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const AGENCY_SCOPES = 'openid email roles orders:read orders:write agency:manage';

const demo = demoData();
const brightline = demo.agencies.find((agency) => agency.slug === 'brightline-technical-services')!;
const TITLE = `Replace the hallway lights ${Date.now().toString(36)}`;
const REVIEW = 'Quick, tidy and exactly as quoted.';

/** A GraphQL call through the gateway as the agency's owner (what web-admin would send). */
async function asAgency<T>(platform: Platform, token: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`gateway refused: ${body.errors.map((error) => error.message).join('; ')}`);
  return body.data as T;
}

describe('web-client orders, in Chromium: find an agency, order, follow it, complete and review', () => {
  let platform: Platform;
  let app: AppOnPlatform['app'];
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  let context: BrowserContext;
  let page: Page;
  let orderId = '';

  beforeAll(async () => {
    ({ platform, app, browser, stop } = await startAppOnPlatform({ name: 'web-client', appDir: APP_DIR }));
    context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
  });

  afterAll(() => stop?.());

  it('finds the agency with search and filters kept in the URL, and the back button undoes a filter', async () => {
    await page.goto(`${app.url}/agencies`);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(page, { email: 'customer@example.com', password: DEMO_PASSWORD });
    await waitForVisible(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }));

    const cards = page.getByRole('list', { name: 'Agencies' }).getByRole('article');
    await waitForVisible(page, cards.first());
    await page.getByRole('group', { name: 'Business types' }).getByText('Technical', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('types') === 'TECHNICAL');
    await page.getByLabel('Search').fill('Brightline');
    await page.waitForURL((url) => url.searchParams.get('q') === 'Brightline');
    await page.getByRole('combobox', { name: 'Near' }).click();
    await page.getByRole('option', { name: 'Berlin', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('near') === 'Berlin');

    const card = cards.filter({ hasText: brightline.name });
    await waitForVisible(page, card);
    await expect.poll(() => cards.count()).toBe(1);
    // Near a point: the distance and the ranking badge are on the card.
    await waitForVisible(page, card.getByText(/km away/));
    await waitForVisible(page, card.getByLabel(/^(Bronze|Silver|Gold|Platinum) tier, score \d+$/));
    await page.screenshot({ path: '/tmp/web-client-directory-filtered.png' });

    // The URL is the state: back removes the city again, a fresh load of the URL restores it.
    const filtered = page.url();
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('near') === null && url.searchParams.get('q') === 'Brightline');
    await page.goto(filtered);
    await waitForVisible(page, cards.filter({ hasText: brightline.name }).getByText(/km away/));
    expect(await page.getByLabel('Search').inputValue()).toBe('Brightline');
  });

  it('opens the agency, places an order with line items and sees it PENDING in My orders', async () => {
    await page.getByRole('link', { name: brightline.name }).click();
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: brightline.name, exact: true }));
    await waitForVisible(page, page.getByRole('table', { name: 'Ranking breakdown' }));
    await page.getByRole('link', { name: 'Order from this agency' }).click();
    await page.waitForURL(`${app.url}/agencies/${brightline.slug}/order`);

    // Checked before sending: both required inputs say what is missing.
    await page.getByRole('button', { name: 'Place order' }).click();
    await waitForVisible(page, page.getByText('Give the order a title.'));
    await waitForVisible(page, page.getByText('Describe what you need.'));

    await page.getByLabel(/^Title/).fill(TITLE);
    await page.getByLabel(/^Description/).fill('Six ceiling lights in the hallway, LED, switch stays.');
    await page.getByRole('button', { name: 'Add line item' }).click();
    await page.getByLabel('Item 1 description').fill('LED ceiling light');
    await page.getByLabel('Item 1 quantity').fill('6');
    await page.getByLabel('Item 1 unit price').fill('35.5');
    await page.getByRole('button', { name: 'Add line item' }).click();
    await page.getByLabel('Item 2 description').fill('Labour');
    await page.getByLabel('Item 2 unit price').fill('120');
    await waitForVisible(page, page.getByText('Total: €333.00'));
    // Removing a row updates the total at once.
    await page.getByRole('button', { name: 'Remove item 2' }).click();
    await waitForVisible(page, page.getByText('Total: €213.00'));
    await page.getByRole('button', { name: 'Add line item' }).click();
    await page.getByLabel('Item 2 description').fill('Labour');
    await page.getByLabel('Item 2 unit price').fill('120');
    await waitForVisible(page, page.getByText('Total: €333.00'));
    await page.getByRole('button', { name: 'Place order' }).click();

    await page.waitForURL((url) => /^\/orders\/[^/]+$/.test(url.pathname), { timeout: 15_000 });
    orderId = new URL(page.url()).pathname.split('/').pop()!;
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: TITLE }));
    await waitForVisible(page, page.getByLabel('Order status').getByText('Pending'));
    const items = page.getByRole('table', { name: 'Line items' });
    await waitForVisible(page, items.getByText('LED ceiling light'));
    await waitForVisible(page, items.getByText('€333.00'));

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My orders' }).click();
    const row = page.getByRole('table', { name: 'Orders' }).locator('tbody tr', { hasText: TITLE });
    await waitForVisible(page, row);
    await waitForVisible(page, row.getByText('Pending'));
    await waitForVisible(page, row.getByText(brightline.name));

    // Filtered by another status the new order is not listed; by PENDING it is, and the filter is in the URL.
    await page.goto(`${app.url}/orders?status=COMPLETED`);
    await waitForVisible(page, page.getByRole('table', { name: 'Orders' }).locator('tbody tr').first());
    expect(await page.getByRole('table', { name: 'Orders' }).locator('tbody tr', { hasText: TITLE }).count()).toBe(0);
    await page.goto(`${app.url}/orders?status=PENDING`);
    await waitForVisible(page, page.getByRole('table', { name: 'Orders' }).locator('tbody tr', { hasText: TITLE }));
    await page.screenshot({ path: '/tmp/web-client-orders.png' });
  });

  it('completes the order the agency delivered, reviews it, and the review shows on the agency page', async () => {
    expect(orderId).not.toBe('');
    const owner = await signInForTokens({
      issuer: platform.issuer!,
      email: 'owner@example.com',
      password: DEMO_PASSWORD,
      clientId: 'web-admin',
      scope: AGENCY_SCOPES,
    });
    const transition = `mutation ($id: ID!, $action: OrderAction!, $note: String) { transitionOrder(id: $id, action: $action, note: $note) { status } }`;
    for (const [action, note] of [
      ['ACCEPT', null],
      ['START', null],
      ['DELIVER', 'All six lights installed and tested.'],
    ] as const) {
      await asAgency(platform, owner.accessToken, transition, { id: orderId, action, note });
    }

    await page.goto(`${app.url}/orders/${orderId}`);
    await waitForVisible(page, page.getByLabel('Order status').getByText('Delivered'));
    // The timeline shows who moved it and the agency's note.
    const timeline = page.getByRole('region', { name: 'Status history' });
    await waitForVisible(page, timeline.getByText('In progress → Delivered'));
    await waitForVisible(page, timeline.getByText('“All six lights installed and tested.”'));

    const actions = page.getByRole('region', { name: 'Actions' });
    await actions.getByRole('button', { name: 'Mark as completed' }).click();
    const dialog = page.getByRole('dialog', { name: 'Complete this order?' });
    await waitForVisible(page, dialog);
    await dialog.getByRole('button', { name: 'Complete order' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await waitForVisible(page, page.getByLabel('Order status').getByText('Completed'));
    await waitForVisible(page, timeline.getByText('Delivered → Completed'));
    // Nothing left to do for the customer but the review.
    expect(await page.getByRole('button', { name: 'Mark as completed' }).count()).toBe(0);

    const form = page.getByRole('form', { name: 'Review this order' });
    await form.getByRole('button', { name: 'Submit review' }).click();
    await waitForVisible(page, form.getByText('Choose 1 to 5 stars.'));
    // The stars are labels of visually hidden radio inputs: click the fifth star as a user would.
    const fifth = await form.getByLabel('5 stars').getAttribute('id');
    await form.locator(`label[for="${fifth}"]`).click();
    await form.getByLabel('Comment').fill(REVIEW);
    await form.getByRole('button', { name: 'Submit review' }).click();
    const review = page.getByRole('region', { name: 'Review' });
    await waitForVisible(page, review.getByRole('img', { name: '5 out of 5 stars' }));
    await waitForVisible(page, review.getByText(REVIEW));
    expect(await page.getByRole('form', { name: 'Review this order' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/web-client-order.png', fullPage: true });

    await page.getByRole('link', { name: brightline.name }).click();
    const reviews = page.getByRole('list', { name: 'Reviews' });
    await waitForVisible(page, reviews.getByText(REVIEW));
    await page.screenshot({ path: '/tmp/web-client-agency.png', fullPage: true });
  });

  it('uses the browser location and sorts by distance, nearest first', async () => {
    // Munich, where some demo agencies are based.
    await context.grantPermissions(['geolocation'], { origin: app.url });
    await context.setGeolocation({ latitude: 48.137, longitude: 11.575 });
    await page.goto(`${app.url}/agencies`);
    const cards = page.getByRole('list', { name: 'Agencies' }).getByRole('article');
    await waitForVisible(page, cards.first());
    await page.getByRole('button', { name: 'Use my location' }).click();
    await page.waitForURL((url) => url.searchParams.get('near') === 'my-location' && url.searchParams.get('lat') === '48.1370');
    await page.getByRole('combobox', { name: 'Sort by' }).click();
    await page.getByRole('option', { name: 'Nearest' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'DISTANCE');
    const list = page.getByRole('list', { name: 'Agencies' });
    await expect.poll(() => list.getAttribute('aria-busy')).toBe('false');
    const distancesShown = async () => (await cards.allInnerTexts()).map((text) => Number(/([\d.]+) km away/.exec(text)?.[1]));
    await expect
      .poll(async () => {
        const shown = await distancesShown();
        return shown.length > 1 && shown.every((km, index) => !Number.isNaN(km) && (index === 0 || km >= shown[index - 1]!));
      })
      .toBe(true);
    const distances = await distancesShown();
    // Only agencies whose area covers the point are listed: the nearest is in or around Munich.
    expect(distances[0]).toBeLessThan(60);
  });
});
