import { char, customType, datetime, index, mysqlTable, primaryKey, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { Role, UserStatus } from '../domain/user';

// Types chosen to behave the same on MySQL 8 and MariaDB 10.11: char(36) UUIDs,
// datetime(3) holding UTC (the pool runs with timezone 'Z'), varchar enums.

/** Up to 320 characters (RFC 5321), compared ignoring case whatever the server's default collation. */
const email = customType<{ data: string; driverData: string }>({
  dataType: () => 'varchar(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci',
});

// No database defaults for the instants: CURRENT_TIMESTAMP would be in the
// session's time zone, so the store always writes them from application code.
const instant = (name: string) => datetime(name, { mode: 'date', fsp: 3 }).notNull();

/**
 * Identity only. Credentials, MFA factors, external (social) identities and
 * sessions arrive as their own tables keyed by user_id, so this one stays narrow.
 */
export const users = mysqlTable(
  'users',
  {
    id: char('id', { length: 36 }).primaryKey(),
    email: email('email').notNull(),
    status: varchar('status', { length: 32 }).$type<UserStatus>().notNull().default('ACTIVE'),
    createdAt: instant('created_at'),
    updatedAt: instant('updated_at'),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_created_at_id_idx').on(t.createdAt, t.id)],
);

export const userRoles = mysqlTable(
  'user_roles',
  {
    userId: char('user_id', { length: 36 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 32 }).$type<Role>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

export const mysqlSchema = { users, userRoles };
export type MysqlSchema = typeof mysqlSchema;
