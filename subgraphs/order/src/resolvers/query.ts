import { newestFirstConnection, pageArgs } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  async orders(_parent, { first, after, status }, { repo }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    const page = await repo.listNewest({ limit, after: keyset, status: status ?? null });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
  // An id that is not a UUID cannot name an order: null, like any unknown id.
  order: (_parent, { id }, { loaders }) => loaders.orderById.load(id),
};
