import { newestFirstConnection, pageArgs } from '@market/kit';
import type { UserResolvers } from '../generated/resolvers-types';
import { isOrderAdmin } from '../domain/access';

export const User: UserResolvers = {
  // The user themself and admins; null for anyone else. Batched across users: `orders(first: 5)`
  // of 50 users is one page query and one count query.
  async orders(user, { first, after, status }, { loaders, viewer }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    if (!viewer || (viewer.id !== user.id && !isOrderAdmin(viewer))) return null;
    const page = await loaders.ordersOfCustomer.load({ parentId: user.id, limit, after: keyset, status: status ?? null });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};
