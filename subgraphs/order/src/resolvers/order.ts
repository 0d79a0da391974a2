import type { OrderResolvers } from '../generated/resolvers-types';

export const Order: OrderResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.orderById.load(reference.id),
  // Stubs: the user and agency subgraphs resolve the rest of these entities.
  customer: (order) => ({ __typename: 'User', id: order.customerId }),
  agency: (order) => ({ __typename: 'Agency', id: order.agencyId }),
};
