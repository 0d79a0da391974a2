import { DateTime } from '@market/kit';
import type { Resolvers } from '../generated/resolvers-types';
import { Agency } from './agency';
import { AgencyFinances, AgencyRanking, LedgerEntry, Penalty } from './finances';
import { AgencyDocument, AgencyInvitation, AgencyMember, ServiceArea, User } from './members';
import { Mutation } from './mutation';
import { Query } from './query';

export const resolvers: Resolvers = {
  DateTime,
  Query,
  Mutation,
  Agency,
  AgencyFinances,
  AgencyRanking,
  LedgerEntry,
  Penalty,
  AgencyDocument,
  AgencyInvitation,
  AgencyMember,
  ServiceArea,
  User,
};
