import { bigint, char, customType, datetime, index, mysqlTable, primaryKey, text, uniqueIndex, varchar } from 'drizzle-orm/mysql-core';
import type { Role, UserStatus } from '../domain/user';
import type { AccountTokenPurpose } from './user-store';

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
    /** Why the status was last changed (required for SUSPENDED, BLOCKED and DELETED). */
    statusReason: varchar('status_reason', { length: 500 }),
    /** When the user proved they receive mail at `email`; null until then. */
    emailVerifiedAt: datetime('email_verified_at', { mode: 'date', fsp: 3 }),
    lastLoginAt: datetime('last_login_at', { mode: 'date', fsp: 3 }),
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

/** One row per user with a password; argon2id PHC strings only, never the password. */
export const userCredentials = mysqlTable('user_credentials', {
  userId: char('user_id', { length: 36 })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  passwordHash: varchar('password_hash', { length: 255 }).notNull(),
  updatedAt: instant('updated_at'),
});

/** JSON on MySQL, LONGTEXT with a json_valid check on MariaDB: parsed here either way. */
const jsonObject = customType<{ data: Record<string, unknown>; driverData: string | Record<string, unknown> }>({
  dataType: () => 'json',
  toDriver: (value) => JSON.stringify(value),
  fromDriver: (value) => (typeof value === 'string' ? (JSON.parse(value) as Record<string, unknown>) : value),
});

const optionalInstant = (name: string) => datetime(name, { mode: 'date', fsp: 3 });
// Provider ids are URL-safe ASCII: a binary-safe ASCII key keeps the composite primary key small and exact.
const asciiId = customType<{ data: string; driverData: string }>({
  dataType: () => 'varchar(255) CHARACTER SET ascii COLLATE ascii_bin',
});

/** Long-lived oidc-provider artifacts (grants, refresh tokens, clients …); short-lived ones live in the key-value store. */
export const oidcPayloads = mysqlTable(
  'oidc_payloads',
  {
    id: asciiId('id').notNull(),
    type: varchar('type', { length: 64 }).notNull(),
    payload: jsonObject('payload').notNull(),
    grantId: asciiId('grant_id'),
    userCode: asciiId('user_code'),
    uid: asciiId('uid'),
    expiresAt: optionalInstant('expires_at'),
    consumedAt: optionalInstant('consumed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.type, t.id] }),
    index('oidc_payloads_grant_id_idx').on(t.grantId),
    index('oidc_payloads_user_code_idx').on(t.userCode),
    index('oidc_payloads_uid_idx').on(t.uid),
    index('oidc_payloads_expires_at_idx').on(t.expiresAt),
  ],
);

/** The provider's signing keys (private JWKs) and cookie keys, created on first boot so they survive restarts. */
export const providerKeys = mysqlTable('provider_keys', {
  id: varchar('id', { length: 64 }).primaryKey(),
  use: varchar('use', { length: 16 }).$type<'sig' | 'cookie'>().notNull(),
  material: text('material').notNull(),
  createdAt: instant('created_at'),
  retiredAt: optionalInstant('retired_at'),
});

/** Security-relevant events (sign-ins, failures, lockouts, MFA, token reuse …); append-only. */
export const auditEvents = mysqlTable(
  'audit_events',
  {
    id: char('id', { length: 36 }).primaryKey(),
    type: varchar('type', { length: 64 }).notNull(),
    actorId: varchar('actor_id', { length: 255 }),
    targetId: varchar('target_id', { length: 255 }),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 512 }),
    details: jsonObject('details').notNull(),
    createdAt: instant('created_at'),
  },
  (t) => [index('audit_events_created_at_idx').on(t.createdAt, t.id), index('audit_events_target_id_idx').on(t.targetId)],
);

/** A user's TOTP factor: the secret encrypted (AES-256-GCM), confirmed once a first code matched. */
export const userMfa = mysqlTable('user_mfa', {
  userId: char('user_id', { length: 36 })
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  totpSecret: varchar('totp_secret', { length: 512 }).notNull(),
  confirmedAt: optionalInstant('confirmed_at'),
  /** The last accepted TOTP time step: a code of this step or an earlier one is refused (no replay). */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: instant('created_at'),
});

/** One-time recovery codes, hashed (HMAC-SHA-256 under a pepper); used_at set when spent. */
export const recoveryCodes = mysqlTable(
  'recovery_codes',
  {
    userId: char('user_id', { length: 36 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: char('code_hash', { length: 64 }).notNull(),
    usedAt: optionalInstant('used_at'),
    createdAt: instant('created_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** An account at an upstream identity provider (Google, GitHub … or a generic OIDC connector) linked to a user. */
export const linkedIdentities = mysqlTable(
  'linked_identities',
  {
    provider: varchar('provider', { length: 64 }).notNull(),
    subject: asciiId('subject').notNull(),
    userId: char('user_id', { length: 36 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: email('email'),
    createdAt: instant('created_at'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index('linked_identities_user_id_idx').on(t.userId)],
);

/**
 * An index of the provider's sign-in sessions (which live in the key-value store) by user, with the device
 * they were opened from: the user's "active sessions" list. Deleted when the session is revoked or ends.
 */
export const userSessions = mysqlTable(
  'user_sessions',
  {
    /** oidc-provider's session uid. */
    id: asciiId('id').primaryKey(),
    userId: char('user_id', { length: 36 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: varchar('ip', { length: 64 }),
    userAgent: varchar('user_agent', { length: 512 }),
    createdAt: instant('created_at'),
    lastSeenAt: instant('last_seen_at'),
    expiresAt: optionalInstant('expires_at'),
  },
  (t) => [index('user_sessions_user_id_idx').on(t.userId, t.lastSeenAt)],
);

/** One-time tokens sent by mail (verify email, reset password, confirm a social link); stored as SHA-256 hashes. */
export const accountTokens = mysqlTable(
  'account_tokens',
  {
    tokenHash: char('token_hash', { length: 64 }).primaryKey(),
    purpose: varchar('purpose', { length: 32 }).$type<AccountTokenPurpose>().notNull(),
    userId: char('user_id', { length: 36 })
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    data: jsonObject('data').notNull(),
    expiresAt: instant('expires_at'),
    usedAt: optionalInstant('used_at'),
    createdAt: instant('created_at'),
  },
  (t) => [index('account_tokens_user_id_idx').on(t.userId, t.purpose), index('account_tokens_expires_at_idx').on(t.expiresAt)],
);

export const mysqlSchema = {
  users,
  userRoles,
  userCredentials,
  oidcPayloads,
  providerKeys,
  auditEvents,
  userMfa,
  recoveryCodes,
  linkedIdentities,
  userSessions,
  accountTokens,
};
export type MysqlSchema = typeof mysqlSchema;
