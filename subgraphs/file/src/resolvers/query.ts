import { newestFirstConnection, pageArgs } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  // An id that is not a UUID cannot name a file: null, like any unknown id.
  file: (_parent, { id }, { loaders }) => loaders.fileById.load(id),
  async files(_parent, { first, after }, { repo }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    const page = await repo.listNewest(limit, keyset);
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};
