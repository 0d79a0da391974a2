import { randomUUID } from 'node:crypto';
import { isUuid } from '@market/kit';
import type { QueryCounter } from '@market/stores';
import type { Role, UserStatus } from '../domain/user';

export type { Role, UserStatus } from '../domain/user';

/** A user as every adapter returns it, whichever database answered. */
export interface UserRow {
  id: string;
  email: string;
  status: UserStatus;
  /** Why the status was last changed; null when never said. */
  statusReason: string | null;
  /** When the address was verified (by link, by a verified upstream identity, or seeded); null until then. */
  emailVerifiedAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface UserRoleRow {
  userId: string;
  role: Role;
}

export interface NewUser {
  /** Defaults to a random UUID. */
  id?: string;
  email: string;
  status?: UserStatus;
  statusReason?: string | null;
  /** Null (the default) until verified. */
  emailVerifiedAt?: Date | null;
  roles: readonly Role[];
  /** Defaults to now; stored with millisecond precision in UTC. */
  createdAt?: Date;
  updatedAt?: Date;
}

/** Sort key of the newest-first listing; also the content of a page cursor. */
export interface UserCursor {
  createdAt: Date;
  id: string;
}

export interface UserPage {
  rows: UserRow[];
  totalCount: number;
}

/** Raised by insertMany when an email is already taken (compared ignoring case); nothing of the batch is written. */
export class EmailTakenError extends Error {
  readonly code = 'EMAIL_TAKEN';
  constructor(readonly email: string | null) {
    super(email ? `A user with email ${email} already exists` : 'A user with this email already exists');
    this.name = 'EmailTakenError';
  }
}

/**
 * The SSO identity store. One interface, two adapters: MysqlUserStore (production,
 * MySQL 8 / MariaDB) and PgUserStore (PostgreSQL, or embedded PGlite); the same
 * contract suite (test/user-store.contract.test.ts) runs against both.
 */
export interface UserStore {
  readonly kind: 'mysql' | 'postgres' | 'pglite';
  /** Every SQL statement run, for the batching tests. */
  readonly queries: QueryCounter;
  /** The users with these ids, in the order asked (each once); unknown or malformed ids are skipped. */
  byIds(ids: readonly string[]): Promise<UserRow[]>;
  /** Up to `limit` users newest first (created_at desc, id desc) after `after`, and the number of all users. */
  list(limit: number, after: UserCursor | null): Promise<UserPage>;
  /** Roles of many users in one query, ordered by user then role. */
  rolesOf(userIds: readonly string[]): Promise<UserRoleRow[]>;
  /** Inserts users with their roles in one transaction: all of them or none (EmailTakenError on a taken email). */
  insertMany(users: readonly NewUser[]): Promise<UserRow[]>;
  isEmpty(): Promise<boolean>;
  /** Changes a user's status (and updatedAt); false when there is no such user. */
  setStatus(userId: string, status: UserStatus, at?: Date): Promise<boolean>;
  /** Sets (or replaces) the password hashes of these users in one transaction. */
  setPasswordHashes(rows: readonly PasswordHashRow[]): Promise<void>;
  /** The user with this email (compared ignoring case) and their password hash, or null. */
  credentialsByEmail(email: string): Promise<{ user: UserRow; passwordHash: string | null } | null>;
  /** oidc-provider's long-lived artifacts (the `oidc_payloads` table). */
  readonly oidc: OidcPayloadStore;
  /** Signing and cookie keys, oldest first (retired ones included, with `retiredAt`). */
  providerKeys(): Promise<ProviderKeyRow[]>;
  addProviderKey(key: ProviderKeyRow): Promise<void>;
  /** Marks a key retired at `at` (kept for the record, no longer published); false when unknown or already retired. */
  retireProviderKey(id: string, at?: Date): Promise<boolean>;
  /** Appends an audit event (id and createdAt default to a random UUID and now); returns it as stored. */
  recordAudit(event: NewAuditEvent): Promise<AuditEventRow>;
  /** Audit events matching `filter`, newest first (created_at desc, id desc) after `page.after`, and how many match. */
  listAudit(filter: AuditFilter, page: { limit: number; after: AuditCursor | null }): Promise<AuditPage>;
  /** The user's TOTP factor (confirmed or pending), or null. */
  mfaOf(userId: string): Promise<MfaRow | null>;
  /** Starts (or restarts) enrollment: stores the encrypted secret unconfirmed, replacing any previous factor. */
  saveMfaSecret(userId: string, encryptedSecret: string, at?: Date): Promise<void>;
  /** Marks the factor confirmed with the step of the code that confirmed it; false when there is none. */
  confirmMfa(userId: string, step: number, at?: Date): Promise<boolean>;
  /**
   * Records `step` as the last used TOTP step, atomically and only when it is later than the one recorded:
   * false means this code (or a later one) was already used — a replay.
   */
  useTotpStep(userId: string, step: number): Promise<boolean>;
  /** Removes the TOTP factor and every recovery code of the user. */
  deleteMfa(userId: string): Promise<void>;
  /** Replaces all recovery codes of the user with these hashes (one transaction). */
  replaceRecoveryCodes(userId: string, codeHashes: readonly string[], at?: Date): Promise<void>;
  /** Spends an unused recovery code atomically; false when it is unknown or already used. */
  useRecoveryCode(userId: string, codeHash: string, at?: Date): Promise<boolean>;
  /** How many unused recovery codes the user has. */
  unusedRecoveryCodes(userId: string): Promise<number>;

