import DataLoader from 'dataloader';
import { byKeyLoader, groupLoader, type Keyset } from '@market/kit';
import type { AgencyStatsRows, OrderFilter, OrderPage, OrderParent, OrderRepository } from './repository';
import type { OrderRow, ReviewRow } from './schema';

/** One connection request of one parent: `User.orders(first, after, status)` of one user, say. */
export interface PageKey extends OrderFilter {
  parentId: string;
}

const filterKey = ({ limit, after, status }: OrderFilter) =>
  JSON.stringify([limit, after?.createdAt.toISOString() ?? null, after?.id ?? null, status]);

/**
 * Batches the pages of many parents: keys asking with the same arguments
 * (the usual case: the gateway asks `orders(first: 5)` of 50 users) share one
 * repository call; different arguments make one call each.
 */
function pagesLoader(repo: OrderRepository, parent: OrderParent, parentOf: (row: OrderRow) => string) {
  return new DataLoader<PageKey, OrderPage, string>(
    async (keys) => {
      const groups = new Map<string, { filter: OrderFilter; parentIds: string[] }>();
      for (const key of keys) {
        const id = filterKey(key);
        const group = groups.get(id) ?? { filter: { limit: key.limit, after: key.after, status: key.status }, parentIds: [] };
        group.parentIds.push(key.parentId);
        groups.set(id, group);
      }
      const pages = new Map<string, OrderPage>();
      await Promise.all(
        [...groups].map(async ([id, { filter, parentIds }]) => {
          const { rows, counts } = await repo.pagesOf(parent, parentIds, filter);
          for (const parentId of parentIds) pages.set(`${id}|${parentId}`, { rows: [], totalCount: counts.get(parentId) ?? 0 });
          for (const row of rows) pages.get(`${id}|${parentOf(row)}`)?.rows.push(row);
        }),
      );
      return keys.map((key) => pages.get(`${filterKey(key)}|${key.parentId}`) ?? { rows: [], totalCount: 0 });
    },
    { cacheKeyFn: (key) => `${filterKey(key)}|${key.parentId}` },
  );
}

export interface ReviewPageKey {
  agencyId: string;
  limit: number;
  after: Keyset | null;
}
const reviewKey = ({ limit, after }: Omit<ReviewPageKey, 'agencyId'>) =>
  JSON.stringify([limit, after?.createdAt.toISOString() ?? null, after?.id ?? null]);

/** Agency.reviews of many agencies: one LATERAL page query and one count per argument set. */
function reviewPagesLoader(repo: OrderRepository) {
  return new DataLoader<ReviewPageKey, { rows: ReviewRow[]; totalCount: number }, string>(
    async (keys) => {
      const groups = new Map<string, { limit: number; after: Keyset | null; agencyIds: string[] }>();
      for (const key of keys) {
        const id = reviewKey(key);
        const group = groups.get(id) ?? { limit: key.limit, after: key.after, agencyIds: [] };
        group.agencyIds.push(key.agencyId);
        groups.set(id, group);
      }
      const pages = new Map<string, { rows: ReviewRow[]; totalCount: number }>();
      await Promise.all(
        [...groups].map(async ([id, { limit, after, agencyIds }]) => {
          const { rows, counts } = await repo.reviewPagesOf(agencyIds, limit, after);
          for (const agencyId of agencyIds) pages.set(`${id}|${agencyId}`, { rows: [], totalCount: counts.get(agencyId) ?? 0 });
          for (const row of rows) pages.get(`${id}|${row.agencyId}`)?.rows.push(row);
        }),
      );
      return keys.map((key) => pages.get(`${reviewKey(key)}|${key.agencyId}`) ?? { rows: [], totalCount: 0 });
    },
    { cacheKeyFn: (key) => `${reviewKey(key)}|${key.agencyId}` },
  );
}

export interface AgencyStats {
  byStatus: AgencyStatsRows['byStatus'];
  revenue: AgencyStatsRows['revenue'];
  average: number | null;
  reviewCount: number;
}

/** Per-request batching: one query per entity type, whatever the list length. */
export function createLoaders(repo: OrderRepository) {
  let viewerAgencies: Promise<string[]> | undefined;
  return {
    orderById: byKeyLoader(repo.byIds, (row) => row.id),
    ordersOfCustomer: pagesLoader(repo, 'customer', (row) => row.customerId),
    ordersOfAgency: pagesLoader(repo, 'agency', (row) => row.agencyId),
    historyOfOrder: groupLoader(repo.historyOf, (row) => row.orderId),
    reviewOfOrder: byKeyLoader(repo.reviewsOfOrders, (row) => row.orderId),
    reviewById: byKeyLoader(repo.reviewsByIds, (row) => row.id),
    reviewsOfAgency: reviewPagesLoader(repo),
    statsOfAgency: new DataLoader<string, AgencyStats>(async (ids) => {
      const rows = await repo.statsOf(ids);
      return ids.map((id) => {
        const rating = rows.ratings.find((r) => r.agencyId === id);
        return {
          byStatus: rows.byStatus.filter((r) => r.agencyId === id),
          revenue: rows.revenue.filter((r) => r.agencyId === id),
          average: rating?.average ?? null,
          reviewCount: rating?.count ?? 0,
        };
      });
    }),
    /** The agencies the viewer is a member of: asked once per request, whatever the number of orders. */
    agenciesOf: (userId: string): Promise<string[]> => (viewerAgencies ??= repo.agencyIdsOfMember(userId)),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
