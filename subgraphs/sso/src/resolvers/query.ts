import { badInput, decodeCursor, isUuid, pageSize, toConnection } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';
import type { UserCursor } from '../store/user-store';

/** A users cursor is [createdAt ISO string, id]. */
function userCursor(after: string | null | undefined): UserCursor | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [createdAt, id] = key;
  const date = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !isUuid(id))
    throw badInput('after is not a valid cursor', 'after');
  return { createdAt: date, id: id.toLowerCase() };
}

export const Query: QueryResolvers = {
  me: (_parent, _args, { viewer, loaders }) => (viewer ? loaders.userById.load(viewer.id) : null),
  async users(_parent, { first, after }, { store }) {
    const size = pageSize(first);
    const page = await store.list(size + 1, userCursor(after));
    return toConnection(page.rows, size, page.totalCount, (row) => [row.createdAt.toISOString(), row.id]);
  },
};
