import type { AgencyRevenueResolvers } from '../generated/resolvers-types';

export const AgencyRevenue: AgencyRevenueResolvers = {
  agency: (row) => ({ __typename: 'Agency', id: row.agencyId }),
  orders: (row) => row.orders,
  revenue: (row) => ({ amount: row.amount, currency: row.currency }),
};
