import { notFound } from '@market/kit';
import { readableConversation, requireViewer } from '../chat';
import type { Context } from '../context';
import type { SubscriptionResolvers } from '../generated/resolvers-types';
import type { ConversationSignal, UserSignal } from '../realtime';
import { createLoaders } from '../store/loaders';
import type { ConversationRecord, MessageRecord } from '../store/chat-store';
import type { TypingPayload } from './mappers';

/** A subscription keeps its context for its whole life: every event gets fresh loaders (no stale reads). */
function freshLoaders(ctx: Context) {
  ctx.loaders = createLoaders(ctx.store, ctx.viewer?.id ?? null);
}

export const Subscription: SubscriptionResolvers = {
  messageAdded: {
    /** Participants (and auditing admins) only: NOT_FOUND for an unknown id, FORBIDDEN otherwise. */
    async subscribe(_parent, { conversationId }, ctx) {
      const { conversation } = await readableConversation(ctx, conversationId, 'Subscription.messageAdded');
      return ctx.realtime.subscribeToConversation(conversation.id, (signal) => signal.type === 'message');
    },
    resolve(signal: ConversationSignal, _args: unknown, ctx: Context): MessageRecord {
      freshLoaders(ctx);
      const { message } = signal as Extract<ConversationSignal, { type: 'message' }>;
      ctx.loaders.messageById.prime(message.id, message);
      return message;
    },
  },
  conversationUpdated: {
    async subscribe(_parent, _args, ctx) {
      const viewer = requireViewer(ctx);
      return ctx.realtime.subscribeToUser(viewer.id);
    },
    async resolve(signal: UserSignal, _args: unknown, ctx: Context): Promise<ConversationRecord> {
      freshLoaders(ctx);
      const conversation = await ctx.loaders.conversationById.load(signal.conversationId);
      if (!conversation) throw notFound('Conversation', signal.conversationId);
      return conversation;
    },
  },
  typing: {
    async subscribe(_parent, { conversationId }, ctx) {
      const viewer = requireViewer(ctx);
      const { conversation } = await readableConversation(ctx, conversationId, 'Subscription.typing');
      // Other people's typing only.
      return ctx.realtime.subscribeToConversation(conversation.id, (signal) => signal.type === 'typing' && signal.userId !== viewer.id);
    },
    resolve: (signal: ConversationSignal): TypingPayload => signal as Extract<ConversationSignal, { type: 'typing' }>,
  },
};

export const TypingEvent = {
  user: (typing: TypingPayload) => ({ __typename: 'User', id: typing.userId }),
};
