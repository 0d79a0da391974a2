import type { OrderResolvers } from '../generated/resolvers-types';
import { availableActions } from '../domain/state-machine';
import { canSee, rolesOf } from './access';

export const Order: OrderResolvers = {
  // Only participants learn that an order exists; anyone else gets null, like an unknown id.
  async __resolveReference(reference, ctx) {
    const order = await ctx.loaders.orderById.load(reference.id);
    return order && (await canSee(order, ctx)) ? order : null;
  },
  lineItems: (order) => order.lineItems,
  // Stubs: the user and agency subgraphs resolve the rest of these entities.
  customer: (order) => ({ __typename: 'User', id: order.customerId }),
  agency: (order) => ({ __typename: 'Agency', id: order.agencyId }),
  statusHistory: (order, _args, { loaders }) => loaders.historyOfOrder.load(order.id),
  async availableActions(order, _args, ctx) {
    return availableActions({ status: order.status, paid: order.paidAt !== null }, await rolesOf(order, ctx));
  },
  review: (order, _args, { loaders }) => loaders.reviewOfOrder.load(order.id),
};
