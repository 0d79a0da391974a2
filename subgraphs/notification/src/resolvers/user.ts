import { newestFirstConnection, pageArgs } from '@market/kit';
import type { UserResolvers } from '../generated/resolvers-types';

export const User: UserResolvers = {
  // Batched across users: `notifications(first: 5)` of 50 users is one page query and one count query.
  async notifications(user, { first, after, unreadOnly }, { loaders }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    const page = await loaders.notificationsOfRecipient.load({
      recipientId: user.id,
      limit,
      after: keyset,
      unreadOnly: unreadOnly ?? false,
    });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};
