import { pageSize, toConnection } from '@market/kit';
import type { ConversationResolvers, MessageConnectionResolvers } from '../generated/resolvers-types';
import { decodeTimeCursor, timeCursor } from './cursors';

export const Conversation: ConversationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.conversationById.load(reference.id.toLowerCase()),
  order: (conversation) => (conversation.orderId ? { __typename: 'Order', id: conversation.orderId } : null),
  participants: async (conversation, _args, { loaders }) =>
    (await loaders.participantsByConversation.load(conversation.id)).map((p) => ({ __typename: 'User', id: p.userId })),
  async messages(conversation, { first, after }, { loaders }) {
    const size = pageSize(first);
    const cursor = decodeTimeCursor(after);
    // Batched: every conversation of a list asks for the same page, so one store call serves them all.
    const rows = await loaders.messagePage.load({
      conversationId: conversation.id,
      limit: size + 1,
      after: cursor && { createdAt: cursor.at, id: cursor.id },
    });
    const { totalCount: _counted, ...page } = toConnection(rows, size, 0, (m) => timeCursor(m.createdAt, m.id));
    return { ...page, conversationId: conversation.id };
  },
};

export const MessageConnection: MessageConnectionResolvers = {
  totalCount: (page, _args, { loaders }) => loaders.messageCount.load(page.conversationId),
};
