/** Roles, least to most privileged; scopes are derived from them (SSO issue). */
export const ROLES = ['CUSTOMER', 'AGENCY_STAFF', 'AGENCY_OWNER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/** Account lifecycle. DELETED is a tombstone: the id stays valid for the other subgraphs' references. */
export const USER_STATUSES = ['ACTIVE', 'PENDING_VERIFICATION', 'SUSPENDED', 'BLOCKED', 'DELETED'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * The form an email is stored and compared in. Both store adapters also enforce
 * uniqueness ignoring case, so a caller that forgets this still cannot create a twin.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A user's roles in one fixed order without duplicates, so every response lists them the same way. */
export function sortRoles(roles: Iterable<Role>): Role[] {
  const held = new Set(roles);
  return ROLES.filter((role) => held.has(role));
}
