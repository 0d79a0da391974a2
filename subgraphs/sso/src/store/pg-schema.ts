import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Role, UserStatus } from '../domain/user';
import type { AccountTokenPurpose } from './user-store';

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
    /** Why the status was last changed (required for SUSPENDED, BLOCKED and DELETED). */
    statusReason: text('status_reason'),
    /** When the user proved they receive mail at `email`; null until then. */
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true, precision: 3 }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true, precision: 3 }),
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

/** One row per user with a password; argon2id PHC strings only, never the password. */
export const userCredentials = pgTable('user_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  passwordHash: text('password_hash').notNull(),
  updatedAt: instant('updated_at'),
});

const optionalInstant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

/** Long-lived oidc-provider artifacts (grants, refresh tokens, clients …); short-lived ones live in the key-value store. */
export const oidcPayloads = pgTable(
  'oidc_payloads',
  {
    id: text('id').notNull(),
    type: text('type').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    grantId: text('grant_id'),
    userCode: text('user_code'),
    uid: text('uid'),
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
export const providerKeys = pgTable('provider_keys', {
  id: text('id').primaryKey(),
  use: text('use').$type<'sig' | 'cookie'>().notNull(),
  material: text('material').notNull(),
  createdAt: instant('created_at'),
  retiredAt: optionalInstant('retired_at'),
});

/** Security-relevant events (sign-ins, failures, lockouts, MFA, token reuse …); append-only. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey(),
    type: text('type').notNull(),
    actorId: text('actor_id'),
    targetId: text('target_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    createdAt: instant('created_at'),
  },
  (t) => [index('audit_events_created_at_idx').on(t.createdAt.desc(), t.id.desc()), index('audit_events_target_id_idx').on(t.targetId)],
);

/** A user's TOTP factor: the secret encrypted (AES-256-GCM), confirmed once a first code matched. */
export const userMfa = pgTable('user_mfa', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  totpSecret: text('totp_secret').notNull(),
  confirmedAt: optionalInstant('confirmed_at'),
  /** The last accepted TOTP time step: a code of this step or an earlier one is refused (no replay). */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: instant('created_at'),
});

/** One-time recovery codes, hashed (HMAC-SHA-256 under a pepper); used_at set when spent. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: optionalInstant('used_at'),
    createdAt: instant('created_at'),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** An account at an upstream identity provider (Google, GitHub … or a generic OIDC connector) linked to a user. */
export const linkedIdentities = pgTable(
  'linked_identities',
  {
    provider: text('provider').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: text('email'),
    createdAt: instant('created_at'),
  },
  (t) => [primaryKey({ columns: [t.provider, t.subject] }), index('linked_identities_user_id_idx').on(t.userId)],
);

/**
 * An index of the provider's sign-in sessions (which live in the key-value store) by user, with the device
 * they were opened from: the user's "active sessions" list. Deleted when the session is revoked or ends.
 */
export const userSessions = pgTable(
  'user_sessions',
  {
    /** oidc-provider's session uid. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: instant('created_at'),
    lastSeenAt: instant('last_seen_at'),
    expiresAt: optionalInstant('expires_at'),
  },
  (t) => [index('user_sessions_user_id_idx').on(t.userId, t.lastSeenAt.desc())],
);

/** One-time tokens sent by mail (verify email, reset password, confirm a social link); stored as SHA-256 hashes. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose').$type<AccountTokenPurpose>().notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    expiresAt: instant('expires_at'),
    usedAt: optionalInstant('used_at'),
    createdAt: instant('created_at'),
  },
  (t) => [index('account_tokens_user_id_idx').on(t.userId, t.purpose), index('account_tokens_expires_at_idx').on(t.expiresAt)],
);

export const pgSchema = {
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
export type PgSchema = typeof pgSchema;
