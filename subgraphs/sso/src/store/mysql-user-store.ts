import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Logger } from '@market/kit';
import { validUuids } from '@market/kit';
import { openMysql, type MysqlStore } from '@market/stores';
import { mysqlSchema, userRoles, users, type MysqlSchema } from './mysql-schema';
import {
  chunks,
  EmailTakenError,
  findCause,
  inOrderOf,
  prepareUsers,
  type NewUser,
  type UserCursor,
  type UserPage,
  type UserRoleRow,
  type UserRow,
  type UserStore,
} from './user-store';

const migrationsFolder = fileURLToPath(new URL('../../drizzle/mysql', import.meta.url));

const userColumns = { id: users.id, email: users.email, status: users.status, createdAt: users.createdAt, updatedAt: users.updatedAt };

/** ER_DUP_ENTRY (1062) on the email index, with the email from the message when present. */
function emailTaken(error: unknown): EmailTakenError | undefined {
  return findCause(error, (e) => {
    if (e.errno !== 1062 || typeof e.message !== 'string' || !/for key '(?:users\.)?users_email_unique'/.test(e.message)) return undefined;
    return new EmailTakenError(/^Duplicate entry '(.*)' for key/.exec(e.message)?.[1] ?? null);
  });
}

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
