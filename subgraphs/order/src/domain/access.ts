import type { Viewer } from '@market/kit';
import type { ActorRole } from './state-machine';

/** Admins act on orders with the ADMIN role and the admin:orders scope, both. */
export const isOrderAdmin = (viewer: Viewer | null): boolean =>
  !!viewer && viewer.roles.includes('ADMIN') && viewer.scopes.includes('admin:orders');

/**
 * The sides `viewer` may act for on an order: CUSTOMER (placed it), AGENCY (a member of its
 * agency), ADMIN. Empty for anyone else, who must not learn the order exists.
 */
export function rolesOn(
  order: { customerId: string; agencyId: string },
  viewer: Viewer | null,
  agenciesOfViewer: readonly string[],
): ActorRole[] {
  if (!viewer) return [];
  const roles: ActorRole[] = [];
  if (order.customerId === viewer.id) roles.push('CUSTOMER');
  if (agenciesOfViewer.includes(order.agencyId)) roles.push('AGENCY');
  if (isOrderAdmin(viewer)) roles.push('ADMIN');
  return roles;
}
