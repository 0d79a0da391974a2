import { notFound, unauthenticated, type Viewer } from '@market/kit';
import type { Context } from '../context';
import { isOrderAdmin, rolesOn } from '../domain/access';
import type { ActorRole } from '../domain/state-machine';
import type { OrderRow } from '../store/schema';

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The viewer's sides on an order (membership read once per request). */
export async function rolesOf(order: OrderRow, { viewer, loaders }: Context): Promise<ActorRole[]> {
  if (!viewer) return [];
  // The membership lookup is needed only when neither customer nor admin settles it.
  const agencies = order.customerId === viewer.id && isOrderAdmin(viewer) ? [] : await loaders.agenciesOf(viewer.id);
  return rolesOn(order, viewer, agencies);
}

/** Whether the viewer may see the order at all: customer, member of its agency, admin. */
export async function canSee(order: OrderRow, ctx: Context): Promise<boolean> {
  if (!ctx.viewer) return false;
  if (order.customerId === ctx.viewer.id || isOrderAdmin(ctx.viewer)) return true;
  return (await ctx.loaders.agenciesOf(ctx.viewer.id)).includes(order.agencyId);
}

/** The order and the viewer's sides on it; NOT_FOUND for unknown ids and for non-participants alike. */
export async function participantOrder(id: string, ctx: Context): Promise<{ order: OrderRow; roles: ActorRole[] }> {
  requireViewer(ctx.viewer);
  const order = await ctx.loaders.orderById.load(id);
  const roles = order ? await rolesOf(order, ctx) : [];
  if (!order || !roles.length) throw notFound('Order', id);
  return { order, roles };
}

/** Members of the agency and admins. */
export async function isMemberOrAdmin(agencyId: string, ctx: Context): Promise<boolean> {
  if (!ctx.viewer) return false;
  if (isOrderAdmin(ctx.viewer)) return true;
  return (await ctx.loaders.agenciesOf(ctx.viewer.id)).includes(agencyId);
}
