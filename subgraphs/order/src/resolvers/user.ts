import { newestFirstConnection, pageArgs } from '@market/kit';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  // Batched across users: `orders(first: 5)` of 50 users is one page query and one count query.
  async orders(user, { first, after, status }, { loaders }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    const page = await loaders.ordersOfCustomer.load({ parentId: user.id, limit, after: keyset, status: status ?? null });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};
