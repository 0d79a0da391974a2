import { fileURLToPath } from 'node:url';
import { and, asc, count, desc, eq, inArray, lt, or } from 'drizzle-orm';
import type { Logger } from '@market/kit';
import { validUuids } from '@market/kit';
import { openPostgres, type PostgresStore } from '@market/stores';
import { pgSchema, userRoles, users, type PgSchema } from './pg-schema';
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

const migrationsFolder = fileURLToPath(new URL('../../drizzle/pg', import.meta.url));

const userColumns = { id: users.id, email: users.email, status: users.status, createdAt: users.createdAt, updatedAt: users.updatedAt };

/** PostgreSQL 23505 on the email index, with the email from the error detail when present. */
function emailTaken(error: unknown): EmailTakenError | undefined {
  return findCause(error, (e) => {
    if (e.code !== '23505' || e.constraint !== 'users_email_unique') return undefined;
    const detail = typeof e.detail === 'string' ? /=\((.*)\) already exists/.exec(e.detail)?.[1] : undefined;
    return new EmailTakenError(detail ?? null);
  });
}

/** UserStore on a PostgreSQL server (pg) or on embedded PGlite. */
export class PgUserStore implements UserStore {
  private constructor(private readonly store: PostgresStore<PgSchema>) {}

  /** `url` set: that server's database (created if missing). Else PGlite in `dataDir`, or in memory without one. */
  static async open(options: { url?: string | undefined; dataDir?: string | undefined; logger: Logger }): Promise<PgUserStore> {
    return new PgUserStore(
      await openPostgres({ url: options.url, dataDir: options.dataDir, schema: pgSchema, migrationsFolder, logger: options.logger }),
    );
  }

  get kind() {
    return this.store.kind;
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
