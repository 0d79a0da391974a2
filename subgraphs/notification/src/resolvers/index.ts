import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Notification } from './notification';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { DateTime, Query, Notification, User };
