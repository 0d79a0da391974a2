/**
 * Settings the apps read at runtime, so one build runs in every environment:
 * the server next to the app answers `GET /config.json` (the Vite dev server via
 * `runtimeConfigPlugin`, production via `startSpaServer` in @market/kit).
 */
/** The gateway of a local `npm start`. */
export const DEFAULT_GRAPHQL_URL = 'http://localhost:3000/graphql';
/** SSO (the OpenID Connect issuer) of a local `npm start`. */
export const DEFAULT_ISSUER = 'http://localhost:3001';

export interface RuntimeConfig {
  graphqlUrl: string;
  /** The OpenID Connect issuer the app signs in with (SSO's public URL, no trailing slash). */
  issuer: string;
  /** The app's OAuth client id at SSO (`web-client`, `web-admin`). */
  clientId: string;
}

export interface LoadRuntimeConfigOptions {
  /** Used when `/config.json` is missing or malformed, and for the fields it leaves out (`issuer`, `clientId`). */
  fallback: RuntimeConfig;
  /** Where the document is; `/config.json` unless given (apps pass `${import.meta.env.BASE_URL}config.json`). */
  url?: string;
  fetchImpl?: typeof fetch;
}

export interface LoadedRuntimeConfig extends RuntimeConfig {
  source: 'config.json' | 'fallback';
}

/** An absolute http(s) URL without a trailing slash, or null. */
function httpUrl(value: string): string | null {
  if (!URL.canParse(value)) return null;
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.toString().replace(/\/+$/, '');
}

/**
 * `/config.json` as a config: `graphqlUrl` is required; `issuer` and `clientId` are optional (the app's own
 * values from `defaults` apply) but must be valid when present. Null when the document is not usable.
 */
export function parseRuntimeConfig(value: unknown, baseUrl: string, defaults: Omit<RuntimeConfig, 'graphqlUrl'>): RuntimeConfig | null {
  if (typeof value !== 'object' || value === null || !('graphqlUrl' in value)) return null;
  const { graphqlUrl } = value;
  if (typeof graphqlUrl !== 'string' || graphqlUrl === '') return null;
  let gateway: string;
  try {
    // Relative URLs (e.g. `/graphql` behind a reverse proxy) resolve against the page.
    gateway = new URL(graphqlUrl, baseUrl).toString();
  } catch {
    return null;
  }
  const issuerValue = 'issuer' in value ? value.issuer : undefined;
  // The issuer is compared exactly with the `iss` of SSO's tokens and discovery: absolute, never relative.
  const issuer = issuerValue === undefined ? defaults.issuer : typeof issuerValue === 'string' ? httpUrl(issuerValue) : null;
  const clientIdValue = 'clientId' in value ? value.clientId : undefined;
  const clientId =
    clientIdValue === undefined
      ? defaults.clientId
      : typeof clientIdValue === 'string' && clientIdValue.trim() !== ''
        ? clientIdValue
        : null;
  if (issuer === null || clientId === null) return null;
  return { graphqlUrl: gateway, issuer, clientId };
}

export async function loadRuntimeConfig({
  fallback,
  url = '/config.json',
  fetchImpl = fetch,
}: LoadRuntimeConfigOptions): Promise<LoadedRuntimeConfig> {
  try {
    // Absolute: on a deep link such as /agencies/x a relative `config.json` would miss.
    const configUrl = new URL(url, typeof location === 'undefined' ? undefined : location.origin).toString();
    const response = await fetchImpl(configUrl, { headers: { accept: 'application/json' }, cache: 'no-store' });
    if (response.ok) {
      const parsed = parseRuntimeConfig(await response.json(), configUrl, fallback);
      if (parsed) return { ...parsed, source: 'config.json' };
    }
  } catch {
    // No config server (e.g. a static host): the build-time fallback applies.
  }
  return { ...fallback, source: 'fallback' };
}
