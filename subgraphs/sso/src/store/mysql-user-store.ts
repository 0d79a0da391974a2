import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Logger } from '@market/kit';
import { validUuids } from '@market/kit';
import { openMysql, type MysqlStore } from '@market/stores';
import {
  accountTokens,
  auditEvents,
  linkedIdentities,
  mysqlSchema,
  oidcPayloads,
  providerKeys,
  recoveryCodes,
  userCredentials,
  userMfa,
  userRoles,
  userSessions,
  users,
  type MysqlSchema,
} from './mysql-schema';
import {
  chunks,
  EmailTakenError,
  findCause,
  inOrderOf,
  likePattern,
  LinkTakenError,
  prepareAudit,
  prepareUsers,
  type AccountTokenPurpose,
  type AccountTokenRow,
  type LinkedIdentityRow,
  type NewAccountToken,
  type NewLinkedIdentity,
  type Role,
  type UserFilter,
  type UserSessionRow,
  type AuditCursor,
  type AuditEventRow,
  type AuditFilter,
  type AuditPage,
  type MfaRow,
  type NewAuditEvent,
  type NewUser,
  type OidcPayloadRow,
  type OidcPayloadStore,
  type PasswordHashRow,
  type ProviderKeyRow,
  type UserCursor,
  type UserPage,
  type UserRoleRow,
  type UserRow,
  type UserStatus,
  type UserStore,
} from './user-store';

const migrationsFolder = fileURLToPath(new URL('../../drizzle/mysql', import.meta.url));

