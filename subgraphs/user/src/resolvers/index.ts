import type { Resolvers } from '../generated/resolvers-types';
import { User } from './user';

export const resolvers: Resolvers = { User };
