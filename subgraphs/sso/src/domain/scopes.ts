import type { Role, UserStatus } from './user';

/** Scopes any signed-in customer may hold (the customer app's capabilities). */
export const CUSTOMER_SCOPES = ['orders:read', 'orders:write', 'chat', 'files', 'notifications', 'profile:write'] as const;
/** Management capabilities, each tied to the roles that may hold it. */
export const MANAGEMENT_SCOPES = {
  'agency:manage': ['AGENCY_STAFF', 'AGENCY_OWNER'],
  'agency:finance': ['AGENCY_OWNER'],
  'admin:users': ['ADMIN'],
  'admin:agencies': ['ADMIN'],
  'admin:orders': ['ADMIN'],
  'admin:clients': ['ADMIN'],
  'admin:audit': ['ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type ApiScope = (typeof CUSTOMER_SCOPES)[number] | keyof typeof MANAGEMENT_SCOPES;

/** Which apps may obtain which API scopes: web-client customer scopes only, web-admin management too. */
export type AppKind = 'customer-app' | 'management-app';

const management = Object.keys(MANAGEMENT_SCOPES) as (keyof typeof MANAGEMENT_SCOPES)[];
export const ALL_API_SCOPES: readonly ApiScope[] = [...CUSTOMER_SCOPES, ...management];

/** The API scopes an app may ask for at all, whoever signs in. */
export function appScopes(app: AppKind): ApiScope[] {
  return app === 'management-app' ? [...ALL_API_SCOPES] : [...CUSTOMER_SCOPES];
}

/** The API scopes a user's roles allow (customer scopes for every user, management ones by role). */
export function roleScopes(roles: readonly Role[]): ApiScope[] {
  const held = new Set(roles);
  return [...CUSTOMER_SCOPES, ...management.filter((scope) => MANAGEMENT_SCOPES[scope].some((role) => held.has(role)))];
}

/** What a token may carry: asked for, allowed to the app and allowed by the user's roles. */
export function grantableScopes(requested: Iterable<string>, app: AppKind, roles: readonly Role[]): ApiScope[] {
  const allowed = new Set<string>(appScopes(app));
  const byRole = new Set<string>(roleScopes(roles));
  return [...new Set(requested)].filter((scope): scope is ApiScope => allowed.has(scope) && byRole.has(scope));
}

/** Suspended, blocked and deleted accounts cannot sign in (nor keep using their grants). */
export function canSignIn(status: UserStatus): boolean {
  return status === 'ACTIVE' || status === 'PENDING_VERIFICATION';
}
