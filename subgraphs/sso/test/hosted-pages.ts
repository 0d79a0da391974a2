import { freePort, freshMysql, freshPostgres, freshRedis, tempDataDir, testLogger } from '@market/testkit';
import * as oidc from 'openid-client';
import { loadEnv } from '../src/env';
import type { MailMessage, Mailer } from '../src/oidc/mailer';
import { startService, type SsoService } from '../src/service';

// A relying party's view of the hosted pages over plain HTTP (no browser): a tiny cookie jar,
// redirects followed inside the provider, and the pages' forms filled and POSTed.

export const apps = {
  'web-client': 'http://localhost:3008/callback',
  'web-admin': 'http://localhost:3009/callback',
} as const;
export type AppId = keyof typeof apps;

/** Cookies by name, as a browser would send them back to this one host (paths ignored: one flow at a time). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1] ?? '').getTime() < Date.now());
      if (!value || expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** One browser: its cookies, and (behind a trusted proxy) the client address it appears to come from. */
export interface Browser {
  jar: CookieJar;
  headers?: Record<string, string>;
}

export async function request(browser: Browser, url: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...browser.headers, ...(init.headers as Record<string, string>), cookie: browser.jar.header() },
  });
  browser.jar.store(response);
  return response;
}

/** Follows redirects inside the provider; stops at a page or at a redirect leaving it (to the app). */
export async function follow(
  browser: Browser,
  issuer: string,
  url: string,
  init?: RequestInit,
): Promise<{ response: Response; url: string; html: string }> {
  let response = await request(browser, url, init);
  let current = url;
  for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
    const location = new URL(response.headers.get('location') ?? '', current).toString();
    if (!location.startsWith(issuer)) return { response, url: location, html: '' };
    current = location;
    response = await request(browser, current);
  }
  return { response, url: current, html: await response.text() };
}

export function formOf(html: string): { action: string; csrf: string; hidden: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !csrf) throw new Error(`no form in ${html}`);
  const hidden: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    if (name) hidden[name] = (value ?? '').replace(/&#38;/g, '&');
  }
  return { action: action.replace(/&#38;/g, '&'), csrf, hidden };
}

/** Fills the form of `page` with `fields` (and its hidden inputs, CSRF token included) and submits it. */
export function submit(browser: Browser, issuer: string, page: { url: string; html: string }, fields: Record<string, string>) {
  const form = formOf(page.html);
  return follow(browser, issuer, new URL(form.action, page.url).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...form.hidden, csrf: form.csrf, ...fields }).toString(),
  });
}

export function discover(issuer: string, app: AppId): Promise<oidc.Configuration> {
  return oidc.discovery(new URL(issuer), app, { redirect_uris: [apps[app]] }, oidc.None(), { execute: [oidc.allowInsecureRequests] });
}

export interface Flow {
  browser: Browser;
  verifier: string;
  state: string;
  authorizationUrl: URL;
}

export async function startFlow(configuration: oidc.Configuration, app: AppId, scope: string, browser: Browser): Promise<Flow> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorizationUrl = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: apps[app],
    scope,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  return { browser, verifier, state, authorizationUrl };
}

/** Opens the sign-in page of a new flow and submits email and password; returns where the browser ends up. */
export async function signIn(issuer: string, flow: Flow, email: string, password: string) {
  const page = await follow(flow.browser, issuer, flow.authorizationUrl.toString());
  if (page.response.status !== 200) throw new Error(`sign-in page answered ${page.response.status}`);
  return submit(flow.browser, issuer, page, { email, password });
}

/** Keeps every mail the service sends; `next` waits for the next one to an address. */
export class CapturingMailer implements Mailer {
  readonly messages: MailMessage[] = [];
  private waiting: { to: string; resolve: (message: MailMessage) => void }[] = [];
  private taken = new Set<MailMessage>();

  send(message: MailMessage): Promise<void> {
    this.messages.push(message);
    const waiter = this.waiting.find((w) => w.to === message.to.toLowerCase());
    if (waiter) {
      this.waiting = this.waiting.filter((w) => w !== waiter);
      this.taken.add(message);
      waiter.resolve(message);
    }
    return Promise.resolve();
  }

  /** The oldest mail to `to` not returned before, waiting up to `ms` for it. */
  next(to: string, ms = 5_000): Promise<MailMessage> {
    const address = to.toLowerCase();
    const ready = this.messages.find((m) => m.to.toLowerCase() === address && !this.taken.has(m));
    if (ready) {
      this.taken.add(ready);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${ms} ms`)), ms);
      this.waiting.push({
        to: address,
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message);
        },
      });
    });
  }

  /** Mails to `to` so far. */
  to(to: string): MailMessage[] {
    return this.messages.filter((m) => m.to.toLowerCase() === to.toLowerCase());
  }
}

/** The first link of a mail that starts with `prefix` (`ISSUER/verify-email?token=` …). */
export function linkIn(message: MailMessage, prefix: string): string {
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const link = new RegExp(`${escaped}[\\w-]+`).exec(message.text)?.[0];
  if (!link) throw new Error(`no ${prefix} link in ${message.text}`);
  return link;
}

export interface TestSso {
  service: SsoService;
  issuer: string;
  env: Record<string, string>;
  /** Restarts the service on the same stores (same env). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the SSO service on a free port, on MySQL / PostgreSQL / Redis when their URLs are set (fresh databases
 * and a fresh key prefix named after `name`), on PGlite and in-process stores otherwise.
 */
export async function startTestSso(
  name: string,
  extraEnv: Record<string, string> = {},
  options: { mailer?: Mailer } = {},
): Promise<TestSso> {
  const mysql = await freshMysql(name);
  const postgres = await freshPostgres(name);
  const redis = await freshRedis(name);
  const data = tempDataDir(name.replace(/_/g, '-'));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: data.dir,
    NODE_ENV: 'test',
    ISSUER: issuer,
    ...extraEnv,
  };
  if (mysql.url) env.MYSQL_URL = mysql.url;
  if (postgres.url) env.DATABASE_URL = postgres.url;
  if (redis.url) Object.assign(env, { REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix });
  const start = () => startService(loadEnv(env), { logger: testLogger('sso'), ...options });
  const sso: TestSso = {
    service: await start(),
    issuer,
    env,
    async restart() {
      await sso.service.stop();
      sso.service = await start();
    },
    async stop() {
      await sso.service.stop();
      await mysql.cleanup();
      await postgres.cleanup();
      await redis.cleanup();
      await data.cleanup();
    },
  };
  return sso;
}
