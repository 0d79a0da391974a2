import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@market/demo-data';
import { signInThroughSso, startAppOnPlatform, totpCode, waitForVisible, type AppOnPlatform } from '@market/ui/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const EMAIL = 'customer@example.com';
const NEW_PASSWORD = 'a-brand-new-passphrase';

describe('web-client security settings, in Chromium', () => {
  let app: AppOnPlatform['app'];
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  let page: Page;
  let recoveryCodes: string[] = [];

  beforeAll(async () => {
    // One customer runs through every sensitive mutation here; the gateway allows 5 per 5 minutes by default.
    ({ app, browser, stop } = await startAppOnPlatform({
      name: 'web-client',
      appDir: APP_DIR,
      gatewayEnv: { RATE_LIMIT_SENSITIVE: '20' },
    }));
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
  });

  afterAll(() => stop?.());

  it('asks anonymous visitors to sign in and shows no Security link', async () => {
    await page.goto(`${app.url}/account/security`);
    await waitForVisible(page, page.getByText('Sign in to see and change your security settings.'));
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }).count()).toBe(0);
  });

  it('signs in, opens Security, sees this device among the sessions', async () => {
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'Sign in' }).first().click();
    await signInThroughSso(page, { email: EMAIL, password: DEMO_PASSWORD });
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' });
    await waitForVisible(page, link);
    await link.click();
    await page.waitForURL(`${app.url}/account/security`);
    await waitForVisible(page, page.getByRole('heading', { level: 2, name: 'Security' }));
    await waitForVisible(page, page.getByText(EMAIL).first());

    const sessions = page.getByRole('table', { name: 'Sessions' });
    const current = sessions.locator('tbody tr', { hasText: 'This device' });
    await waitForVisible(page, current);
    expect(await current.count()).toBe(1);
    // The current session cannot be revoked from the list (that is "Sign out").
    expect(await current.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    await waitForVisible(page, page.getByRole('list', { name: 'Recent activity' }).getByText('Signed in').first());
  });

  it('revokes another session from the list', async () => {
    // A second browser signs in as the same customer: a second session.
    const other = await browser.newContext({ locale: 'en-US' });
    try {
      const otherPage = await other.newPage();
      await otherPage.goto(`${app.url}/`);
      await otherPage.getByRole('button', { name: 'Sign in' }).first().click();
      await signInThroughSso(otherPage, { email: EMAIL, password: DEMO_PASSWORD });
      await waitForVisible(otherPage, otherPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Security' }));
    } finally {
      await other.close();
    }

    await page.reload();
    const sessions = page.getByRole('table', { name: 'Sessions' });
    await waitForVisible(page, sessions.locator('tbody tr').nth(1));
    expect(await sessions.locator('tbody tr').count()).toBe(2);
    await sessions.getByRole('button', { name: /^Revoke session on / }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this session?' });
    await dialog.getByRole('button', { name: 'Revoke session' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 });
    await waitForVisible(page, page.getByRole('status').filter({ hasText: /^Signed out / }));
    await expect.poll(() => sessions.locator('tbody tr').count()).toBe(1);
    await waitForVisible(page, sessions.getByText('This device'));
  });

  it('checks a new password before sending it', async () => {
    const requests: string[] = [];
    const listener = (request: { postData(): string | null }) => {
      const body = request.postData();
      if (body?.includes('ChangePassword')) requests.push(body);
    };
    page.on('request', listener);
    await page.getByLabel('Current password').fill(DEMO_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('too-short');
    await page.getByLabel('Confirm new password').fill('something-else');
    await page.getByRole('button', { name: 'Change password' }).click();
    await waitForVisible(page, page.getByText('Use at least 12 characters.'));
    await waitForVisible(page, page.getByText('The two new passwords do not match.'));
    page.off('request', listener);
    expect(requests).toEqual([]);
    await page.getByLabel('New password', { exact: true }).fill('');
    await page.getByLabel('Confirm new password').fill('');
    await page.getByLabel('Current password').fill('');
  });

  it('sets up the authenticator app and shows ten recovery codes once', async () => {
    const mfa = page.getByRole('region', { name: 'Two-step verification' });
    await waitForVisible(page, mfa.getByLabel('Authenticator app off'));
    await mfa.getByRole('button', { name: 'Set up authenticator app' }).click();

    const qr = mfa.getByRole('img', { name: 'QR code for your authenticator app' });
    await waitForVisible(page, qr);
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    const secret = await mfa.getByLabel('Secret key').inputValue();
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);

    // A wrong code is refused by the server and nothing changes.
    await mfa.getByLabel('Code from the app').fill('000000');
    await mfa.getByRole('button', { name: 'Confirm' }).click();
    // Shown beside the input (a BAD_USER_INPUT naming `code`) or above the buttons.
    await mfa.locator('input[aria-invalid="true"]').or(mfa.getByRole('alert')).first().waitFor({ state: 'visible', timeout: 15_000 });
    expect(await mfa.getByLabel('Authenticator app off').count()).toBe(1);

    await mfa.getByLabel('Code from the app').fill(await totpCode(secret, Date.now() + 30_000));
    await mfa.getByRole('button', { name: 'Confirm' }).click();
    const codes = mfa.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
    await waitForVisible(page, codes.first());
    expect(await codes.count()).toBe(10);
    const texts = await codes.allInnerTexts();
    recoveryCodes = texts;
    expect(new Set(texts).size).toBe(10);
    await waitForVisible(page, mfa.getByText('Save these codes now'));
    await waitForVisible(page, mfa.getByLabel('Authenticator app on'));
    await page.screenshot({ path: '/tmp/web-client-security.png', fullPage: true });

    // Shown once: dismissed, they are gone and a reload does not bring them back.
    await mfa.getByRole('button', { name: 'I have saved them' }).click();
    expect(await mfa.getByRole('list', { name: 'Recovery codes' }).count()).toBe(0);
    await waitForVisible(page, page.getByRole('list', { name: 'Recent activity' }).getByText('Authenticator app turned on'));
    await page.reload();
    await waitForVisible(page, page.getByRole('region', { name: 'Two-step verification' }).getByLabel('Authenticator app on'));
    expect(await page.getByRole('list', { name: 'Recovery codes' }).count()).toBe(0);
    expect(texts.some((code) => code.length > 0)).toBe(true);
  });

  it('shows the server refusing a wrong current password beside that input, then changes the password', async () => {
    const password = page.getByRole('region', { name: 'Password' });
    await password.getByLabel('Current password').fill('not-my-password-at-all');
    await password.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
    await password.getByLabel('Confirm new password').fill(NEW_PASSWORD);
    await password.getByRole('button', { name: 'Change password' }).click();
    await waitForVisible(page, password.getByText('The password is incorrect'));
    expect(await password.getByLabel('Current password').getAttribute('aria-invalid')).toBe('true');

    await password.getByLabel('Current password').fill(DEMO_PASSWORD);
    await password.getByRole('button', { name: 'Change password' }).click();
    await waitForVisible(page, password.getByText('Password changed. Your other sessions were signed out.'));
    // This session stays signed in, and the change is in the activity list.
    await waitForVisible(page, page.getByRole('table', { name: 'Sessions' }).getByText('This device'));
    await waitForVisible(page, page.getByRole('list', { name: 'Recent activity' }).getByText('Password changed'));
  });

  it('turns the authenticator app off with the password and a recovery code', async () => {
    const mfa = page.getByRole('region', { name: 'Two-step verification' });
    await mfa.getByRole('button', { name: 'Turn off authenticator app' }).click();
    const dialog = page.getByRole('dialog', { name: 'Turn off the authenticator app' });
    await waitForVisible(page, dialog);
    // Both are required before anything is sent.
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await waitForVisible(page, dialog.getByText('Enter your password.'));
    await dialog.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
    await dialog.getByLabel('Code from the app or a recovery code').fill(recoveryCodes[0]!);
    await dialog.getByRole('button', { name: 'Turn off' }).click();
    await dialog.waitFor({ state: 'hidden', timeout: 15_000 }).catch(async (error: unknown) => {
      // Say what the dialog shows (the server's refusal) rather than only that it stayed open.
      throw new Error(`The dialog stayed open: ${(await dialog.innerText()).replace(/\s+/g, ' ')}`, { cause: error });
    });
    await waitForVisible(page, mfa.getByLabel('Authenticator app off'));
    await waitForVisible(page, mfa.getByRole('button', { name: 'Set up authenticator app' }));
  });
});
