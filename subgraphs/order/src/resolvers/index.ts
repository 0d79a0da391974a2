import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Agency, AgencyOrderStats } from './agency';
import { AgencyRevenue } from './dashboard';
import { Mutation } from './mutation';
import { Order } from './order';
import { Query } from './query';
import { LineItem, OrderStatusChange, Review, ReviewReply } from './review';
import { User } from './user';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Order,
  User,
  Agency,
  AgencyOrderStats,
  AgencyRevenue,
  Review,
  ReviewReply,
  OrderStatusChange,
  LineItem,
};
