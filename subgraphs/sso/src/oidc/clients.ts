import type { ClientMetadata } from 'oidc-provider';
import type { AppKind } from '../domain/scopes';

/** The platform's own apps: public clients (PKCE), exact redirect URIs, no consent screen. */
export const FIRST_PARTY_APPS: Record<string, AppKind> = {
  'web-client': 'customer-app',
  'web-admin': 'management-app',
};

export const staticClients: ClientMetadata[] = [
  {
    client_id: 'web-client',
    client_name: 'Marketplace',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://localhost:3008/callback'],
    post_logout_redirect_uris: ['http://localhost:3008/'],
  },
  {
    client_id: 'web-admin',
    client_name: 'Marketplace back office',
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://localhost:3009/callback'],
    post_logout_redirect_uris: ['http://localhost:3009/'],
  },
];

/** Origins the hosted forms may end up redirecting to (CSP form-action follows redirects). */
export const clientOrigins: string[] = [
  ...new Set(
    staticClients.flatMap((c) => [...(c.redirect_uris ?? []), ...(c.post_logout_redirect_uris ?? [])].map((u) => new URL(u).origin)),
  ),
];
