import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { DateTime, Query, User };
