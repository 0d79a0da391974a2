/**
 * Node-side helpers for the browser tests of web-client and web-admin: build
 * the app when its sources changed, serve the build the way production does
 * (`startSpaServer`), and drive Debian's Chromium (never a downloaded browser).
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSpaServer, type SpaServer } from '@market/kit';
import type { Platform } from '@market/testkit';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const UI_SRC = fileURLToPath(new URL('../src', import.meta.url));

async function mtime(path: string): Promise<number> {
  try {
    return (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time of the files under `paths` (0 when none exist). */
async function newestMtime(paths: readonly string[]): Promise<number> {
  let newest = 0;
  for (const path of paths) {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true, recursive: true });
    } catch {
      newest = Math.max(newest, await mtime(path));
      continue;
    }
    for (const entry of entries) {
      if (entry.isFile()) newest = Math.max(newest, await mtime(join(entry.parentPath, entry.name)));
    }
  }
  return newest;
}

/**
 * Returns the app's `dist/`, running `vite build` first unless the existing
 * build is newer than every source it comes from (the app and @market/ui).
 */
export async function buildWebApp(appDir: string, { force = false }: { force?: boolean } = {}): Promise<string> {
  const distDir = join(appDir, 'dist');
  const builtAt = await mtime(join(distDir, 'index.html'));
  const sourcesAt = await newestMtime([
    join(appDir, 'src'),
    join(appDir, 'index.html'),
    join(appDir, 'vite.config.ts'),
    join(appDir, 'package.json'),
    UI_SRC,
  ]);
  if (force || builtAt === 0 || builtAt < sourcesAt) {
    const { build } = await import('vite');
    await build({ root: appDir, configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn', mode: 'production' });
  }
  return distDir;
}

export interface WebAppOptions {
  name: string;
  appDir: string;
  /** Served as `/config.json`; the object is read per request, so it may be filled in after start. */
  config: Record<string, unknown>;
  /** Port to serve on (default: a free one). Pick it with `freePort()` when the gateway must know the origin first. */
  port?: number;
}

/** Builds (if needed) and serves an app on 127.0.0.1 (a free port unless given), as in production. */
export async function startWebApp({ name, appDir, config, port = 0 }: WebAppOptions): Promise<SpaServer> {
  const distDir = await buildWebApp(appDir);
  return startSpaServer({ name, port, host: '127.0.0.1', distDir, config });
}

/**
 * A port free right now on 127.0.0.1. The gateway allows only the app origins it
 * is given (CORS_ORIGINS), so a test chooses the app's port before starting the gateway.
 */
export async function freePort(): Promise<number> {
  const testkit = await import('@market/testkit');
  return testkit.freePort();
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 30_000,
  });
}

/**
 * Waits for `target` to be visible, failing at once, with the message the
 * page shows, if an error alert appears first (e.g. the gateway refused the
 * request): a smoke test should say why the data is missing, not just time out.
 */
export async function waitForVisible(page: Page, target: Locator, timeout = 15_000): Promise<void> {
  const alert = page.getByRole('alert').first();
  const outcome = await Promise.race([
    target.waitFor({ state: 'visible', timeout }).then(
      () => ({ kind: 'shown' as const }),
      (error: unknown) => ({ kind: 'timeout' as const, error }),
    ),
    alert.waitFor({ state: 'visible', timeout }).then(
      () => ({ kind: 'alert' as const }),
      // No alert within the timeout: let the target's outcome decide.
      () => new Promise<never>(() => {}),
    ),
  ]);
  if (outcome.kind === 'timeout') throw outcome.error;
  if (outcome.kind === 'alert') throw new Error(`The page shows an error instead: ${(await alert.innerText()).replace(/\s+/g, ' ')}`);
}

export interface SsoCredentials {
  email: string;
  password: string;
  /** The base32 TOTP secret of a user with two-step verification: the hosted MFA page is answered with a code. */
  totpSecret?: string;
}

/** A TOTP code (SHA-1, 6 digits, 30 s, as SSO enrolls them) at `timestamp` (default: now). */
export async function totpCode(secret: string, timestamp = Date.now()): Promise<string> {
  const { Secret, TOTP } = await import('otpauth');
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp });
}

