import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Agency } from './agency';
import { File } from './file';
import { Order } from './order';
import { Query } from './query';

export const resolvers: Resolvers = { DateTime, Query, File, Order, Agency };