  // ---- accounts (issue 3, second slice) ----
  /** Users matching `filter`, newest first, after `after`, and how many match. */
  search(filter: UserFilter, limit: number, after: UserCursor | null): Promise<UserPage>;
  /** Sets status and reason (and updatedAt); false when there is no such user. */
  setStatusWithReason(userId: string, status: UserStatus, reason: string | null, at?: Date): Promise<boolean>;
  /** Adds a role (no-op when held); false when there is no such user. */
  addRole(userId: string, role: Role): Promise<boolean>;
  /** Removes a role (no-op when not held); false when there is no such user. */
  removeRole(userId: string, role: Role): Promise<boolean>;
  /** Marks the email verified at `at` (and status PENDING_VERIFICATION → ACTIVE); false when there is no such user. */
  markEmailVerified(userId: string, at?: Date): Promise<boolean>;
  recordLogin(userId: string, at?: Date): Promise<void>;
  /** Which users have a confirmed TOTP factor, in one query. */
  mfaEnabledOf(userIds: readonly string[]): Promise<Set<string>>;
  /** The user's password hash, or null when they have none (social-only accounts). */
  passwordHashOf(userId: string): Promise<string | null>;

  /** Linked upstream identities of many users, in one query, oldest first. */
  linkedIdentitiesOf(userIds: readonly string[]): Promise<LinkedIdentityRow[]>;
  /** The user an upstream account is linked to, or null. */
  userByLinkedIdentity(provider: string, subject: string): Promise<UserRow | null>;
  /** Links an upstream account; LinkTakenError when it is already linked to another user (idempotent for the same one). */
  linkIdentity(row: NewLinkedIdentity): Promise<LinkedIdentityRow>;
  /** false when it was not linked to this user. */
  unlinkIdentity(userId: string, provider: string, subject: string): Promise<boolean>;

  /** Inserts or refreshes one session index row (created_at kept on refresh). */
  upsertSession(row: UserSessionRow): Promise<void>;
  /** Moves last_seen_at (and expires_at when given) forward. */
  touchSession(id: string, at: Date, expiresAt?: Date | null): Promise<void>;
  /** The user's sessions, most recently seen first; expired ones excluded. */
  sessionsOf(userId: string, now?: Date): Promise<UserSessionRow[]>;
  sessionById(id: string): Promise<UserSessionRow | null>;
  /** Deletes index rows; returns how many. */
  deleteSessions(ids: readonly string[]): Promise<number>;
  /** Deletes rows of expired sessions; returns how many. */
  deleteExpiredSessions(now: Date): Promise<number>;

