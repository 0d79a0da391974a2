import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Agency } from './agency';
import { Query } from './query';

export const resolvers: Resolvers = { DateTime, Query, Agency };
