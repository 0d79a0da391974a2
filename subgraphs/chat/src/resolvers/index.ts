import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Conversation, MessageConnection, Participant } from './conversation';
import { Message, VoiceMessage } from './message';
import { Mutation } from './mutation';
import { Order, User } from './order';
import { Query } from './query';
import { Subscription, TypingEvent } from './subscription';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Subscription,
  Conversation,
  MessageConnection,
  Participant,
  Message,
  VoiceMessage,
  Order,
  User,
  TypingEvent,
};
