import type { Viewer } from '@market/kit';

/** Admins see private profile fields only with the users scope as well as the role. */
export const isUserAdmin = (viewer: Viewer | null): boolean =>
  !!viewer && viewer.roles.includes('ADMIN') && viewer.scopes.includes('admin:users');

/** Phone and address: the user themself and user admins. */
export const canSeePrivateProfile = (viewer: Viewer | null, ownerId: string): boolean =>
  !!viewer && (viewer.id === ownerId || isUserAdmin(viewer));

/** Preferences: the user themself only. */
export const canSeePreferences = (viewer: Viewer | null, ownerId: string): boolean => !!viewer && viewer.id === ownerId;
