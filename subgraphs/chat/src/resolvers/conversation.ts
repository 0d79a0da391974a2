import { pageSize, toConnection } from '@market/kit';
import { ensureReadable, visibleOrNull } from '../chat';
import type { ConversationResolvers, MessageConnectionResolvers, ParticipantResolvers } from '../generated/resolvers-types';
import { decodeTimeCursor, timeCursor } from './cursors';

export const Conversation: ConversationResolvers = {
  __resolveReference: async (reference, ctx) =>
    visibleOrNull(ctx, await ctx.loaders.conversationById.load(reference.id.toLowerCase()), 'Conversation reference'),
  order: (conversation) => (conversation.orderId ? { __typename: 'Order', id: conversation.orderId } : null),
  agency: (conversation) => (conversation.agencyId ? { __typename: 'Agency', id: conversation.agencyId } : null),
  participants: async (conversation, _args, { loaders }) =>
    (await loaders.participantsByConversation.load(conversation.id)).filter((p) => p.leftAt === null),
  async messages(conversation, { first, after }, ctx) {
    // Reached from lists too (an admin's support inbox): reading the history is checked and audited here.
    await ensureReadable(ctx, conversation, 'Conversation.messages');
    const size = pageSize(first);
    const cursor = decodeTimeCursor(after);
    // Batched: every conversation of a list asks for the same page, so one store call serves them all.
    const rows = await ctx.loaders.messagePage.load({
      conversationId: conversation.id,
      limit: size + 1,
      after: cursor && { createdAt: cursor.at, id: cursor.id },
    });
    const { totalCount: _counted, ...page } = toConnection(rows, size, 0, (m) => timeCursor(m.createdAt, m.id));
    return { ...page, conversationId: conversation.id };
  },
  unreadCount: (conversation, _args, { loaders }) => loaders.unreadCount.load(conversation.id),
  async lastMessage(conversation, _args, ctx) {
    await ensureReadable(ctx, conversation, 'Conversation.lastMessage');
    const [newest] = await ctx.loaders.messagePage.load({ conversationId: conversation.id, limit: 1, after: null });
    return newest ?? null;
  },
};

export const MessageConnection: MessageConnectionResolvers = {
  totalCount: (page, _args, { loaders }) => loaders.messageCount.load(page.conversationId),
};

export const Participant: ParticipantResolvers = {
  user: (participant) => ({ __typename: 'User', id: participant.userId }),
};
