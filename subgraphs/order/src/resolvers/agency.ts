import { newestFirstConnection, pageArgs } from '@market/kit';
import { ORDER_STATUSES } from '../domain/order-status';
import type { AgencyOrderStatsResolvers, AgencyResolvers } from '../generated/resolvers-types';
import { isMemberOrAdmin } from './access';

export const Agency: AgencyResolvers = {
  // Members and admins; null for anyone else. Batched across agencies, like User.orders.
  async orders(agency, { first, after, status }, ctx) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    if (!(await isMemberOrAdmin(agency.id, ctx))) return null;
    const page = await ctx.loaders.ordersOfAgency.load({ parentId: agency.id, limit, after: keyset, status: status ?? null });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
  async stats(agency, _args, ctx) {
    return (await isMemberOrAdmin(agency.id, ctx)) ? { id: agency.id } : null;
  },
  // Public, batched across agencies.
  async reviews(agency, { first, after }, { loaders }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    const page = await loaders.reviewsOfAgency.load({ agencyId: agency.id, limit, after: keyset });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};

export const AgencyOrderStats: AgencyOrderStatsResolvers = {
  async byStatus(agency, _args, { loaders }) {
    const { byStatus } = await loaders.statsOfAgency.load(agency.id);
    return ORDER_STATUSES.map((status) => ({ status, count: byStatus.find((r) => r.status === status)?.count ?? 0 }));
  },
  async revenue(agency, _args, { loaders }) {
    const { revenue } = await loaders.statsOfAgency.load(agency.id);
    return revenue.map((r) => ({ amount: r.amount, currency: r.currency }));
  },
  averageRating: async (agency, _args, { loaders }) => (await loaders.statsOfAgency.load(agency.id)).average,
  reviewCount: async (agency, _args, { loaders }) => (await loaders.statsOfAgency.load(agency.id)).reviewCount,
};
