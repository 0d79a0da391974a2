/**
 * Settings the apps read at runtime, so one build runs in every environment:
 * the server next to the app answers `GET /config.json` (the Vite dev server via
 * `runtimeConfigPlugin`, production via `startSpaServer` in @market/kit).
 */
/** The gateway of a local `npm start`. */
export const DEFAULT_GRAPHQL_URL = 'http://localhost:3000/graphql';

export interface RuntimeConfig {
  graphqlUrl: string;
}

export interface LoadRuntimeConfigOptions {
  /** Used when `/config.json` is missing or malformed. */
  fallback: RuntimeConfig;
  /** Where the document is; `/config.json` unless given (apps pass `${import.meta.env.BASE_URL}config.json`). */
  url?: string;
  fetchImpl?: typeof fetch;
}

export interface LoadedRuntimeConfig extends RuntimeConfig {
  source: 'config.json' | 'fallback';
}

export function parseRuntimeConfig(value: unknown, baseUrl: string): RuntimeConfig | null {
  if (typeof value !== 'object' || value === null || !('graphqlUrl' in value)) return null;
  const { graphqlUrl } = value;
  if (typeof graphqlUrl !== 'string' || graphqlUrl === '') return null;
  try {
    // Relative URLs (e.g. `/graphql` behind a reverse proxy) resolve against the page.
    return { graphqlUrl: new URL(graphqlUrl, baseUrl).toString() };
  } catch {
    return null;
  }
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
      const parsed = parseRuntimeConfig(await response.json(), configUrl);
      if (parsed) return { ...parsed, source: 'config.json' };
    }
  } catch {
    // No config server (e.g. a static host): the build-time fallback applies.
  }
  return { ...fallback, source: 'fallback' };
}
