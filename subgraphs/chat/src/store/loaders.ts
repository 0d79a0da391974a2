import { byKeyLoader, groupLoader } from '@market/kit';
import DataLoader from 'dataloader';
import type { ChatStore, MessageCursor, MessageRecord } from './chat-store';

export interface MessagePageKey {
  conversationId: string;
  limit: number;
  after: MessageCursor | null;
}

const pageArgs = (key: Pick<MessagePageKey, 'limit' | 'after'>) =>
  `${key.limit}:${key.after ? `${key.after.createdAt.toISOString()}:${key.after.id}` : ''}`;

/**
 * Pages of many conversations' messages: keys asking for the same page (same `first` and
 * `after`, as every item of a list does) share one store call.
 */
function messagePageLoader(store: ChatStore) {
  return new DataLoader<MessagePageKey, MessageRecord[], string>(
    async (keys) => {
      const groups = new Map<string, MessagePageKey[]>();
      for (const key of keys) {
        const args = pageArgs(key);
        groups.set(args, [...(groups.get(args) ?? []), key]);
      }
      const pages = new Map<string, MessageRecord[]>();
      await Promise.all(
        [...groups.entries()].map(async ([args, group]) => {
          const first = group[0] as MessagePageKey;
          const rows = await store.messagesPage(
            group.map((k) => k.conversationId),
            { limit: first.limit, after: first.after },
          );
          for (const row of rows) {
            const pageKey = `${row.conversationId}|${args}`;
            pages.set(pageKey, [...(pages.get(pageKey) ?? []), row]);
          }
        }),
      );
      return keys.map((key) => pages.get(`${key.conversationId}|${pageArgs(key)}`) ?? []);
    },
    { cacheKeyFn: (key) => `${key.conversationId}|${pageArgs(key)}` },
  );
}

/** Per-request batching: a constant number of store round trips, whatever the list length. */
export function createLoaders(store: ChatStore, viewerId: string | null) {
  return {
    conversationById: byKeyLoader(store.conversationsByIds, (row) => row.id),
    conversationByOrderId: byKeyLoader(store.conversationsByOrderIds, (row) => row.orderId ?? ''),
    participantsByConversation: groupLoader(store.participantsOf, (row) => row.conversationId),
    messageById: byKeyLoader(store.messagesByIds, (row) => row.id),
    messagePage: messagePageLoader(store),
    messageCount: new DataLoader<string, number>(async (ids) => {
      const counts = new Map((await store.messageCounts(ids)).map((c) => [c.conversationId, c.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** The viewer's unread messages per conversation (0 for anyone who does not take part). */
    unreadCount: new DataLoader<string, number>(async (ids) => {
      if (!viewerId) return ids.map(() => 0);
      const counts = new Map((await store.unreadCounts(viewerId, ids)).map((c) => [c.conversationId, c.count]));
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** Unread messages across each user's conversations. */
    unreadTotal: new DataLoader<string, number>(async (userIds) => {
      const totals = new Map((await store.unreadTotals(userIds)).map((t) => [t.userId, t.count]));
      return userIds.map((id) => totals.get(id) ?? 0);
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