/**
 * Signs in on SSO's hosted pages, from the moment the app sent the browser there (e.g. after a click on
 * "Sign in"), and waits until the browser is back on the app, past `/callback` (the tokens are then in the app's
 * memory). With `totpSecret`, answers the two-step page.
 * SSO refuses a code of a time step already used (the enrollment's confirmation, say), so the code of the next
 * step is sent (SSO accepts one step of drift), and after a refusal the next step's once it has begun.
 */
export async function signInThroughSso(page: Page, { email, password, totpSecret }: SsoCredentials, timeout = 20_000): Promise<void> {
  const email$ = page.getByLabel('Email');
  await email$.waitFor({ state: 'visible', timeout });
  const ssoOrigin = new URL(page.url()).origin;
  await email$.fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  if (totpSecret) {
    const code = page.getByLabel('Code');
    await code.waitFor({ state: 'visible', timeout });
    for (let attempt = 1; ; attempt++) {
      await code.fill(await totpCode(totpSecret, Date.now() + 30_000));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForLoadState('load');
      const refused = new URL(page.url()).origin === ssoOrigin && (await page.getByText('That code is not valid').isVisible());
      if (!refused) break;
      if (attempt >= 2) throw new Error('signInThroughSso: SSO refused the TOTP code twice');
      await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 200));
    }
  }
  // Back on the app once it has also left /callback, i.e. exchanged the code (navigating away earlier would abort that).
  await page
    .waitForURL((url) => url.origin !== ssoOrigin && !url.pathname.endsWith('/callback'), { timeout })
    .catch(async (error: unknown) => {
      const alert = page.getByRole('alert').first();
      const shown = (await alert.isVisible()) ? (await alert.innerText()).replace(/\s+/g, ' ') : '';
      throw shown ? new Error(`signInThroughSso: SSO says: ${shown}`) : error;
    });
}

/** Confirms SSO's "Sign out" page (RP-initiated logout) and waits until the browser is back on the app. */
export async function confirmSsoSignOut(page: Page, timeout = 20_000): Promise<void> {
  const confirm = page.getByRole('button', { name: 'Yes, sign me out' });
  await confirm.waitFor({ state: 'visible', timeout });
  const ssoOrigin = new URL(page.url()).origin;
  await confirm.click();
  await page.waitForURL((url) => url.origin !== ssoOrigin, { timeout });
}

export interface AppOnPlatform {
  platform: Platform;
  app: SpaServer;
  browser: Browser;
  /** Closes the browser, then the platform and the app server. */
  stop: () => Promise<void>;
}

/**
 * The whole platform in this process (embedded stores, demo data) with one app served on a free port, SSO accepting
 * that app's redirect URIs and the gateway its origin, and Chromium: the set-up of the browser tests that sign in.
 */
export async function startAppOnPlatform(options: {
  name: 'web-client' | 'web-admin';
  appDir: string;
  gatewayEnv?: Record<string, string>;
}): Promise<AppOnPlatform> {
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const { startPlatform } = await import('@market/testkit');
  const platform = await startPlatform({
    gatewayEnv: { CORS_ORIGINS: appUrl, ...options.gatewayEnv },
    ssoEnv: options.name === 'web-client' ? { WEB_CLIENT_URL: appUrl } : { WEB_ADMIN_URL: appUrl },
  });
  let app: SpaServer | undefined;
  let browser: Browser | undefined;
  try {
    app = await startWebApp({
      name: options.name,
      appDir: options.appDir,
      port: appPort,
      config: { graphqlUrl: platform.gatewayUrl, issuer: platform.issuer },
    });
    browser = await launchChromium();
  } catch (error) {
    await app?.stop();
    await platform.stop();
    throw error;
  }
  const running = { app, browser };
  return {
    platform,
    ...running,
    stop: async () => {
      await running.browser.close();
      await platform.stop();
      await running.app.stop();
    },
  };
}

/** The claims of a JWT access token (not verified: tests read what the app was given). */
export function claimsOf(accessToken: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(accessToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The Bearer tokens the page sends to the gateway, in order (the array fills as the page makes requests). */
export function recordBearerTokens(page: Page, gatewayUrl: string): string[] {
  const tokens: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(gatewayUrl)) return;
    const authorization = request.headers().authorization;
    if (authorization?.startsWith('Bearer ')) tokens.push(authorization.slice('Bearer '.length));
  });
  return tokens;
}
