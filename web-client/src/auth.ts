import { createAuth, type Auth, type RuntimeConfig } from '@market/ui';

/**
 * What the customer app asks SSO for: identity, plus the customer API scopes. SSO never grants this app a
 * management scope, whoever signs in (see subgraphs/sso/src/domain/scopes.ts).
 */
export const WEB_CLIENT_SCOPES = [
  'openid',
  'email',
  'roles',
  'orders:read',
  'orders:write',
  'chat',
  'files',
  'notifications',
  'profile:write',
].join(' ');

/**
 * Sign-in for the customer app. The directory works anonymously, so a silent sign-in after a reload is only
 * tried when this browser signed in before (anonymous visitors are not sent through SSO on every visit).
 */
export function createClientAuth(config: RuntimeConfig): Auth {
  return createAuth({
    issuer: config.issuer,
    clientId: config.clientId,
    scope: WEB_CLIENT_SCOPES,
    appUrl: new URL(import.meta.env.BASE_URL, window.location.origin).toString(),
    silentSignIn: 'after-sign-in',
  });
}
