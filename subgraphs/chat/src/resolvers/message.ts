import { isAdmin } from '../domain/conversation';
import { visibleOrNull } from '../chat';
import type { MessageResolvers } from '../generated/resolvers-types';

export const Message: MessageResolvers = {
  async __resolveReference(reference, ctx) {
    const message = await ctx.loaders.messageById.load(reference.id.toLowerCase());
    if (!message) return null;
    const conversation = await visibleOrNull(ctx, await ctx.loaders.conversationById.load(message.conversationId), 'Message reference');
    return conversation ? message : null;
  },
  sender: (message) => ({ __typename: 'User', id: message.senderId }),
  async conversation(message, _args, { loaders }) {
    const conversation = await loaders.conversationById.load(message.conversationId);
    // Messages are deleted with their conversation, so this is a broken store, not bad input.
    if (!conversation) throw new Error(`message ${message.id} points at missing conversation ${message.conversationId}`);
    return conversation;
  },
  attachments: (message) => message.attachmentIds.map((id) => ({ __typename: 'File', id })),
  voice: (message) => message.voice,
  /** Earlier bodies: the sender and admins only. */
  history: (message, _args, { viewer }) => (viewer && (viewer.id === message.senderId || isAdmin(viewer)) ? message.revisions : null),
};

export const VoiceMessage = {
  file: (voice: { fileId: string }) => ({ __typename: 'File', id: voice.fileId }),
};
