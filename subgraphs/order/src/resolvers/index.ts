import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Agency } from './agency';
import { Order } from './order';
import { Query } from './query';
import { User } from './user';

export const resolvers: Resolvers = { DateTime, Query, Order, User, Agency };
