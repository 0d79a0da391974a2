import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Mutation } from './mutation';
import { Profile } from './profile';
import { User } from './user';

export const resolvers: Resolvers = { DateTime, User, Profile, Mutation };
