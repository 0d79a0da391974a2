import { sql } from 'drizzle-orm';
import {
  bigserial,
  char,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { eventInbox, eventOutbox } from '@market/events';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-status';
import type { ActorRole, OrderAction } from '../domain/state-machine';

// Millisecond precision, as in JavaScript: a keyset cursor carries the exact
// created_at of its row, so no row is skipped or repeated at a page boundary.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** One line of an order as stored (its amount is derived: quantity × unitAmount). */
export interface StoredLineItem {
  description: string;
  quantity: number;
  unitAmount: number;
}

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull().unique(),
    customerId: uuid('customer_id').notNull(),
    agencyId: uuid('agency_id').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    status: text('status').$type<OrderStatus>().notNull().default('PENDING'),
    /** Integer minor units of `currency` (cents), never a float. */
    amount: integer('amount').notNull(),
    /** ISO 4217 code, e.g. EUR. */
    currency: char('currency', { length: 3 }).notNull(),
    /** The lines the amount is the sum of; empty when placed with a bare amount (a quote to be agreed). */
    lineItems: jsonb('line_items').$type<StoredLineItem[]>().notNull().default([]),
    dueDate: instant('due_date'),
    paidAt: instant('paid_at'),
    /** Bumped by every transition (compare-and-set on status makes concurrent transitions exclusive). */
    version: integer('version').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Newest first, everywhere (the order list, a customer's orders, an agency's orders). NULLS FIRST
    // is what a plain ORDER BY … DESC means; an index with NULLS LAST could not serve it.
    index('orders_created_at_id_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('orders_customer_created_at_idx').on(t.customerId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index('orders_agency_created_at_idx').on(t.agencyId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // Serves status lookups and the status-filtered list in the same order.
    index('orders_status_created_at_idx').on(t.status, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('orders_amount_non_negative', sql`${t.amount} >= 0`),
    check('orders_currency_iso_4217', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('orders_status_known', sql.raw(`"status" in (${ORDER_STATUSES.map((s) => `'${s}'`).join(', ')})`)),
  ],
);

/** Every status change of every order, the placement first (from = null). Append-only. */
export const orderStatusHistory = pgTable(
  'order_status_history',
  {
    /** Insertion order: ties on `at` (one millisecond) keep the order the changes were made in. */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    from: text('from').$type<OrderStatus>(),
    to: text('to').$type<OrderStatus>().notNull(),
    action: text('action').$type<OrderAction>(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role').$type<ActorRole | 'SYSTEM'>().notNull(),
    note: text('note'),
    at: instant('at').notNull().defaultNow(),
  },
  (t) => [index('order_status_history_order_idx').on(t.orderId, t.seq)],
);

/** One review per order, by its customer; the agency's one reply beside it. */
export const reviews = pgTable(
  'reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').notNull(),
    authorId: uuid('author_id').notNull(),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    replyBody: text('reply_body'),
    replyAuthorId: uuid('reply_author_id'),
    replyAt: instant('reply_at'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('reviews_order_idx').on(t.orderId),
    index('reviews_agency_created_at_idx').on(t.agencyId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('reviews_rating_1_to_5', sql`${t.rating} between 1 and 5`),
  ],
);

/** The last order number handed out per year; bumped in the placing transaction (works on PGlite and PostgreSQL). */
export const orderNumberCounters = pgTable('order_number_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** Replica of the agency subgraph's agencies, fed by agency.created / agency.updated events. */
export const orderAgencies = pgTable('order_agencies', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  status: text('status').$type<'PENDING_REVIEW' | 'VERIFIED' | 'SUSPENDED'>().notNull(),
  commissionPercent: doublePrecision('commission_percent').notNull().default(0),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});

/** Replica of agency memberships, fed by agency.member.added / agency.member.removed events. */
export const orderAgencyMembers = pgTable(
  'order_agency_members',
  {
    agencyId: uuid('agency_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role').$type<'OWNER' | 'STAFF'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index('order_agency_members_user_idx').on(t.userId)],
);

// Re-exported so drizzle-kit sees them: the outbox and inbox live in this service's database.
export { eventInbox, eventOutbox };

export const schema = {
  orders,
  orderStatusHistory,
  reviews,
  orderNumberCounters,
  orderAgencies,
  orderAgencyMembers,
  eventOutbox,
  eventInbox,
};
export type OrderSchema = typeof schema;
export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;
export type StatusChangeRow = typeof orderStatusHistory.$inferSelect;
export type NewStatusChange = typeof orderStatusHistory.$inferInsert;
export type ReviewRow = typeof reviews.$inferSelect;
export type NewReview = typeof reviews.$inferInsert;

/** A user as this subgraph knows it: only the key (the user subgraph owns the rest). */
export interface UserRef {
  __typename?: 'User';
  id: string;
}
/** A top agency of the dashboard (the agency itself is a key-only stub). */
export interface AgencyRevenueRow {
  agencyId: string;
  orders: number;
  currency: string;
  amount: number;
}
/** An agency as this subgraph knows it: only the key. */
export interface AgencyRef {
  __typename?: 'Agency';
  id: string;
}
