import { newestFirstConnection, pageArgs } from '@market/kit';
import type { AgencyFinancesResolvers, AgencyRankingResolvers, LedgerEntryResolvers, PenaltyResolvers } from '../generated/resolvers-types';

const money = (amount: number, currency = 'EUR') => ({ amount, currency });

/** Parent: the agency row (only owners and admins get here, see Agency.finances). */
export const AgencyFinances: AgencyFinancesResolvers = {
  commissionPercent: (agency) => agency.commissionPercent,
  balance: async (agency, _args, { loaders }) => money((await loaders.balancesByAgency.load(agency.id)).balance),
  depositBalance: async (agency, _args, { loaders }) => money((await loaders.balancesByAgency.load(agency.id)).depositBalance),
  penaltiesTotal: async (agency, _args, { loaders }) => money((await loaders.balancesByAgency.load(agency.id)).penaltiesTotal),
  commissionTotal: async (agency, _args, { loaders }) => money((await loaders.balancesByAgency.load(agency.id)).commissionTotal),
  penalties: (agency, _args, { repo }) => repo.penaltiesOf(agency.id),
  async ledger(agency, { first, after }, { repo }) {
    const page = pageArgs(first, after);
    const { rows, totalCount } = await repo.ledgerPage(agency.id, page.limit, page.after);
    return newestFirstConnection(rows, page.size, totalCount);
  },
};

export const LedgerEntry: LedgerEntryResolvers = {
  amount: (entry) => money(entry.amount, entry.currency),
  createdBy: (entry) => (entry.createdBy ? { id: entry.createdBy } : null),
};

export const Penalty: PenaltyResolvers = {
  amount: (penalty) => money(penalty.amount, penalty.currency),
  issuedBy: (penalty) => ({ id: penalty.issuedBy }),
};

export const AgencyRanking: AgencyRankingResolvers = {
  breakdown: (ranking) => ranking.breakdown,
};
