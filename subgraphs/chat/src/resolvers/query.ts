import { pageSize, toConnection } from '@market/kit';
import { readableConversation, requireViewer } from '../chat';
import { ADMIN_SCOPE_FOR, isAdmin } from '../domain/conversation';
import type { QueryResolvers } from '../generated/resolvers-types';
import { decodeTimeCursor, timeCursor } from './cursors';

export const Query: QueryResolvers = {
  /**
   * The viewer's conversations. Admins (with admin:users) asking for kind SUPPORT get every support
   * conversation: their inbox; reading one's messages is audited (Conversation.messages).
   */
  async conversations(_parent, { first, after, kind }, ctx) {
    const viewer = requireViewer(ctx);
    const size = pageSize(first);
    const supportInbox = kind === 'SUPPORT' && isAdmin(viewer) && viewer.scopes.includes(ADMIN_SCOPE_FOR.SUPPORT as string);
    const page = await ctx.store.listConversations({
      limit: size + 1,
      after: decodeTimeCursor(after),
      kind: kind ?? null,
      participantId: supportInbox ? null : viewer.id,
    });
    // A listed conversation is then known to this request: Message.conversation needs no query.
    for (const row of page.rows) ctx.loaders.conversationById.prime(row.id, row);
    return toConnection(page.rows, size, page.totalCount, (row) => timeCursor(row.lastActivityAt, row.id));
  },
  async conversation(_parent, { id }, ctx) {
    requireViewer(ctx);
    const known = await ctx.loaders.conversationById.load(id.toLowerCase());
    if (!known) return null;
    return (await readableConversation(ctx, id, 'Query.conversation')).conversation;
  },
};
