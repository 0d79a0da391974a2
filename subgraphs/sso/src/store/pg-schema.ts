import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role, UserStatus } from '../domain/user';

// Millisecond precision, like MySQL's datetime(3) and JavaScript dates, so a page
// cursor carries a row's created_at exactly (microseconds would break keyset paging).
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 }).notNull().defaultNow();

/**
 * Identity only. Credentials, MFA factors, external (social) identities and
 * sessions arrive as their own tables keyed by user_id, so this one stays narrow.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    status: text('status').$type<UserStatus>().notNull().default('ACTIVE'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
  (t) => [
    // Unique ignoring case, as MySQL's case-insensitive collation does for the other adapter.
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    index('users_created_at_id_idx').on(t.createdAt.desc(), t.id.desc()),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<Role>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const pgSchema = { users, userRoles };
export type PgSchema = typeof pgSchema;
