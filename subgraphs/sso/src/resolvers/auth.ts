import { forbidden, unauthenticated } from '@market/kit';
import type { Context, Viewer } from '../context';

/** The API scopes behind the admin operations (the gateway checks them too; the subgraph does not rely on it). */
export const ADMIN_USERS = 'admin:users';
export const ADMIN_AUDIT = 'admin:audit';
export const ADMIN_CLIENTS = 'admin:clients';

/** The signed-in caller; UNAUTHENTICATED for anonymous ones. */
export function requireViewer(ctx: Pick<Context, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

/** The signed-in caller holding `scope`; UNAUTHENTICATED when anonymous, FORBIDDEN without the scope. */
export function requireScope(ctx: Pick<Context, 'viewer'>, scope: string): Viewer {
  const viewer = requireViewer(ctx);
  if (!viewer.scopes.includes(scope)) throw forbidden(`This needs the ${scope} scope`);
  return viewer;
}

/** For "self or admin" fields: the user themself, or an admin of users. */
export function isSelfOrAdmin(viewer: Viewer | null, userId: string): boolean {
  return Boolean(viewer && (viewer.id.toLowerCase() === userId.toLowerCase() || viewer.scopes.includes(ADMIN_USERS)));
}

/** Throws FORBIDDEN unless `isSelfOrAdmin` (anonymous callers included: the schema promises FORBIDDEN to anyone else). */
export function requireSelfOrAdmin(ctx: Pick<Context, 'viewer'>, userId: string): void {
  if (!isSelfOrAdmin(ctx.viewer, userId)) throw forbidden('Only the user themself or an admin can see this');
}
