import type { OrderResolvers } from '../generated/resolvers-types';

/** The order subgraph owns Order; this one adds the order's conversation. */
export const Order: OrderResolvers = {
  __resolveReference: (reference) => ({ __typename: 'Order', id: reference.id }),
  conversation: (order, _args, { loaders }) => loaders.conversationByOrderId.load(order.id.toLowerCase()),
};
