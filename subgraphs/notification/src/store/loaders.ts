import DataLoader from 'dataloader';
import { byKeyLoader } from '@market/kit';
import type { NotificationFilter, NotificationPage, NotificationRepository } from './repository';

/** One connection request of one recipient: `User.notifications(first, after, unreadOnly)` of one user. */
export interface PageKey extends NotificationFilter {
  recipientId: string;
}

const filterKey = ({ limit, after, unreadOnly }: NotificationFilter) =>
  JSON.stringify([limit, after?.createdAt.toISOString() ?? null, after?.id ?? null, unreadOnly]);

/**
 * Batches the pages of many recipients: keys asking with the same arguments
 * (the gateway asks `notifications(first: 5)` of 50 users) share one
 * repository call; different arguments make one call each.
 */
function pagesLoader(repo: NotificationRepository) {
  return new DataLoader<PageKey, NotificationPage, string>(
    async (keys) => {
      const groups = new Map<string, { filter: NotificationFilter; recipientIds: string[] }>();
      for (const key of keys) {
        const id = filterKey(key);
        const group = groups.get(id) ?? { filter: { limit: key.limit, after: key.after, unreadOnly: key.unreadOnly }, recipientIds: [] };
        group.recipientIds.push(key.recipientId);
        groups.set(id, group);
      }
      const pages = new Map<string, NotificationPage>();
      await Promise.all(
        [...groups].map(async ([id, { filter, recipientIds }]) => {
          const { rows, counts } = await repo.pagesOf(recipientIds, filter);
          for (const recipientId of recipientIds) pages.set(`${id}|${recipientId}`, { rows: [], totalCount: counts.get(recipientId) ?? 0 });
          for (const row of rows) pages.get(`${id}|${row.recipientId}`)?.rows.push(row);
        }),
      );
      return keys.map((key) => pages.get(`${filterKey(key)}|${key.recipientId}`) ?? { rows: [], totalCount: 0 });
    },
    { cacheKeyFn: (key) => `${filterKey(key)}|${key.recipientId}` },
  );
}

/** Per-request batching: one query per entity type, whatever the list length. */
export function createLoaders(repo: NotificationRepository) {
  return {
    notificationById: byKeyLoader(repo.byIds, (row) => row.id),
    notificationsOfRecipient: pagesLoader(repo),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
