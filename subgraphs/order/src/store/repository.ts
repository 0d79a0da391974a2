import { and, count, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { validUuids, type Keyset } from '@market/kit';
import type { PgDb } from '@market/stores';
import type { OrderStatus } from '../domain/order-status';
import { orders, type NewOrder, type OrderRow, type OrderSchema } from './schema';

/** Position in a newest-first list: the (created_at, id) of the last row seen. */

export interface OrderFilter {
  /** Rows to fetch (page size + 1, so the caller can tell whether there is a next page). */
  limit: number;
  after: Keyset | null;
  status: OrderStatus | null;
}

export interface OrderPage {
  rows: OrderRow[];
  totalCount: number;
}

/** The pages of many parents (customers or agencies) fetched together. */
export interface OrderPagesOf {
  rows: OrderRow[];
  counts: Map<string, number>;
}

export type OrderParent = 'customer' | 'agency';

const parentColumn = (parent: OrderParent) => (parent === 'customer' ? orders.customerId : orders.agencyId);
const newestFirst = [desc(orders.createdAt), desc(orders.id)];
const olderThan = (after: Keyset | null): SQL | undefined =>
  after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
const withStatus = (status: OrderStatus | null): SQL | undefined => (status ? eq(orders.status, status) : undefined);

/** Every SQL statement of the order subgraph lives here. */
export function createOrderRepository(db: PgDb<OrderSchema>) {
  return {
    /** Orders newest first, keyset-paginated, optionally of one status. */
    listNewest: async ({ limit, after, status }: OrderFilter): Promise<OrderPage> => {
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(orders)
          .where(and(withStatus(status), olderThan(after)))
          .orderBy(...newestFirst)
          .limit(limit),
        db.select({ value: count() }).from(orders).where(withStatus(status)),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    byIds: async (ids: readonly string[]): Promise<OrderRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(orders).where(inArray(orders.id, valid)) : [];
    },

    /**
     * One page of orders for each of many customers (or agencies) in two
     * statements whatever the number of parents: a LATERAL join that walks each
     * parent's (parent_id, created_at desc, id desc) index for at most `limit`
     * rows, and one grouped count.
     */
    pagesOf: async (parent: OrderParent, parentIds: readonly string[], { limit, after, status }: OrderFilter): Promise<OrderPagesOf> => {
      const valid = [...new Set(validUuids(parentIds))];
      if (!valid.length) return { rows: [], counts: new Map() };
      const column = parentColumn(parent);
      const parents = sql`(values ${sql.join(
        valid.map((id) => sql`(${id}::uuid)`),
        sql`, `,
      )}) as parent(id)`;
      const page = db
        .select({ id: orders.id })
        .from(orders)
        .where(and(sql`${column} = parent.id`, withStatus(status), olderThan(after)))
        .orderBy(...newestFirst)
        .limit(limit)
        .as('page');
      const [rows, counts] = await Promise.all([
        db
          .select(getTableColumns(orders))
          .from(parents)
          .crossJoinLateral(page)
          .innerJoin(orders, eq(orders.id, page.id))
          .orderBy(column, ...newestFirst),
        db
          .select({ parentId: column, value: count() })
          .from(orders)
          .where(and(inArray(column, valid), withStatus(status)))
          .groupBy(column),
      ]);
      return { rows, counts: new Map(counts.map((c) => [c.parentId, c.value])) };
    },

    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ id: orders.id }).from(orders).limit(1);
      return rows.length === 0;
    },

    /** Inserts orders in one transaction; ids already present are left alone (a replica seeded first). */
    insertAll: async (rows: NewOrder[]): Promise<void> => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 500)
          await tx
            .insert(orders)
            .values(rows.slice(i, i + 500))
            .onConflictDoNothing();
      });
    },
  };
}
export type OrderRepository = ReturnType<typeof createOrderRepository>;
