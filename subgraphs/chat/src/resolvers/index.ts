import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Conversation, MessageConnection } from './conversation';
import { Message } from './message';
import { Order } from './order';
import { Query } from './query';

export const resolvers: Resolvers = { DateTime, Query, Conversation, MessageConnection, Message, Order };
