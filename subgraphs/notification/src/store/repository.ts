import { and, count, desc, eq, getTableColumns, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { validUuids, type Keyset } from '@market/kit';
import type { PgDb } from '@market/stores';
import { notifications, type NewNotification, type NotificationRow, type NotificationSchema } from './schema';

/** Position in a newest-first list: the (created_at, id) of the last row seen. */

export interface NotificationFilter {
  /** Rows to fetch (page size + 1, so the caller can tell whether there is a next page). */
  limit: number;
  after: Keyset | null;
  unreadOnly: boolean;
}

export interface NotificationPage {
  rows: NotificationRow[];
  totalCount: number;
}

const newestFirst = [desc(notifications.createdAt), desc(notifications.id)];
const olderThan = (after: Keyset | null): SQL | undefined =>
  after
    ? sql`(${notifications.createdAt}, ${notifications.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
const unread = (unreadOnly: boolean): SQL | undefined => (unreadOnly ? isNull(notifications.readAt) : undefined);

/** Every SQL statement of the notification subgraph lives here. */
export function createNotificationRepository(db: PgDb<NotificationSchema>) {
  return {
    /** Notifications newest first, keyset-paginated; of one recipient, or of everyone when `recipientId` is null. */
    listNewest: async (recipientId: string | null, { limit, after, unreadOnly }: NotificationFilter): Promise<NotificationPage> => {
      const ofRecipient = recipientId === null ? undefined : eq(notifications.recipientId, recipientId);
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(notifications)
          .where(and(ofRecipient, unread(unreadOnly), olderThan(after)))
          .orderBy(...newestFirst)
          .limit(limit),
        db
          .select({ value: count() })
          .from(notifications)
          .where(and(ofRecipient, unread(unreadOnly))),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    byIds: async (ids: readonly string[]): Promise<NotificationRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(notifications).where(inArray(notifications.id, valid)) : [];
    },

    /**
     * One page of notifications for each of many recipients in two statements
     * whatever their number: a LATERAL join that walks each recipient's
     * (recipient_id, created_at desc, id desc) index for at most `limit` rows,
     * and one grouped count.
     */
    pagesOf: async (recipientIds: readonly string[], { limit, after, unreadOnly }: NotificationFilter) => {
      const valid = [...new Set(validUuids(recipientIds))];
      if (!valid.length) return { rows: [] as NotificationRow[], counts: new Map<string, number>() };
      const recipients = sql`(values ${sql.join(
        valid.map((id) => sql`(${id}::uuid)`),
        sql`, `,
      )}) as recipient(id)`;
      const page = db
        .select({ id: notifications.id })
        .from(notifications)
        .where(and(sql`${notifications.recipientId} = recipient.id`, unread(unreadOnly), olderThan(after)))
        .orderBy(...newestFirst)
        .limit(limit)
        .as('page');
      const [rows, counts] = await Promise.all([
        db
          .select(getTableColumns(notifications))
          .from(recipients)
          .crossJoinLateral(page)
          .innerJoin(notifications, eq(notifications.id, page.id))
          .orderBy(notifications.recipientId, ...newestFirst),
        db
          .select({ recipientId: notifications.recipientId, value: count() })
          .from(notifications)
          .where(and(inArray(notifications.recipientId, valid), unread(unreadOnly)))
          .groupBy(notifications.recipientId),
      ]);
      return { rows, counts: new Map(counts.map((c) => [c.recipientId, c.value])) };
    },

    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ id: notifications.id }).from(notifications).limit(1);
      return rows.length === 0;
    },

    /** Inserts notifications in one transaction; ids already present are left alone (a replica seeded first). */
    insertAll: async (rows: NewNotification[]): Promise<void> => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 500)
          await tx
            .insert(notifications)
            .values(rows.slice(i, i + 500))
            .onConflictDoNothing();
      });
    },
  };
}
export type NotificationRepository = ReturnType<typeof createNotificationRepository>;
