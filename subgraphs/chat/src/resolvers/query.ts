import { pageSize, toConnection } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';
import { decodeTimeCursor, timeCursor } from './cursors';

export const Query: QueryResolvers = {
  async conversations(_parent, { first, after, kind }, { store, loaders }) {
    const size = pageSize(first);
    const page = await store.listConversations({ limit: size + 1, after: decodeTimeCursor(after), kind: kind ?? null });
    // A listed conversation is then known to this request: Message.conversation needs no query.
    for (const row of page.rows) loaders.conversationById.prime(row.id, row);
    return toConnection(page.rows, size, page.totalCount, (row) => timeCursor(row.lastActivityAt, row.id));
  },
  conversation: (_parent, { id }, { loaders }) => loaders.conversationById.load(id.toLowerCase()),
};
