import * as oidc from 'openid-client';

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

export function formOf(html: string): { action: string; csrf: string } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !csrf) throw new Error(`no form in ${html}`);
  return { action: action.replace(/&#38;/g, '&'), csrf };
}

/** Fills the form of `page` with `fields` (and its CSRF token) and submits it. */
export function submit(browser: Browser, issuer: string, page: { url: string; html: string }, fields: Record<string, string>) {
  const form = formOf(page.html);
  return follow(browser, issuer, new URL(form.action, page.url).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf: form.csrf, ...fields }).toString(),
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
