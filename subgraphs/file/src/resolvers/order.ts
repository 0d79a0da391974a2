import type { OrderResolvers } from '../generated/resolvers-types';

export const Order: OrderResolvers = {
  // Batched: the files of 50 orders are one query.
  files: (order, _args, { loaders }) => loaders.filesOfOrder.load(order.id),
};
