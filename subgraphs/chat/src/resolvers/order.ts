import { visibleOrNull } from '../chat';
import type { OrderResolvers, UserResolvers } from '../generated/resolvers-types';

/** The order subgraph owns Order; this one adds the order's conversation (for those who may read it). */
export const Order: OrderResolvers = {
  __resolveReference: (reference) => ({ __typename: 'Order', id: reference.id }),
  conversation: async (order, _args, ctx) =>
    visibleOrNull(ctx, await ctx.loaders.conversationByOrderId.load(order.id.toLowerCase()), 'Order.conversation'),
};

/** The user subgraph owns User; this one adds the signed-in user's unread count (null for anyone else). */
export const User: UserResolvers = {
  __resolveReference: (reference) => ({ __typename: 'User', id: reference.id }),
  unreadMessages: (user, _args, { viewer, loaders }) =>
    viewer && viewer.id === user.id.toLowerCase() ? loaders.unreadTotal.load(viewer.id) : null,
};