  /** Stores a one-time token (only its SHA-256 hash). */
  createAccountToken(row: NewAccountToken): Promise<void>;
  /**
   * Spends a token atomically: returns it when it exists, has this purpose, is unexpired and unused, and marks it
   * used; null otherwise (a second use gets null).
   */
  useAccountToken(tokenHash: string, purpose: AccountTokenPurpose, now?: Date): Promise<AccountTokenRow | null>;
  /** Marks every unused token of this purpose of the user used (a new link supersedes the old ones). */
  revokeAccountTokens(userId: string, purpose: AccountTokenPurpose, at?: Date): Promise<void>;
  deleteExpiredAccountTokens(now: Date): Promise<number>;

  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface UserFilter {
  /** Matches part of the email, ignoring case. */
  search?: string;
  statuses?: readonly UserStatus[];
  /** Users holding any of these roles. */
  roles?: readonly Role[];
}

export interface LinkedIdentityRow {
  /** Connector id: google, github, facebook, linkedin, or a generic OIDC connector's name. */
  provider: string;
  /** The upstream account id (`sub`). */
  subject: string;
  userId: string;
  email: string | null;
  createdAt: Date;
}

export type NewLinkedIdentity = Omit<LinkedIdentityRow, 'createdAt'> & { createdAt?: Date };

/** Raised by linkIdentity when the upstream account belongs to another user. */
export class LinkTakenError extends Error {
  readonly code = 'LINK_TAKEN';
  constructor(
    readonly provider: string,
    readonly subject: string,
  ) {
    super(`This ${provider} account is already linked to another user`);
    this.name = 'LinkTakenError';
  }
}

export interface UserSessionRow {
  /** oidc-provider's session uid. */
  id: string;
  userId: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date | null;
}

export type AccountTokenPurpose = 'verify_email' | 'reset_password' | 'link_identity';

export interface AccountTokenRow {
  tokenHash: string;
  purpose: AccountTokenPurpose;
  userId: string;
  /** Purpose-specific, never secrets (e.g. the upstream identity a link token confirms). */
  data: Record<string, unknown>;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export type NewAccountToken = Omit<AccountTokenRow, 'usedAt' | 'createdAt'> & { createdAt?: Date };

export interface PasswordHashRow {
  userId: string;
  /** An argon2id PHC string. */
  passwordHash: string;
}

/** One oidc-provider model instance (`type` is the model name: Grant, RefreshToken …). */
export interface OidcPayloadRow {
  type: string;
  id: string;
  payload: Record<string, unknown>;
  grantId: string | null;
  userCode: string | null;
  uid: string | null;
  expiresAt: Date | null;
  consumedAt: Date | null;
}

export interface OidcPayloadStore {
  /** Null when missing or expired. */
  find(type: string, id: string): Promise<OidcPayloadRow | null>;
  findBy(type: string, field: 'uid' | 'userCode', value: string): Promise<OidcPayloadRow | null>;
  upsert(row: OidcPayloadRow): Promise<void>;
  consume(type: string, id: string, at: Date): Promise<void>;
  destroy(type: string, id: string): Promise<void>;
  revokeByGrantId(type: string, grantId: string): Promise<void>;
  /** Every unexpired row of a model (used for admin-created `Client`s), oldest id first. */
  listByType(type: string): Promise<OidcPayloadRow[]>;
  /** Ids of the unexpired `Grant`s whose payload names this account (`accountId`) or client (`clientId`). */
  grantIdsFor(field: 'accountId' | 'clientId', value: string): Promise<string[]>;
  /** Deletes rows expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

export interface ProviderKeyRow {
  id: string;
  use: 'sig' | 'cookie';
  /** A private JWK as JSON for `sig`, a random secret for `cookie`. */
  material: string;
  createdAt: Date;
  retiredAt: Date | null;
}

export interface NewAuditEvent {
  id?: string;
  /** Dotted event name: `sign_in.succeeded`, `sign_in.failed`, `account.locked`, `mfa.challenge_failed` … */
  type: string;
  actorId?: string | null;
  targetId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Never secrets (no passwords, codes or tokens). */
  details?: Record<string, unknown>;
  createdAt?: Date;
}

export interface AuditEventRow {
  id: string;
  type: string;
  actorId: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export interface AuditFilter {
  types?: readonly string[];
  actorId?: string;
  targetId?: string;
  /** Inclusive. */
  since?: Date;
  /** Exclusive. */
  until?: Date;
}

export interface AuditCursor {
  createdAt: Date;
  id: string;
}

export interface AuditPage {
  rows: AuditEventRow[];
  totalCount: number;
}

export interface MfaRow {
  userId: string;
  /** AES-256-GCM ciphertext (see domain/mfa.ts), never the secret itself. */
  totpSecret: string;
  confirmedAt: Date | null;
  lastUsedStep: number | null;
  createdAt: Date;
}

/** Completes an audit event and trims its free-text fields to the column sizes. */
export function prepareAudit(event: NewAuditEvent, now = new Date()): AuditEventRow {
  return {
    id: (event.id ?? randomUUID()).toLowerCase(),
    type: event.type.slice(0, 64),
    actorId: event.actorId?.slice(0, 255) ?? null,
    targetId: event.targetId?.slice(0, 255) ?? null,
    ip: event.ip?.slice(0, 64) ?? null,
    userAgent: event.userAgent?.slice(0, 512) ?? null,
    details: event.details ?? {},
    createdAt: event.createdAt ?? now,
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards (and the escape character) taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows per INSERT statement: far below both servers' placeholder limits. */
export const INSERT_CHUNK = 500;

export function chunks<T>(items: readonly T[], size = INSERT_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Completes new users in application code rather than with database defaults, so
 * both adapters store the same values (and MySQL's session time zone never matters).
 */
export function prepareUsers(users: readonly NewUser[], now = new Date()): { rows: UserRow[]; roles: UserRoleRow[] } {
  const prepared = users.map((user) => {
    // Lower-case, as PostgreSQL's uuid type returns it, so both adapters hand back the same ids.
    const id = (user.id ?? randomUUID()).toLowerCase();
    if (!isUuid(id)) throw new Error(`User id ${id} is not a UUID`);
    const createdAt = user.createdAt ?? now;
    const row: UserRow = {
      id,
      email: user.email,
      status: user.status ?? 'ACTIVE',
      statusReason: user.statusReason ?? null,
      emailVerifiedAt: user.emailVerifiedAt ?? null,
      lastLoginAt: null,
      createdAt,
      updatedAt: user.updatedAt ?? createdAt,
    };
    return { row, roles: [...new Set(user.roles)].map((role): UserRoleRow => ({ userId: row.id, role })) };
  });
  return { rows: prepared.map((p) => p.row), roles: prepared.flatMap((p) => p.roles) };
}

/** Puts rows in the order of `ids` (first occurrence wins), dropping ids without a row. */
export function inOrderOf(ids: readonly string[], rows: readonly UserRow[]): UserRow[] {
  const byId = new Map(rows.map((row) => [row.id.toLowerCase(), row]));
  const seen = new Set<string>();
  const ordered: UserRow[] = [];
  for (const id of ids) {
    const key = id.toLowerCase();
    const row = byId.get(key);
    if (row && !seen.has(key)) {
      seen.add(key);
      ordered.push(row);
    }
  }
  return ordered;
}

/** The first error in a `cause` chain (drizzle wraps driver errors) that matches. */
export function findCause<T>(error: unknown, match: (candidate: Record<string, unknown>) => T | undefined): T | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const found = match(current as Record<string, unknown>);
    if (found !== undefined) return found;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
