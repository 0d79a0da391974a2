import { sql } from 'drizzle-orm';
import { char, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ORDER_STATUSES, type OrderStatus } from '../domain/order-status';

// Millisecond precision, as in JavaScript: a keyset cursor carries the exact
// created_at of its row, so no row is skipped or repeated at a page boundary.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

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

export const schema = { orders };
export type OrderSchema = typeof schema;
export type OrderRow = typeof orders.$inferSelect;
export type NewOrder = typeof orders.$inferInsert;

/** A user as this subgraph knows it: only the key (the user subgraph owns the rest). */
export interface UserRef {
  __typename?: 'User';
  id: string;
}
/** An agency as this subgraph knows it: only the key. */
export interface AgencyRef {
  __typename?: 'Agency';
  id: string;
}
