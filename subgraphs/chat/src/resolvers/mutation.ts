import { deleteMessage, editMessage, markRead, sendMessage, setTyping, startConversation } from '../chat';
import type { MutationResolvers } from '../generated/resolvers-types';

export const Mutation: MutationResolvers = {
  sendMessage: (_parent, { input }, ctx) => sendMessage(ctx, input),
  editMessage: (_parent, { id, body }, ctx) => editMessage(ctx, id, body),
  deleteMessage: (_parent, { id }, ctx) => deleteMessage(ctx, id),
  markConversationRead: (_parent, { conversationId, messageId }, ctx) => markRead(ctx, conversationId, messageId),
  startConversation: (_parent, { input }, ctx) => startConversation(ctx, input),
  setTyping: (_parent, { conversationId, typing }, ctx) => setTyping(ctx, conversationId, typing),
};
