import { inArray } from 'drizzle-orm';
import { validUuids } from '@market/kit';
import type { PgDb } from '@market/stores';
import { profiles, type NewProfile, type ProfileRow, type UserSchema } from './schema';

// Rows per INSERT: far below PostgreSQL's 65,535 bind parameters.
const INSERT_CHUNK = 1_000;

/** Every SQL statement of the user subgraph lives here. */
export function createProfileRepository(db: PgDb<UserSchema>) {
  return {
    /** Profiles of many users in one query; users without a profile have no row. */
    profilesOf: async (userIds: readonly string[]): Promise<ProfileRow[]> => {
      const valid = validUuids(userIds);
      return valid.length ? db.select().from(profiles).where(inArray(profiles.userId, valid)) : [];
    },
    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ userId: profiles.userId }).from(profiles).limit(1);
      return rows.length === 0;
    },
    /** Inserts profiles in one transaction: all of them or none. */
    insertMany: async (rows: readonly NewProfile[]): Promise<void> => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(profiles).values(rows.slice(i, i + INSERT_CHUNK));
      });
    },
  };
}
export type ProfileRepository = ReturnType<typeof createProfileRepository>;
