import { newestFirstConnection, pageArgs } from '@market/kit';
import type { AgencyResolvers } from '../generated/resolvers-types';

export const Agency: AgencyResolvers = {
  // Batched across agencies, like User.orders.
  async orders(agency, { first, after, status }, { loaders }) {
    const { size, limit, after: keyset } = pageArgs(first, after);
    const page = await loaders.ordersOfAgency.load({ parentId: agency.id, limit, after: keyset, status: status ?? null });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },
};