const userColumns = {
  id: users.id,
  email: users.email,
  status: users.status,
  statusReason: users.statusReason,
  emailVerifiedAt: users.emailVerifiedAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** ER_DUP_ENTRY (1062) on the email index, with the email from the message when present. */
function emailTaken(error: unknown): EmailTakenError | undefined {
  return findCause(error, (e) => {
    if (e.errno !== 1062 || typeof e.message !== 'string' || !/for key '(?:users\.)?users_email_unique'/.test(e.message)) return undefined;
    return new EmailTakenError(/^Duplicate entry '(.*)' for key/.exec(e.message)?.[1] ?? null);
  });
}

/** The WHERE of an audit listing (filter and cursor). */
function auditWhere(filter: AuditFilter, after: AuditCursor | null) {
  return and(
    filter.types?.length ? inArray(auditEvents.type, [...filter.types]) : undefined,
    filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.since ? gte(auditEvents.createdAt, filter.since) : undefined,
    filter.until ? lt(auditEvents.createdAt, filter.until) : undefined,
    after
      ? or(lt(auditEvents.createdAt, after.createdAt), and(eq(auditEvents.createdAt, after.createdAt), lt(auditEvents.id, after.id)))
      : undefined,
  );
}

/** The WHERE of a user search (filter and cursor). */
function userWhere(db: MysqlStore<MysqlSchema>['db'], filter: UserFilter, after: UserCursor | null) {
  const text = filter.search?.trim().toLowerCase();
  return and(
    // The email column's collation ignores case.
    text ? sql`${users.email} like ${likePattern(text)}` : undefined,
    filter.statuses?.length ? inArray(users.status, [...filter.statuses]) : undefined,
    filter.roles?.length
      ? inArray(
          users.id,
          db
            .select({ id: userRoles.userId })
            .from(userRoles)
            .where(inArray(userRoles.role, [...filter.roles])),
        )
      : undefined,
    after ? or(lt(users.createdAt, after.createdAt), and(eq(users.createdAt, after.createdAt), lt(users.id, after.id))) : undefined,
  );
}

/** Not yet expired (rows without an expiry never expire). */
const notExpired = () => or(isNull(oidcPayloads.expiresAt), gt(oidcPayloads.expiresAt, new Date()));

/** UserStore on MySQL 8 or MariaDB (mysql2), the production database of SSO. */
export class MysqlUserStore implements UserStore {
  readonly kind = 'mysql' as const;

  private constructor(private readonly store: MysqlStore<MysqlSchema>) {}

  /** Opens (creating if missing) and migrates the database named in `url`. */
  static async open(options: { url: string; logger: Logger }): Promise<MysqlUserStore> {
    return new MysqlUserStore(await openMysql({ url: options.url, schema: mysqlSchema, migrationsFolder, logger: options.logger }));
  }

  get queries() {
    return this.store.queries;
  }

  async byIds(ids: readonly string[]): Promise<UserRow[]> {
    const valid = validUuids(ids);
    if (!valid.length) return [];
    return inOrderOf(ids, await this.store.db.select(userColumns).from(users).where(inArray(users.id, valid)));
  }

  async list(limit: number, after: UserCursor | null): Promise<UserPage> {
    const where = after
      ? or(lt(users.createdAt, after.createdAt), and(eq(users.createdAt, after.createdAt), lt(users.id, after.id)))
      : undefined;
    const [rows, [total]] = await Promise.all([
      this.store.db.select(userColumns).from(users).where(where).orderBy(desc(users.createdAt), desc(users.id)).limit(limit),
      this.store.db.select({ value: count() }).from(users),
    ]);
    return { rows, totalCount: total?.value ?? 0 };
  }

  async rolesOf(userIds: readonly string[]): Promise<UserRoleRow[]> {
    const valid = validUuids(userIds);
    if (!valid.length) return [];
    return this.store.db
      .select({ userId: userRoles.userId, role: userRoles.role })
      .from(userRoles)
      .where(inArray(userRoles.userId, valid))
      .orderBy(asc(userRoles.userId), asc(userRoles.role));
  }

  async insertMany(input: readonly NewUser[]): Promise<UserRow[]> {
    const { rows, roles } = prepareUsers(input);
    try {
      await this.store.db.transaction(async (tx) => {
        for (const batch of chunks(rows)) await tx.insert(users).values(batch);
        for (const batch of chunks(roles)) await tx.insert(userRoles).values(batch);
      });
    } catch (error) {
      throw emailTaken(error) ?? error;
    }
    return rows;
  }

  readonly oidc: OidcPayloadStore = {
    find: async (type, id) => {
      const [row] = await this.store.db
        .select()
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.type, type), eq(oidcPayloads.id, id), notExpired()))
        .limit(1);
      return row ?? null;
    },
    findBy: async (type, field, value) => {
      const column = field === 'uid' ? oidcPayloads.uid : oidcPayloads.userCode;
      const [row] = await this.store.db
        .select()
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.type, type), eq(column, value), notExpired()))
        .limit(1);
      return row ?? null;
    },
    upsert: async (row: OidcPayloadRow) => {
      const { payload, grantId, userCode, uid, expiresAt, consumedAt } = row;
      await this.store.db
        .insert(oidcPayloads)
        .values(row)
        .onDuplicateKeyUpdate({ set: { payload, grantId, userCode, uid, expiresAt, consumedAt } });
    },
    consume: async (type, id, at) => {
      await this.store.db
        .update(oidcPayloads)
        .set({ consumedAt: at })
        .where(and(eq(oidcPayloads.type, type), eq(oidcPayloads.id, id)));
    },
    destroy: async (type, id) => {
      await this.store.db.delete(oidcPayloads).where(and(eq(oidcPayloads.type, type), eq(oidcPayloads.id, id)));
    },
    revokeByGrantId: async (type, grantId) => {
      await this.store.db.delete(oidcPayloads).where(and(eq(oidcPayloads.type, type), eq(oidcPayloads.grantId, grantId)));
    },
    deleteExpired: async (now) => {
      const [result] = await this.store.db.delete(oidcPayloads).where(lt(oidcPayloads.expiresAt, now));
      return result.affectedRows;
    },
    listByType: async (type) => {
      return this.store.db
        .select()
        .from(oidcPayloads)
        .where(and(eq(oidcPayloads.type, type), notExpired()))
        .orderBy(asc(oidcPayloads.id));
    },
    grantIdsFor: async (field, value) => {
      // JSON_EXTRACT reads MySQL's json and MariaDB's longtext alike; the path is one of two literals.
      const path = field === 'accountId' ? '$.accountId' : '$.clientId';
      const rows = await this.store.db
        .select({ id: oidcPayloads.id })
        .from(oidcPayloads)
        .where(
          and(
            eq(oidcPayloads.type, 'Grant'),
            eq(sql`json_unquote(json_extract(${oidcPayloads.payload}, ${sql.raw(`'${path}'`)}))`, value),
            notExpired(),
          ),
        );
      return rows.map((row) => row.id);
    },
  };

  async setStatus(userId: string, status: UserStatus, at = new Date()): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    const [result] = await this.store.db.update(users).set({ status, updatedAt: at }).where(eq(users.id, userId.toLowerCase()));
    return result.affectedRows > 0;
  }

  async setPasswordHashes(rows: readonly PasswordHashRow[]): Promise<void> {
    if (!rows.length) return;
    const now = new Date();
    await this.store.db.transaction(async (tx) => {
      for (const batch of chunks(rows)) {
        await tx
          .insert(userCredentials)
          .values(batch.map((row) => ({ userId: row.userId.toLowerCase(), passwordHash: row.passwordHash, updatedAt: now })))
          .onDuplicateKeyUpdate({ set: { passwordHash: sql`values(password_hash)`, updatedAt: sql`values(updated_at)` } });
      }
    });
  }

  async credentialsByEmail(email: string): Promise<{ user: UserRow; passwordHash: string | null } | null> {
    const [row] = await this.store.db
      .select({ user: userColumns, passwordHash: userCredentials.passwordHash })
      .from(users)
      .leftJoin(userCredentials, eq(userCredentials.userId, users.id))
      .where(eq(users.email, email.trim()))
      .limit(1);
    return row ?? null;
  }

  async providerKeys(): Promise<ProviderKeyRow[]> {
    return this.store.db.select().from(providerKeys).orderBy(asc(providerKeys.createdAt), asc(providerKeys.id));
  }

  async addProviderKey(key: ProviderKeyRow): Promise<void> {
    await this.store.db.insert(providerKeys).values(key);
  }

  async retireProviderKey(id: string, at = new Date()): Promise<boolean> {
    const [result] = await this.store.db
      .update(providerKeys)
      .set({ retiredAt: at })
      .where(and(eq(providerKeys.id, id), isNull(providerKeys.retiredAt)));
    return result.affectedRows > 0;
  }

  async recordAudit(event: NewAuditEvent): Promise<AuditEventRow> {
    const row = prepareAudit(event);
    await this.store.db.insert(auditEvents).values(row);
    return row;
  }

  async listAudit(filter: AuditFilter, page: { limit: number; after: AuditCursor | null }): Promise<AuditPage> {
    const [rows, [total]] = await Promise.all([
      this.store.db
        .select()
        .from(auditEvents)
        .where(auditWhere(filter, page.after))
        .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
        .limit(page.limit),
      this.store.db.select({ value: count() }).from(auditEvents).where(auditWhere(filter, null)),
    ]);
    return { rows, totalCount: total?.value ?? 0 };
  }

  async mfaOf(userId: string): Promise<MfaRow | null> {
    if (!validUuids([userId]).length) return null;
    const [row] = await this.store.db.select().from(userMfa).where(eq(userMfa.userId, userId.toLowerCase())).limit(1);
    return row ?? null;
  }

  async saveMfaSecret(userId: string, encryptedSecret: string, at = new Date()): Promise<void> {
    await this.store.db
      .insert(userMfa)
      .values({ userId: userId.toLowerCase(), totpSecret: encryptedSecret, confirmedAt: null, lastUsedStep: null, createdAt: at })
      .onDuplicateKeyUpdate({ set: { totpSecret: encryptedSecret, confirmedAt: null, lastUsedStep: null, createdAt: at } });
  }

  async confirmMfa(userId: string, step: number, at = new Date()): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    return (
      (await this.store.db.update(userMfa).set({ confirmedAt: at, lastUsedStep: step }).where(eq(userMfa.userId, userId.toLowerCase())))[0]
        .affectedRows > 0
    );
  }

  async useTotpStep(userId: string, step: number): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    return (
      (
        await this.store.db
          .update(userMfa)
          .set({ lastUsedStep: step })
          .where(and(eq(userMfa.userId, userId.toLowerCase()), or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, step))))
      )[0].affectedRows > 0
    );
  }

  async deleteMfa(userId: string): Promise<void> {
    if (!validUuids([userId]).length) return;
    const id = userId.toLowerCase();
    await this.store.db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
      await tx.delete(userMfa).where(eq(userMfa.userId, id));
    });
  }

  async replaceRecoveryCodes(userId: string, codeHashes: readonly string[], at = new Date()): Promise<void> {
    const id = userId.toLowerCase();
    await this.store.db.transaction(async (tx) => {
      await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
      if (codeHashes.length) {
        await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId: id, codeHash, usedAt: null, createdAt: at })));
      }
    });
  }

  async useRecoveryCode(userId: string, codeHash: string, at = new Date()): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    return (
      (
        await this.store.db
          .update(recoveryCodes)
          .set({ usedAt: at })
          .where(and(eq(recoveryCodes.userId, userId.toLowerCase()), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
      )[0].affectedRows > 0
    );
  }

  async unusedRecoveryCodes(userId: string): Promise<number> {
    if (!validUuids([userId]).length) return 0;
    const [row] = await this.store.db
      .select({ value: count() })
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, userId.toLowerCase()), isNull(recoveryCodes.usedAt)));
    return row?.value ?? 0;
  }

  // ---- accounts ----

  async search(filter: UserFilter, limit: number, after: UserCursor | null): Promise<UserPage> {
    const db = this.store.db;
    const [rows, [total]] = await Promise.all([
      db
        .select(userColumns)
        .from(users)
        .where(userWhere(db, filter, after))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(limit),
      db
        .select({ value: count() })
        .from(users)
        .where(userWhere(db, filter, null)),
    ]);
    return { rows, totalCount: total?.value ?? 0 };
  }

  async setStatusWithReason(userId: string, status: UserStatus, reason: string | null, at = new Date()): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    const [result] = await this.store.db
      .update(users)
      .set({ status, statusReason: reason, updatedAt: at })
      .where(eq(users.id, userId.toLowerCase()));
    // Without FOUND_ROWS an unchanged row counts 0: then existence decides.
    return result.affectedRows > 0 || (await this.exists(userId));
  }

  private async exists(userId: string): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    const rows = await this.store.db.select({ id: users.id }).from(users).where(eq(users.id, userId.toLowerCase())).limit(1);
    return rows.length > 0;
  }

  async addRole(userId: string, role: Role): Promise<boolean> {
    if (!(await this.exists(userId))) return false;
    const id = userId.toLowerCase();
    await this.store.db
      .insert(userRoles)
      .values({ userId: id, role })
      .onDuplicateKeyUpdate({ set: { role: sql`${userRoles.role}` } });
    return true;
  }

  async removeRole(userId: string, role: Role): Promise<boolean> {
    if (!(await this.exists(userId))) return false;
    await this.store.db.delete(userRoles).where(and(eq(userRoles.userId, userId.toLowerCase()), eq(userRoles.role, role)));
    return true;
  }

  async markEmailVerified(userId: string, at = new Date()): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    const [result] = await this.store.db
      .update(users)
      .set({
        emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${at})`,
        status: sql`case when ${users.status} = 'PENDING_VERIFICATION' then 'ACTIVE' else ${users.status} end`,
        updatedAt: at,
      })
      .where(eq(users.id, userId.toLowerCase()));
    return result.affectedRows > 0 || (await this.exists(userId));
  }

  async recordLogin(userId: string, at = new Date()): Promise<void> {
    if (!validUuids([userId]).length) return;
    await this.store.db.update(users).set({ lastLoginAt: at }).where(eq(users.id, userId.toLowerCase()));
  }

  async mfaEnabledOf(userIds: readonly string[]): Promise<Set<string>> {
    const valid = validUuids(userIds);
    if (!valid.length) return new Set();
    const rows = await this.store.db
      .select({ userId: userMfa.userId })
      .from(userMfa)
      .where(and(inArray(userMfa.userId, valid), isNotNull(userMfa.confirmedAt)));
    return new Set(rows.map((row) => row.userId));
  }

  async passwordHashOf(userId: string): Promise<string | null> {
    if (!validUuids([userId]).length) return null;
    const [row] = await this.store.db
      .select({ hash: userCredentials.passwordHash })
      .from(userCredentials)
      .where(eq(userCredentials.userId, userId.toLowerCase()))
      .limit(1);
    return row?.hash ?? null;
  }

  async linkedIdentitiesOf(userIds: readonly string[]): Promise<LinkedIdentityRow[]> {
    const valid = validUuids(userIds);
    if (!valid.length) return [];
    return this.store.db
      .select()
      .from(linkedIdentities)
      .where(inArray(linkedIdentities.userId, valid))
      .orderBy(asc(linkedIdentities.createdAt), asc(linkedIdentities.provider), asc(linkedIdentities.subject));
  }

  async userByLinkedIdentity(provider: string, subject: string): Promise<UserRow | null> {
    const [row] = await this.store.db
      .select(userColumns)
      .from(linkedIdentities)
      .innerJoin(users, eq(users.id, linkedIdentities.userId))
      .where(and(eq(linkedIdentities.provider, provider), eq(linkedIdentities.subject, subject)))
      .limit(1);
    return row ?? null;
  }

  async linkIdentity(input: NewLinkedIdentity): Promise<LinkedIdentityRow> {
    const row: LinkedIdentityRow = { ...input, userId: input.userId.toLowerCase(), createdAt: input.createdAt ?? new Date() };
    await this.store.db
      .insert(linkedIdentities)
      .values(row)
      .onDuplicateKeyUpdate({ set: { provider: sql`${linkedIdentities.provider}` } });
    const [stored] = await this.store.db
      .select()
      .from(linkedIdentities)
      .where(and(eq(linkedIdentities.provider, row.provider), eq(linkedIdentities.subject, row.subject)))
      .limit(1);
    if (!stored) throw new Error(`Linking ${row.provider} account failed`);
    if (stored.userId !== row.userId) throw new LinkTakenError(row.provider, row.subject);
    return stored;
  }

  async unlinkIdentity(userId: string, provider: string, subject: string): Promise<boolean> {
    if (!validUuids([userId]).length) return false;
    const [result] = await this.store.db
      .delete(linkedIdentities)
      .where(
        and(
          eq(linkedIdentities.userId, userId.toLowerCase()),
          eq(linkedIdentities.provider, provider),
          eq(linkedIdentities.subject, subject),
        ),
      );
    return result.affectedRows > 0;
  }

  async upsertSession(row: UserSessionRow): Promise<void> {
    const values = {
      ...row,
      userId: row.userId.toLowerCase(),
      ip: row.ip?.slice(0, 64) ?? null,
      userAgent: row.userAgent?.slice(0, 512) ?? null,
    };
    const { userId, ip, userAgent, lastSeenAt, expiresAt } = values;
    await this.store.db.insert(userSessions).values(values).onDuplicateKeyUpdate({ set: { userId, ip, userAgent, lastSeenAt, expiresAt } });
  }

  async touchSession(id: string, at: Date, expiresAt?: Date | null): Promise<void> {
    await this.store.db
      .update(userSessions)
      .set(expiresAt === undefined ? { lastSeenAt: at } : { lastSeenAt: at, expiresAt })
      .where(and(eq(userSessions.id, id), lte(userSessions.lastSeenAt, at)));
  }

  async sessionsOf(userId: string, now = new Date()): Promise<UserSessionRow[]> {
    if (!validUuids([userId]).length) return [];
    return this.store.db
      .select()
      .from(userSessions)
      .where(and(eq(userSessions.userId, userId.toLowerCase()), or(isNull(userSessions.expiresAt), gt(userSessions.expiresAt, now))))
      .orderBy(desc(userSessions.lastSeenAt), desc(userSessions.id));
  }

  async sessionById(id: string): Promise<UserSessionRow | null> {
    const [row] = await this.store.db.select().from(userSessions).where(eq(userSessions.id, id)).limit(1);
    return row ?? null;
  }

  async deleteSessions(ids: readonly string[]): Promise<number> {
    if (!ids.length) return 0;
    const [result] = await this.store.db.delete(userSessions).where(inArray(userSessions.id, [...ids]));
    return result.affectedRows;
  }

  async deleteExpiredSessions(now: Date): Promise<number> {
    const [result] = await this.store.db.delete(userSessions).where(lt(userSessions.expiresAt, now));
    return result.affectedRows;
  }

  async createAccountToken(row: NewAccountToken): Promise<void> {
    await this.store.db
      .insert(accountTokens)
      .values({ ...row, userId: row.userId.toLowerCase(), usedAt: null, createdAt: row.createdAt ?? new Date() });
  }

  async useAccountToken(tokenHash: string, purpose: AccountTokenPurpose, now = new Date()): Promise<AccountTokenRow | null> {
    // The conditional UPDATE is the atomic step: of two concurrent uses only one changes the row.
    const [result] = await this.store.db
      .update(accountTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(accountTokens.tokenHash, tokenHash),
          eq(accountTokens.purpose, purpose),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, now),
        ),
      );
    if (result.affectedRows === 0) return null;
    const [row] = await this.store.db.select().from(accountTokens).where(eq(accountTokens.tokenHash, tokenHash)).limit(1);
    return row ?? null;
  }

  async revokeAccountTokens(userId: string, purpose: AccountTokenPurpose, at = new Date()): Promise<void> {
    if (!validUuids([userId]).length) return;
    await this.store.db
      .update(accountTokens)
      .set({ usedAt: at })
      .where(and(eq(accountTokens.userId, userId.toLowerCase()), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)));
  }

  async deleteExpiredAccountTokens(now: Date): Promise<number> {
    const [result] = await this.store.db.delete(accountTokens).where(lt(accountTokens.expiresAt, now));
    return result.affectedRows;
  }

  async isEmpty(): Promise<boolean> {
    const rows = await this.store.db.select({ id: users.id }).from(users).limit(1);
    return rows.length === 0;
  }

  ping(): Promise<void> {
    return this.store.ping();
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
