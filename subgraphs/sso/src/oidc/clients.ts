import type { ClientMetadata } from 'oidc-provider';
import type { AppKind } from '../domain/scopes';

/** The platform's own apps: public clients (PKCE), exact redirect URIs, no consent screen. */
export const FIRST_PARTY_APPS: Record<string, AppKind> = {
  'web-client': 'customer-app',
  'web-admin': 'management-app',
};

/** Where the two web apps are served (their public origin, plus a base path if any), without a trailing slash. */
export interface AppUrls {
  webClient: string;
  webAdmin: string;
}

/** The apps of a local `npm start` (WEB_CLIENT_URL / WEB_ADMIN_URL defaults). */
export const DEFAULT_APP_URLS: AppUrls = { webClient: 'http://localhost:3008', webAdmin: 'http://localhost:3009' };

/**
 * The first-party apps' client registrations. Each app signs in (and silently signs in again after a reload, with
 * prompt=none) through `<app>/callback`, and comes back to `<app>/` after RP-initiated logout.
 */
export function firstPartyClients(urls: AppUrls = DEFAULT_APP_URLS): ClientMetadata[] {
  const base = (url: string) => url.replace(/\/+$/, '');
  const app = (clientId: string, clientName: string, url: string): ClientMetadata => ({
    client_id: clientId,
    client_name: clientName,
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [`${base(url)}/callback`],
    post_logout_redirect_uris: [`${base(url)}/`],
  });
  return [app('web-client', 'Marketplace', urls.webClient), app('web-admin', 'Marketplace back office', urls.webAdmin)];
}

/** Origins the hosted forms may end up redirecting to (CSP form-action follows redirects). */
export function clientOriginsOf(clients: readonly ClientMetadata[]): string[] {
  return [
    ...new Set(clients.flatMap((c) => [...(c.redirect_uris ?? []), ...(c.post_logout_redirect_uris ?? [])].map((u) => new URL(u).origin))),
  ];
}
