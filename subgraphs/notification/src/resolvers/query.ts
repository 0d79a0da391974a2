import { newestFirstConnection, pageArgs } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  async notifications(_parent, { first, after, unreadOnly }, { repo, viewer }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    // No viewer yet (identities arrive with the gateway's signed tokens in a later issue): every
    // recipient's notifications. With a viewer, only theirs.
    const page = await repo.listNewest(viewer?.id ?? null, { limit, after: keyset, unreadOnly: unreadOnly ?? false });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};
