import DataLoader from 'dataloader';
import { byKeyLoader } from '@market/kit';
import type { OrderFilter, OrderPage, OrderParent, OrderRepository } from './repository';
import type { OrderRow } from './schema';

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

/** Per-request batching: one query per entity type, whatever the list length. */
export function createLoaders(repo: OrderRepository) {
  return {
    orderById: byKeyLoader(repo.byIds, (row) => row.id),
    ordersOfCustomer: pagesLoader(repo, 'customer', (row) => row.customerId),
    ordersOfAgency: pagesLoader(repo, 'agency', (row) => row.agencyId),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
