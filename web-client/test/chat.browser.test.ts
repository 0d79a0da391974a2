import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData, demoId } from '@market/demo-data';
import { signInForTokens, startPlatform, type Platform } from '@market/testkit';
import { freePort, launchChromium, signInThroughSso, startWebApp, waitForVisible } from '@market/ui/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Issue 5's browser acceptance: a customer (web-client) and the agency's staff (web-admin), in two Chromium
 * contexts, chat live on an order. Both apps are served against one platform, as in production.
 * Routes used: web-client `/orders/:id` (OrderChat on the order page) and `/messages`; web-admin `/inbox`.
 */
const CLIENT_DIR = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_DIR = fileURLToPath(new URL('../../web-admin', import.meta.url));

const demo = demoData();
// ORD-2026-000001: customer@example.com's order with the demo agency (Brightline), where staff@example.com works.
const order = demo.orders.find((candidate) => candidate.number === 'ORD-2026-000001')!;
const conversationId = demoId('conversation', order.id);
const RUN = Date.now().toString(36);
const FIRST = `Hello from the customer ${RUN}`;
const REPLY = `Staff reply ${RUN}`;
const HISTORY = `History ${RUN}`;
const label = (n: number) => `${HISTORY} #${String(n).padStart(2, '0')}`;

describe('live chat on an order, customer (web-client) and agency staff (web-admin) in Chromium', () => {
  let platform: Platform;
  let stopApps: (() => Promise<void>) | undefined;
  let browser: Browser;
  let customer: Page;
  let staff: Page;
  let clientUrl = '';
  let adminUrl = '';

  beforeAll(async () => {
    const [clientPort, adminPort] = [await freePort(), await freePort()];
    clientUrl = `http://127.0.0.1:${clientPort}`;
    adminUrl = `http://127.0.0.1:${adminPort}`;
    platform = await startPlatform({
      gatewayEnv: { CORS_ORIGINS: `${clientUrl},${adminUrl}` },
      ssoEnv: { WEB_CLIENT_URL: clientUrl, WEB_ADMIN_URL: adminUrl },
    });
    const config = { graphqlUrl: platform.gatewayUrl, issuer: platform.issuer };
    // One build at a time: two parallel vite builds on a shared 2-core machine only slow each other.
    const client = await startWebApp({ name: 'web-client', appDir: CLIENT_DIR, port: clientPort, config });
    const admin = await startWebApp({ name: 'web-admin', appDir: ADMIN_DIR, port: adminPort, config });
    stopApps = async () => {
      await client.stop();
      await admin.stop();
    };
    browser = await launchChromium();
    // Two contexts: two separate browser sessions (cookies, SSO session, tokens).
    customer = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } })).newPage();
    staff = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 1000 } })).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await stopApps?.();
  });

  /** staff@example.com sends a message through the gateway (as another tab of theirs would). */
  let staffToken = '';
  async function staffSends(input: Record<string, unknown>): Promise<void> {
    staffToken ||= (
      await signInForTokens({
        issuer: platform.issuer!,
        email: 'staff@example.com',
        password: DEMO_PASSWORD,
        clientId: 'web-client',
        redirectUri: `${clientUrl}/callback`,
      })
    ).accessToken;
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${staffToken}` },
      body: JSON.stringify({
        query: 'mutation Send($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
        variables: { input },
      }),
    });
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors).toBeUndefined();
  }

  const history = (page: Page) => page.getByRole('list', { name: 'Messages' });
  const messageBox = (page: Page) => page.getByRole('textbox', { name: 'Message', exact: true });

  it('signs both in and opens the order chat (customer) and the inbox conversation (staff)', async () => {
    await customer.goto(`${clientUrl}/orders/${order.id}`);
    await customer.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(customer, { email: 'customer@example.com', password: DEMO_PASSWORD });
    await customer.waitForURL((url) => url.pathname === `/orders/${order.id}`, { timeout: 20_000 });
    await waitForVisible(customer, customer.getByRole('region', { name: 'Chat with the agency' }));
    // The seeded history of the order's conversation is there.
    await waitForVisible(customer, history(customer).getByRole('listitem').first(), 20_000);

    await staff.goto(`${adminUrl}/inbox?conversation=${conversationId}`);
    await staff.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(staff, { email: 'staff@example.com', password: DEMO_PASSWORD });
    await staff.waitForURL((url) => url.pathname === '/inbox', { timeout: 20_000 });
    await waitForVisible(staff, history(staff).getByRole('listitem').first(), 20_000);
  });

  it('the customer sends (Shift+Enter is a new line, markdown is rendered safely) and the staff sees it without reload', async () => {
    const box = messageBox(customer);
    await box.click();
    await box.pressSequentially(`${FIRST} **urgent**`);
    await box.press('Shift+Enter');
    await box.pressSequentially('<b>not html</b> and a [link](https://example.com/spec)');
    expect(await box.inputValue()).toContain('\n');
    await waitForVisible(customer, customer.getByText(/^\d+ \/ 4000$/));
    await box.press('Enter');
    expect(await box.inputValue()).toBe('');

    const mine = history(customer).getByRole('listitem').filter({ hasText: FIRST });
    await waitForVisible(customer, mine);
    // The mutation result and the messageAdded event are the same message: shown once.
    await expect.poll(() => mine.count(), { timeout: 5_000 }).toBe(1);
    await waitForVisible(customer, mine.getByRole('button', { name: 'Edit message' }));

    const received = history(staff).getByRole('listitem').filter({ hasText: FIRST });
    await waitForVisible(staff, received, 15_000);
    await expect.poll(() => received.count()).toBe(1);
    expect(await received.locator('strong').innerText()).toBe('urgent');
    // Raw HTML stays text; the link opens safely.
    await waitForVisible(staff, received.getByText('<b>not html</b>', { exact: false }));
    expect(await received.locator('b').count()).toBe(0);
    const link = received.getByRole('link', { name: 'link' });
    expect(await link.getAttribute('href')).toBe('https://example.com/spec');
    expect(await link.getAttribute('rel')).toContain('noopener');
    // Not the staff member's own message: no edit/delete on it.
    expect(await received.getByRole('button', { name: 'Edit message' }).count()).toBe(0);
    // The inbox list follows live too: the conversation shows the new message.
    await waitForVisible(staff, staff.getByRole('navigation', { name: 'Conversations' }).getByText(FIRST, { exact: false }), 15_000);
  });

  it('the customer sees the staff typing, then the reply live, and the read receipt', async () => {
    const box = messageBox(staff);
    await box.click();
    await box.pressSequentially('Staff is writ');
    await waitForVisible(customer, customer.getByRole('status', { name: 'Typing' }).getByText(/is typing…$/), 15_000);
    await box.fill('');
    await box.pressSequentially(REPLY);
    await box.press('Enter');

    const reply = history(customer).getByRole('listitem').filter({ hasText: REPLY });
    await waitForVisible(customer, reply, 15_000);
    await expect.poll(() => reply.count()).toBe(1);
    // The indicator goes once they sent (setTyping false) or at the latest 5 s after the last event.
    await customer
      .getByRole('status', { name: 'Typing' })
      .getByText(/is typing…$/)
      .waitFor({ state: 'hidden', timeout: 10_000 });

    // The staff had the customer's message on screen: it was marked read, and the customer sees "Seen".
    await waitForVisible(
      customer,
      history(customer).getByRole('listitem').filter({ hasText: FIRST }).getByText('Seen', { exact: true }),
      15_000,
    );
  });

  it('the customer edits and deletes their own message', async () => {
    await history(customer).getByRole('listitem').filter({ hasText: FIRST }).getByRole('button', { name: 'Edit message' }).click();
    // While editing, the body is the text box.
    await history(customer).getByRole('textbox', { name: 'Edit message' }).fill(`${FIRST} (edited text)`);
    await history(customer).getByRole('button', { name: 'Save', exact: true }).click();
    const mine = history(customer).getByRole('listitem').filter({ hasText: '(edited text)' });
    await waitForVisible(customer, mine.getByText('edited', { exact: true }));

    await mine.getByRole('button', { name: 'Delete message' }).click();
    const dialog = customer.getByRole('dialog', { name: 'Delete message?' });
    await dialog.getByRole('button', { name: 'Delete message' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
    await expect.poll(() => history(customer).getByRole('listitem').filter({ hasText: FIRST }).count()).toBe(0);
    await waitForVisible(customer, history(customer).getByText('Message deleted').last());
  });

  it('attachments by file id show as links; voice messages as a player with duration and waveform', async () => {
    const photo = demo.files.find((file) => file.id === demoId('file', `${order.id}:photo`))!;
    await customer.getByLabel('Attach file id').fill(photo.id);
    await customer.getByRole('button', { name: 'Attach', exact: true }).click();
    await waitForVisible(customer, customer.getByRole('list', { name: 'Files to send' }).getByText(photo.id));
    await messageBox(customer).fill(`The photo ${RUN}`);
    await customer.getByRole('button', { name: 'Send', exact: true }).click();
    const received = history(staff)
      .getByRole('listitem')
      .filter({ hasText: `The photo ${RUN}` });
    const link = received.getByRole('link', { name: photo.name });
    await waitForVisible(staff, link, 15_000);
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);

    await staffSends({
      conversationId,
      body: `Voice ${RUN}`,
      voice: { fileId: photo.id, durationMs: 7_400, waveform: [0, 40, 255, 128, 64, 200] },
    });
    const voice = history(customer)
      .getByRole('listitem')
      .filter({ hasText: `Voice ${RUN}` })
      .getByRole('group', { name: 'Voice message, 0:07' });
    await waitForVisible(customer, voice, 15_000);
    expect(await voice.locator('audio').getAttribute('src')).toMatch(/^https?:\/\//);
    expect(await voice.getByRole('img', { name: 'Waveform' }).locator('rect').count()).toBe(6);
  });

  it('the customer finds the conversation on the messages page with its history', async () => {
    await customer.goto(`${clientUrl}/messages`);
    const list = customer.getByRole('navigation', { name: 'Conversations' });
    const entry = list.getByRole('button', { name: new RegExp(order.number) }).first();
    await waitForVisible(customer, entry, 20_000);
    await entry.click();
    await customer.waitForURL((url) => url.searchParams.get('conversation') === conversationId);
    await waitForVisible(customer, history(customer).getByRole('listitem').filter({ hasText: REPLY }), 15_000);
  });

  it('loads older history when scrolling up: oldest at the top, every message once', async () => {
    // 35 more messages while the customer has no chat open, so that the next visit starts with a page of 30.
    await customer.goto(`${clientUrl}/agencies`);
    // The header's unread badge (me.unreadMessages) follows live, through conversationUpdated.
    const badge = customer.getByRole('link', { name: /^Messages, \d+ unread$/ });
    const unread = async () => Number(/\d+/.exec((await badge.getAttribute('aria-label')) ?? '')?.[0]);
    await waitForVisible(customer, badge, 15_000);
    const before = await unread();
    for (let n = 1; n <= 35; n++) await staffSends({ conversationId, body: label(n) });
    await expect.poll(unread, { timeout: 15_000 }).toBe(before + 35);

    await customer.goto(`${clientUrl}/messages?conversation=${conversationId}`);
    const item = (n: number) =>
      history(customer)
        .getByRole('listitem')
        .filter({ hasText: label(n) });
    await waitForVisible(customer, item(35), 20_000);
    // The first page holds the 30 newest: #06 … #35.
    await waitForVisible(customer, item(6));
    expect(await item(5).count()).toBe(0);
    await customer.getByRole('log', { name: 'Conversation history' }).evaluate((log) => {
      log.scrollTop = 0;
    });
    await waitForVisible(customer, item(1), 15_000);
    for (let n = 1; n <= 35; n++) expect(await item(n).count(), label(n)).toBe(1);
    expect(await history(customer).getByRole('listitem').filter({ hasText: REPLY }).count()).toBe(1);
    const top = async (n: number) => (await item(n).boundingBox())?.y ?? Number.NaN;
    expect(await top(1)).toBeLessThan(await top(5));
    expect(await top(5)).toBeLessThan(await top(6));
    expect(await top(6)).toBeLessThan(await top(35));
  });

  it('an admin reads the support conversations in web-admin (/support)', async () => {
    const support = demo.conversations.find((conversation) => conversation.kind === 'SUPPORT')!;
    const admin = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1600, height: 1000 } })).newPage();
    await admin.goto(`${adminUrl}/support`);
    await admin.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(admin, { email: 'admin@example.com', password: DEMO_PASSWORD });
    await admin.waitForURL((url) => url.pathname === '/support', { timeout: 20_000 });
    const entry = admin.getByRole('navigation', { name: 'Support conversations' }).getByRole('button', { name: new RegExp(support.title) });
    await waitForVisible(admin, entry, 20_000);
    await entry.click();
    await admin.waitForURL((url) => url.searchParams.get('conversation') === support.id);
    // The seeded question and the admin's answer, its markdown rendered.
    await waitForVisible(admin, history(admin).getByText('Where can I download the invoice', { exact: false }), 15_000);
    await waitForVisible(admin, history(admin).locator('strong', { hasText: 'Orders → Invoices' }));
    await admin.context().close();
  });
});
