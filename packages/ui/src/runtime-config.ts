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
  /** Defaults to `config.json` next to the app's base URL. */
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

export async function loadRuntimeConfig({ fallback, url, fetchImpl = fetch }: LoadRuntimeConfigOptions): Promise<LoadedRuntimeConfig> {
  const configUrl = url ?? new URL('config.json', document.baseURI).toString();
  try {
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
