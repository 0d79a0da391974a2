import { ALL_API_SCOPES } from './scopes';

export type OAuthClientType = 'PUBLIC' | 'CONFIDENTIAL';
export type OAuthGrantType = 'AUTHORIZATION_CODE' | 'REFRESH_TOKEN' | 'CLIENT_CREDENTIALS';

/** OAuth grant type names as oidc-provider (RFC 6749) spells them. */
export const GRANT_TYPE_NAMES: Record<OAuthGrantType, string> = {
  AUTHORIZATION_CODE: 'authorization_code',
  REFRESH_TOKEN: 'refresh_token',
  CLIENT_CREDENTIALS: 'client_credentials',
};

export const MAX_CLIENT_NAME = 100;
const MAX_URIS = 10;

export interface OAuthClientSettings {
  name: string;
  type: OAuthClientType;
  grantTypes: OAuthGrantType[];
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
}

/** One problem with a client's settings, named by the input field it is in. */
export interface ClientProblem {
  field: string;
  message: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Exact https URLs, or http on a loopback host (native and development apps); no fragments, no wildcards. */
export function redirectUriProblem(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return `${uri} is not a URL`;
  }
  if (url.hash || uri.includes('#')) return `${uri} must not have a fragment`;
  if (uri.includes('*')) return `${uri} must be exact (no wildcards)`;
  if (url.username || url.password) return `${uri} must not carry credentials`;
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return `${uri} must be an https URL (http only for localhost or 127.0.0.1)`;
}

/** Checks complete client settings; returns every problem found (empty when valid). */
export function clientSettingsProblems(settings: OAuthClientSettings): ClientProblem[] {
  const problems: ClientProblem[] = [];
  const name = settings.name.trim();
  if (!name) problems.push({ field: 'name', message: 'A name is required' });
  if (name.length > MAX_CLIENT_NAME) problems.push({ field: 'name', message: `The name must be at most ${MAX_CLIENT_NAME} characters` });

  const grants = new Set(settings.grantTypes);
  if (!grants.size) problems.push({ field: 'grantTypes', message: 'At least one grant type is required' });
  if (settings.type === 'PUBLIC' && grants.has('CLIENT_CREDENTIALS')) {
    problems.push({ field: 'grantTypes', message: 'A PUBLIC client cannot use CLIENT_CREDENTIALS (it cannot keep a secret)' });
  }
  if (grants.has('REFRESH_TOKEN') && !grants.has('AUTHORIZATION_CODE')) {
    problems.push({ field: 'grantTypes', message: 'REFRESH_TOKEN needs AUTHORIZATION_CODE' });
  }

  for (const [field, uris] of [
    ['redirectUris', settings.redirectUris],
    ['postLogoutRedirectUris', settings.postLogoutRedirectUris],
  ] as const) {
    if (uris.length > MAX_URIS) problems.push({ field, message: `At most ${MAX_URIS} URIs` });
    for (const uri of uris) {
      const problem = redirectUriProblem(uri);
      if (problem) problems.push({ field, message: problem });
    }
  }
  if (grants.has('AUTHORIZATION_CODE') && !settings.redirectUris.length) {
    problems.push({ field: 'redirectUris', message: 'At least one redirect URI is required with AUTHORIZATION_CODE' });
  }
  if (!grants.has('AUTHORIZATION_CODE') && (settings.redirectUris.length || settings.postLogoutRedirectUris.length)) {
    problems.push({ field: 'redirectUris', message: 'Redirect URIs are only for clients with AUTHORIZATION_CODE' });
  }

  const known = new Set<string>(ALL_API_SCOPES);
  const unknown = settings.scopes.filter((scope) => !known.has(scope));
  if (unknown.length) problems.push({ field: 'scopes', message: `Unknown API scopes: ${unknown.join(', ')}` });
  return problems;
}
