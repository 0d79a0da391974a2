import { and, asc, count, desc, eq, getTableColumns, gte, inArray, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { recordEvents } from '@market/events';
import { validUuids, type Keyset } from '@market/kit';
import type { PgDb } from '@market/stores';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { formatOrderNumber, type OrderStatus } from '../domain/order-status';
import type { ActorRole, OrderAction } from '../domain/state-machine';
import type { ValidOrder } from '../domain/order-input';
import {
  orderAgencies,
  orderAgencyMembers,
  orderNumberCounters,
  orders,
  orderStatusHistory,
  reviews,
  type NewOrder,
  type NewReview,
  type NewStatusChange,
  type OrderRow,
  type OrderSchema,
  type ReviewRow,
  type StatusChangeRow,
} from './schema';

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

/** Which orders a viewer may list: all (admins) or their own plus their agencies'. */
export type OrderScope = { all: true } | { all: false; customerId: string; agencyIds: readonly string[] };

export interface OrderSearch {
  limit: number;
  after: Keyset | null;
  statuses: readonly OrderStatus[] | null;
  agencyId: string | null;
  customerId: string | null;
  search: string | null;
  createdAfter: Date | null;
  createdBefore: Date | null;
}

export interface Actor {
  id: string | null;
  role: ActorRole | 'SYSTEM';
}

export interface AgencyStatsRows {
  byStatus: { agencyId: string; status: OrderStatus; count: number }[];
  revenue: { agencyId: string; currency: string; amount: number }[];
  ratings: { agencyId: string; average: number | null; count: number }[];
}

const parentColumn = (parent: OrderParent) => (parent === 'customer' ? orders.customerId : orders.agencyId);
const newestFirst = [desc(orders.createdAt), desc(orders.id)];
const olderThan = (after: Keyset | null): SQL | undefined =>
  after ? sql`(${orders.createdAt}, ${orders.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
const withStatus = (status: OrderStatus | null): SQL | undefined => (status ? eq(orders.status, status) : undefined);
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
const REVENUE_STATUSES: OrderStatus[] = ['COMPLETED', 'RESOLVED'];
const day = (column: SQL | AnyPgColumn) => sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;

/** Every SQL statement of the order subgraph lives here. */
export function createOrderRepository(db: PgDb<OrderSchema>) {
  return {
    db,

    byIds: async (ids: readonly string[]): Promise<OrderRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(orders).where(inArray(orders.id, valid)) : [];
    },

    /** Orders newest first within a viewer's scope, filtered; one page and one count. */
    search: async (scope: OrderScope, f: OrderSearch): Promise<OrderPage> => {
      const visible = scope.all
        ? undefined
        : scope.agencyIds.length
          ? or(eq(orders.customerId, scope.customerId), inArray(orders.agencyId, [...scope.agencyIds]))
          : eq(orders.customerId, scope.customerId);
      const text = f.search?.trim();
      const where = and(
        visible,
        f.statuses?.length ? inArray(orders.status, [...f.statuses]) : undefined,
        f.agencyId ? eq(orders.agencyId, f.agencyId) : undefined,
        f.customerId ? eq(orders.customerId, f.customerId) : undefined,
        text ? or(sql`${orders.number} ilike ${likePattern(text)}`, sql`${orders.title} ilike ${likePattern(text)}`) : undefined,
        f.createdAfter ? gte(orders.createdAt, f.createdAfter) : undefined,
        f.createdBefore ? lt(orders.createdAt, f.createdBefore) : undefined,
      );
      const [rows, [total]] = await Promise.all([
        db
          .select()
          .from(orders)
          .where(and(where, olderThan(f.after)))
          .orderBy(...newestFirst)
          .limit(f.limit),
        db.select({ value: count() }).from(orders).where(where),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
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

    /** The status histories of many orders, oldest first (one statement). */
    historyOf: async (orderIds: readonly string[]): Promise<StatusChangeRow[]> => {
      const valid = validUuids(orderIds);
      if (!valid.length) return [];
      return db
        .select()
        .from(orderStatusHistory)
        .where(inArray(orderStatusHistory.orderId, valid))
        .orderBy(asc(orderStatusHistory.orderId), asc(orderStatusHistory.seq));
    },

    reviewsOfOrders: async (orderIds: readonly string[]): Promise<ReviewRow[]> => {
      const valid = validUuids(orderIds);
      return valid.length ? db.select().from(reviews).where(inArray(reviews.orderId, valid)) : [];
    },

    reviewsByIds: async (ids: readonly string[]): Promise<ReviewRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(reviews).where(inArray(reviews.id, valid)) : [];
    },

    /** One page of reviews for each of many agencies, newest first: a LATERAL join and a grouped count. */
    reviewPagesOf: async (
      agencyIds: readonly string[],
      limit: number,
      after: Keyset | null,
    ): Promise<{ rows: ReviewRow[]; counts: Map<string, number> }> => {
      const valid = [...new Set(validUuids(agencyIds))];
      if (!valid.length) return { rows: [], counts: new Map() };
      const parents = sql`(values ${sql.join(
        valid.map((id) => sql`(${id}::uuid)`),
        sql`, `,
      )}) as parent(id)`;
      const page = db
        .select({ id: reviews.id })
        .from(reviews)
        .where(
          and(
            sql`${reviews.agencyId} = parent.id`,
            after
              ? sql`(${reviews.createdAt}, ${reviews.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(reviews.createdAt), desc(reviews.id))
        .limit(limit)
        .as('page');
      const [rows, counts] = await Promise.all([
        db
          .select(getTableColumns(reviews))
          .from(parents)
          .crossJoinLateral(page)
          .innerJoin(reviews, eq(reviews.id, page.id))
          .orderBy(reviews.agencyId, desc(reviews.createdAt), desc(reviews.id)),
        db
          .select({ agencyId: reviews.agencyId, value: count() })
          .from(reviews)
          .where(inArray(reviews.agencyId, valid))
          .groupBy(reviews.agencyId),
      ]);
      return { rows, counts: new Map(counts.map((c) => [c.agencyId, c.value])) };
    },

    /** The agencies (of the replica) a user is a member of. */
    agencyIdsOfMember: async (userId: string): Promise<string[]> => {
      if (!validUuids([userId]).length) return [];
      const rows = await db
        .select({ agencyId: orderAgencyMembers.agencyId })
        .from(orderAgencyMembers)
        .where(eq(orderAgencyMembers.userId, userId));
      return rows.map((r) => r.agencyId);
    },

    agencyById: async (id: string) => {
      if (!validUuids([id]).length) return null;
      const [row] = await db.select().from(orderAgencies).where(eq(orderAgencies.id, id));
      return row ?? null;
    },

    /** Orders by status, revenue per currency and rating of many agencies: three grouped statements. */
    statsOf: async (agencyIds: readonly string[]): Promise<AgencyStatsRows> => {
      const valid = [...new Set(validUuids(agencyIds))];
      if (!valid.length) return { byStatus: [], revenue: [], ratings: [] };
      const [byStatus, revenue, ratings] = await Promise.all([
        db
          .select({ agencyId: orders.agencyId, status: orders.status, count: count() })
          .from(orders)
          .where(inArray(orders.agencyId, valid))
          .groupBy(orders.agencyId, orders.status),
        db
          .select({ agencyId: orders.agencyId, currency: orders.currency, amount: sql<string>`sum(${orders.amount})` })
          .from(orders)
          .where(and(inArray(orders.agencyId, valid), inArray(orders.status, REVENUE_STATUSES)))
          .groupBy(orders.agencyId, orders.currency),
        db
          .select({ agencyId: reviews.agencyId, average: sql<string | null>`avg(${reviews.rating})`, count: count() })
          .from(reviews)
          .where(inArray(reviews.agencyId, valid))
          .groupBy(reviews.agencyId),
      ]);
      return {
        byStatus,
        revenue: revenue.map((r) => ({ ...r, amount: Number(r.amount) })),
        ratings: ratings.map((r) => ({ ...r, average: r.average == null ? null : Number(r.average) })),
      };
    },

    /** The admin dashboard over the orders created since `since`: one grouped statement per figure. */
    dashboard: async (since: Date) => {
      const [perDay, revenuePerDay, top, byStatus] = await Promise.all([
        db
          .select({ date: day(orders.createdAt), status: orders.status, count: count() })
          .from(orders)
          .where(gte(orders.createdAt, since))
          .groupBy(day(orders.createdAt), orders.status)
          .orderBy(day(orders.createdAt), orders.status),
        // Revenue counts on the day the order was completed (its history entry), in its currency.
        db
          .select({ date: day(orderStatusHistory.at), currency: orders.currency, amount: sql<string>`sum(${orders.amount})` })
          .from(orderStatusHistory)
          .innerJoin(orders, eq(orders.id, orderStatusHistory.orderId))
          .where(
            and(
              inArray(orderStatusHistory.to, REVENUE_STATUSES),
              eq(orders.status, orderStatusHistory.to),
              gte(orderStatusHistory.at, since),
            ),
          )
          .groupBy(day(orderStatusHistory.at), orders.currency)
          .orderBy(day(orderStatusHistory.at), orders.currency),
        db
          .select({ agencyId: orders.agencyId, currency: orders.currency, orders: count(), amount: sql<string>`sum(${orders.amount})` })
          .from(orders)
          .where(and(inArray(orders.status, REVENUE_STATUSES), gte(orders.createdAt, since)))
          .groupBy(orders.agencyId, orders.currency)
          .orderBy(sql`sum(${orders.amount}) desc`, orders.agencyId)
          .limit(10),
        db.select({ status: orders.status, count: count() }).from(orders).where(gte(orders.createdAt, since)).groupBy(orders.status),
      ]);
      return {
        perDay,
        revenuePerDay: revenuePerDay.map((r) => ({ ...r, amount: Number(r.amount) })),
        top: top.map((r) => ({ ...r, amount: Number(r.amount) })),
        byStatus,
      };
    },

    /**
     * Places an order in one transaction: the next number of the year (a counter row bumped
     * here, so two placements never share one), the order, its first history entry and
     * `order.placed`.
     */
    place: async (order: ValidOrder, customerId: string, now: Date): Promise<OrderRow> =>
      db.transaction(async (tx) => {
        const year = now.getUTCFullYear();
        const [counter] = await tx
          .insert(orderNumberCounters)
          .values({ year, last: 1 })
          .onConflictDoUpdate({ target: orderNumberCounters.year, set: { last: sql`${orderNumberCounters.last} + 1` } })
          .returning({ last: orderNumberCounters.last });
        const [row] = await tx
          .insert(orders)
          .values({
            ...order,
            number: formatOrderNumber(year, counter!.last),
            customerId,
            status: 'PENDING',
            createdAt: now,
            updatedAt: now,
          })
          .returning();
        await tx
          .insert(orderStatusHistory)
          .values({ orderId: row!.id, from: null, to: 'PENDING', action: null, actorId: customerId, actorRole: 'CUSTOMER', at: now });
        await recordEvents(tx, [
          {
            type: 'order.placed',
            data: {
              orderId: row!.id,
              number: row!.number,
              customerId,
              agencyId: row!.agencyId,
              title: row!.title,
              amount: row!.amount,
              currency: row!.currency,
              dueDate: row!.dueDate?.toISOString() ?? null,
              at: now.toISOString(),
            },
          },
        ]);
        return row!;
      }),

    /**
     * One transition as a compare-and-set: the update only matches while the order is still
     * `from`, so of two concurrent transitions one updates and the other gets null (and is
     * refused by the caller). History and `order.transitioned` commit with it.
     */
    transition: async (t: {
      orderId: string;
      from: OrderStatus;
      to: OrderStatus;
      action: OrderAction;
      actor: Actor;
      note: string | null;
      now: Date;
    }): Promise<OrderRow | null> =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(orders)
          .set({ status: t.to, version: sql`${orders.version} + 1`, updatedAt: t.now })
          .where(and(eq(orders.id, t.orderId), eq(orders.status, t.from)))
          .returning();
        if (!row) return null;
        await tx.insert(orderStatusHistory).values({
          orderId: row.id,
          from: t.from,
          to: t.to,
          action: t.action,
          actorId: t.actor.id,
          actorRole: t.actor.role,
          note: t.note,
          at: t.now,
        });
        await recordEvents(tx, [
          {
            type: 'order.transitioned',
            data: {
              orderId: row.id,
              number: row.number,
              customerId: row.customerId,
              agencyId: row.agencyId,
              action: t.action,
              from: t.from,
              to: t.to,
              actorId: t.actor.id,
              actorRole: t.actor.role,
              note: t.note,
              at: t.now.toISOString(),
              placedAt: row.createdAt.toISOString(),
              dueDate: row.dueDate?.toISOString() ?? null,
              amount: row.amount,
              currency: row.currency,
            },
          },
        ]);
        return row;
      }),

    /** The customer's review; null when the order already has one (the unique index decides, even concurrently). */
    review: async (order: OrderRow, review: { authorId: string; rating: number; comment: string | null }, now: Date) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(reviews)
          .values({
            orderId: order.id,
            agencyId: order.agencyId,
            authorId: review.authorId,
            rating: review.rating,
            comment: review.comment,
            createdAt: now,
          })
          .onConflictDoNothing()
          .returning();
        if (!row) return null;
        await recordEvents(tx, [
          {
            type: 'order.reviewed',
            data: {
              orderId: order.id,
              reviewId: row.id,
              agencyId: order.agencyId,
              customerId: order.customerId,
              rating: row.rating,
              at: now.toISOString(),
            },
          },
        ]);
        return row;
      }),

    /** The agency's one reply; null when the review has none to answer or was answered already. */
    reply: async (orderId: string, authorId: string, body: string, now: Date): Promise<ReviewRow | null> => {
      const [row] = await db
        .update(reviews)
        .set({ replyBody: body, replyAuthorId: authorId, replyAt: now })
        .where(and(eq(reviews.orderId, orderId), isNull(reviews.replyBody)))
        .returning();
      return row ?? null;
    },

    /** Marks an order paid once (sandbox); null when already paid or CANCELLED/REFUNDED by now. */
    markPaid: async (order: OrderRow, now: Date): Promise<OrderRow | null> =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .update(orders)
          .set({ paidAt: now, updatedAt: now })
          .where(and(eq(orders.id, order.id), isNull(orders.paidAt), notInArray(orders.status, ['CANCELLED', 'REFUNDED'])))
          .returning();
        if (!row) return null;
        await recordEvents(tx, [
          {
            type: 'order.paid',
            data: {
              orderId: row.id,
              agencyId: row.agencyId,
              customerId: row.customerId,
              amount: row.amount,
              currency: row.currency,
              at: now.toISOString(),
            },
          },
        ]);
        return row;
      }),

    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ id: orders.id }).from(orders).limit(1);
      return rows.length === 0;
    },

    /** Seeds orders, their histories and reviews, the number counters and the agency replica in one transaction. */
    insertSeed: async (seed: {
      orders: NewOrder[];
      history: NewStatusChange[];
      reviews: NewReview[];
      counters: { year: number; last: number }[];
      agencies: (typeof orderAgencies.$inferInsert)[];
      members: (typeof orderAgencyMembers.$inferInsert)[];
    }): Promise<void> => {
      await db.transaction(async (tx) => {
        const chunks = <T>(rows: T[]) => Array.from({ length: Math.ceil(rows.length / 500) }, (_, i) => rows.slice(i * 500, i * 500 + 500));
        for (const chunk of chunks(seed.agencies)) await tx.insert(orderAgencies).values(chunk).onConflictDoNothing();
        for (const chunk of chunks(seed.members)) await tx.insert(orderAgencyMembers).values(chunk).onConflictDoNothing();
        for (const chunk of chunks(seed.orders)) await tx.insert(orders).values(chunk).onConflictDoNothing();
        for (const chunk of chunks(seed.history)) await tx.insert(orderStatusHistory).values(chunk);
        for (const chunk of chunks(seed.reviews)) await tx.insert(reviews).values(chunk).onConflictDoNothing();
        for (const counter of seed.counters)
          await tx
            .insert(orderNumberCounters)
            .values(counter)
            .onConflictDoUpdate({
              target: orderNumberCounters.year,
              set: { last: sql`greatest(${orderNumberCounters.last}, excluded.last)` },
            });
      });
    },
  };
}
export type OrderRepository = ReturnType<typeof createOrderRepository>;

/** Replica upkeep, run by the event handlers inside their inbox transaction. */
export function replicaWriter(tx: PgDb<OrderSchema>) {
  return {
    upsertAgency: async (agency: {
      id: string;
      name: string;
      status: 'PENDING_REVIEW' | 'VERIFIED' | 'SUSPENDED';
      commissionPercent: number;
    }) => {
      await tx
        .insert(orderAgencies)
        .values({ ...agency, updatedAt: new Date() })
        .onConflictDoUpdate({
          target: orderAgencies.id,
          set: { name: agency.name, status: agency.status, commissionPercent: agency.commissionPercent, updatedAt: new Date() },
        });
    },
    addMember: async (member: { agencyId: string; userId: string; role: 'OWNER' | 'STAFF' }) => {
      await tx
        .insert(orderAgencyMembers)
        .values(member)
        .onConflictDoUpdate({ target: [orderAgencyMembers.agencyId, orderAgencyMembers.userId], set: { role: member.role } });
    },
    removeMember: async (member: { agencyId: string; userId: string }) => {
      await tx
        .delete(orderAgencyMembers)
        .where(and(eq(orderAgencyMembers.agencyId, member.agencyId), eq(orderAgencyMembers.userId, member.userId)));
    },
  };
}
