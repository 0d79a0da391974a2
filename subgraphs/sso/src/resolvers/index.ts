import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { accountMutations } from './account-mutations';
import { adminMutations } from './admin-mutations';
import { Query } from './query';
import { AuditEvent, LinkedIdentity, User } from './user';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation: { ...accountMutations, ...adminMutations },
  User,
  LinkedIdentity,
  AuditEvent,
};
