import { createHash, randomBytes } from 'node:crypto';

/**
 * A real access token from SSO for tests through the gateway: the authorization code + PKCE flow
 * of a first-party app run over plain HTTP (the hosted sign-in form is POSTed, a small cookie jar
 * stands in for the browser, and the redirect back to the app is intercepted, not followed).
 */

export interface SignInOptions {
  /** SSO's issuer URL (startPlatform's `issuer`). */
  issuer: string;
  email: string;
  password: string;
  /** `web-client` (default) or `web-admin`. */
  clientId?: string;
  /** The app's registered redirect URI (default: the app's on its standard port). */
  redirectUri?: string;
  scope?: string;
}

export interface SignInTokens {
  accessToken: string;
  idToken?: string;
  refreshToken?: string;
  expiresIn?: number;
}

const REDIRECTS: Record<string, string> = {
  'web-client': 'http://localhost:3008/callback',
  'web-admin': 'http://localhost:3009/callback',
};

class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export async function signInForTokens(options: SignInOptions): Promise<SignInTokens> {
  const clientId = options.clientId ?? 'web-client';
  const redirectUri = options.redirectUri ?? REDIRECTS[clientId];
  if (!redirectUri) throw new Error(`signInForTokens: no redirect URI known for ${clientId}`);
  const discovery = (await (await fetch(`${options.issuer}/.well-known/openid-configuration`)).json()) as {
    authorization_endpoint: string;
    token_endpoint: string;
  };
  const jar = new CookieJar();
  const request = async (url: string, init: RequestInit = {}) => {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header() },
    });
    jar.store(response);
    return response;
  };
  /** Follows redirects inside SSO; stops at a page, or at the redirect back to the app. */
  const follow = async (url: string, init?: RequestInit) => {
    let current = url;
    let response = await request(current, init);
    for (let hops = 0; hops < 10 && response.status >= 300 && response.status < 400; hops++) {
      const location = new URL(response.headers.get('location') ?? '', current).toString();
      if (!location.startsWith(options.issuer)) return { response, url: location };
      current = location;
      response = await request(current);
    }
    return { response, url: current };
  };

  const verifier = base64url(randomBytes(32));
  const state = base64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint);
  authorize.search = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid email roles',
    state,
    code_challenge: base64url(createHash('sha256').update(verifier).digest()),
    code_challenge_method: 'S256',
  }).toString();

  const page = await follow(authorize.toString());
  const html = await page.response.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!action || !csrf) throw new Error(`signInForTokens: no sign-in form (HTTP ${page.response.status})`);
  const end = await follow(new URL(action.replace(/&#38;/g, '&'), page.url).toString(), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, email: options.email, password: options.password }).toString(),
  });
  if (!end.url.startsWith(redirectUri)) throw new Error(`signInForTokens: sign-in did not return to the app (ended at ${end.url})`);
  const callback = new URL(end.url);
  const code = callback.searchParams.get('code');
  if (!code || callback.searchParams.get('state') !== state) throw new Error(`signInForTokens: bad callback ${end.url}`);

  const tokenResponse = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifier,
    }),
  });
  const tokens = (await tokenResponse.json()) as Record<string, unknown>;
  if (!tokenResponse.ok || typeof tokens.access_token !== 'string')
    throw new Error(`signInForTokens: token request failed (HTTP ${tokenResponse.status}: ${JSON.stringify(tokens)})`);
  return {
    accessToken: tokens.access_token,
    ...(typeof tokens.id_token === 'string' ? { idToken: tokens.id_token } : {}),
    ...(typeof tokens.refresh_token === 'string' ? { refreshToken: tokens.refresh_token } : {}),
    ...(typeof tokens.expires_in === 'number' ? { expiresIn: tokens.expires_in } : {}),
  };
}
