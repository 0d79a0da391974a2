import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '@market/demo-data';
import { signInThroughSso, startAppOnPlatform, waitForVisible, type AppOnPlatform } from '@market/ui/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const DISPLAY_NAME = 'Casey C. Customer';

describe('web-client profile and preferences, in Chromium', () => {
  let app: AppOnPlatform['app'];
  let browser: Browser;
  let stop: (() => Promise<void>) | undefined;
  let page: Page;

  beforeAll(async () => {
    ({ app, browser, stop } = await startAppOnPlatform({ name: 'web-client', appDir: APP_DIR }));
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 1200 } });
    page = await context.newPage();
  });

  afterAll(() => stop?.());

  it('asks anonymous visitors to sign in', async () => {
    await page.goto(`${app.url}/account/profile`);
    await waitForVisible(page, page.getByText('Sign in to edit your profile and preferences.'));
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }).count()).toBe(0);
  });

  it('shows the server refusing a field beside its input, then saves the profile', async () => {
    // Signing in from the prompt comes back to the profile, now with the Profile link in the header.
    await page.getByRole('main').getByRole('button', { name: 'Sign in' }).click();
    await signInThroughSso(page, { email: 'customer@example.com', password: DEMO_PASSWORD });
    await page.waitForURL(`${app.url}/account/profile`);
    await waitForVisible(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Profile' }));

    const profile = page.getByRole('region', { name: 'Profile' });
    const displayName = profile.getByLabel('Display name');
    await waitForVisible(page, displayName);
    expect(await displayName.inputValue()).toBe('Casey Customer');

    // An empty display name goes to the server unchecked: its BAD_USER_INPUT is shown at that input.
    await displayName.fill('');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await expect.poll(() => displayName.getAttribute('aria-invalid'), { timeout: 15_000 }).toBe('true');
    expect(await profile.getByText('Profile saved.').count()).toBe(0);

    await displayName.fill(DISPLAY_NAME);
    await profile.getByLabel('Bio').fill('Renovating an old flat in Berlin.');
    await profile.getByLabel('Street and number').fill('Invalidenstraße 1');
    await profile.getByLabel('Postal code').fill('10115');
    await profile.getByLabel('City').fill('Berlin');
    await profile.getByLabel('Country').fill('DE');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await waitForVisible(page, profile.getByText('Profile saved.'));
    expect(await displayName.getAttribute('aria-invalid')).not.toBe('true');

    await page.reload();
    const reloaded = page.getByRole('region', { name: 'Profile' });
    await waitForVisible(page, reloaded.getByLabel('Display name'));
    await expect.poll(() => reloaded.getByLabel('Display name').inputValue()).toBe(DISPLAY_NAME);
    expect(await reloaded.getByLabel('Postal code').inputValue()).toBe('10115');
  });

  it('saves preferences that survive a reload, and applies the theme', async () => {
    const preferences = page.getByRole('region', { name: 'Preferences' });
    const marketingByEmail = preferences.getByRole('checkbox', { name: 'Marketing by Email' });
    const ordersBySms = preferences.getByRole('checkbox', { name: 'Orders by SMS' });
    await waitForVisible(page, marketingByEmail);
    const marketingBefore = await marketingByEmail.isChecked();
    const smsBefore = await ordersBySms.isChecked();
    const analytics = preferences.getByRole('switch', { name: /Allow usage analytics/ });
    const analyticsBefore = await analytics.isChecked();

    await marketingByEmail.setChecked(!marketingBefore);
    await ordersBySms.setChecked(!smsBefore);
    await analytics.setChecked(!analyticsBefore, { force: true });
    await preferences.getByRole('radio', { name: 'Dark' }).check({ force: true });
    await preferences.getByRole('button', { name: 'Save preferences' }).click();
    await waitForVisible(page, preferences.getByText('Preferences saved.'));
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');
    await page.screenshot({ path: '/tmp/web-client-profile.png', fullPage: true });

    await page.reload();
    const after = page.getByRole('region', { name: 'Preferences' });
    await waitForVisible(page, after.getByRole('checkbox', { name: 'Marketing by Email' }));
    expect(await after.getByRole('checkbox', { name: 'Marketing by Email' }).isChecked()).toBe(!marketingBefore);
    expect(await after.getByRole('checkbox', { name: 'Orders by SMS' }).isChecked()).toBe(!smsBefore);
    expect(await after.getByRole('switch', { name: /Allow usage analytics/ }).isChecked()).toBe(!analyticsBefore);
    expect(await after.getByRole('radio', { name: 'Dark' }).isChecked()).toBe(true);
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('dark');

    // Back to light, applied at once.
    await after.getByRole('radio', { name: 'Light' }).check({ force: true });
    await after.getByRole('button', { name: 'Save preferences' }).click();
    await waitForVisible(page, after.getByText('Preferences saved.'));
    await expect.poll(() => page.locator('html').getAttribute('data-mantine-color-scheme')).toBe('light');
  });
});
