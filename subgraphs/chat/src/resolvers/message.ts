import type { MessageResolvers } from '../generated/resolvers-types';

export const Message: MessageResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.messageById.load(reference.id.toLowerCase()),
  sender: (message) => ({ __typename: 'User', id: message.senderId }),
  async conversation(message, _args, { loaders }) {
    const conversation = await loaders.conversationById.load(message.conversationId);
    // Messages are deleted with their conversation, so this is a broken store, not bad input.
    if (!conversation) throw new Error(`message ${message.id} points at missing conversation ${message.conversationId}`);
    return conversation;
  },
};
