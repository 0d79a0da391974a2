import { forbidden, unauthenticated, type Viewer } from '@market/kit';
import type { MemberRole } from '../store/schema';

/**
 * Who may do what with an agency. Members manage their own agency: OWNERs everything of it
 * (members, invitations, finances), STAFF its profile, service areas and documents. Admins
 * (role ADMIN with scope admin:agencies) manage every agency. Everyone else: FORBIDDEN.
 */

export const ADMIN_SCOPE = 'admin:agencies';

/** What an action on an agency needs. */
export type AgencyAction = 'profile' | 'members' | 'finances';

export function isAdmin(viewer: Viewer | null | undefined): boolean {
  return !!viewer && viewer.roles.includes('ADMIN') && viewer.scopes.includes(ADMIN_SCOPE);
}

export function requireViewer(viewer: Viewer | null | undefined): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

export function requireAdmin(viewer: Viewer | null | undefined): Viewer {
  const signedIn = requireViewer(viewer);
  if (!isAdmin(signedIn)) throw forbidden(`Only admins (role ADMIN with scope ${ADMIN_SCOPE}) can do this`);
  return signedIn;
}

export function mayManage(role: MemberRole | null, action: AgencyAction): boolean {
  if (role === 'OWNER') return true;
  return role === 'STAFF' && action === 'profile';
}

/** Throws unless the viewer (with this membership role, null when none) may do `action`. */
export function requireAgencyAccess(viewer: Viewer | null | undefined, role: MemberRole | null, action: AgencyAction): Viewer {
  const signedIn = requireViewer(viewer);
  if (isAdmin(signedIn) || mayManage(role, action)) return signedIn;
  throw forbidden(
    role === 'STAFF' ? `Only the agency's owners can manage its ${action}` : 'Only members of this agency and admins can manage it',
  );
}

/** May the viewer see member-only fields (documents, members, status reason)? */
export const seesMemberFields = (viewer: Viewer | null | undefined, role: MemberRole | null) => isAdmin(viewer) || role !== null;
/** May the viewer see owner-only fields (invitations, finances)? */
export const seesOwnerFields = (viewer: Viewer | null | undefined, role: MemberRole | null) => isAdmin(viewer) || role === 'OWNER';
