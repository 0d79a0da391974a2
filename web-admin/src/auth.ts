import { createAuth, type Auth, type AuthUser, type RuntimeConfig } from '@market/ui';

const CUSTOMER_SCOPES = ['orders:read', 'orders:write', 'chat', 'files', 'notifications', 'profile:write'];
const MANAGEMENT_SCOPES = [
  'agency:manage',
  'agency:finance',
  'admin:users',
  'admin:agencies',
  'admin:orders',
  'admin:clients',
  'admin:audit',
];

/**
 * What the back office asks SSO for: identity, the customer scopes and every management scope. SSO grants
 * only those the user's roles allow (staff get agency scopes, admins the admin ones).
 */
export const WEB_ADMIN_SCOPES = ['openid', 'email', 'roles', ...CUSTOMER_SCOPES, ...MANAGEMENT_SCOPES].join(' ');

/** Roles that have something to do in the back office. */
const BACK_OFFICE_ROLES = new Set(['AGENCY_STAFF', 'AGENCY_OWNER', 'ADMIN']);

export function canUseBackOffice(user: AuthUser): boolean {
  return user.roles.some((role) => BACK_OFFICE_ROLES.has(role));
}

/**
 * Sign-in for the back office. Nothing here works anonymously, so after a reload (tokens are in memory only)
 * a silent sign-in is always tried first: a live SSO session, from this app or web-client, signs in at once.
 */
export function createAdminAuth(config: RuntimeConfig): Auth {
  return createAuth({
    issuer: config.issuer,
    clientId: config.clientId,
    scope: WEB_ADMIN_SCOPES,
    appUrl: new URL(import.meta.env.BASE_URL, window.location.origin).toString(),
    silentSignIn: 'always',
  });
}
