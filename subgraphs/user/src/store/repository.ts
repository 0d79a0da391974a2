import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { validUuids } from '@market/kit';
import { anyOf, type PgDb } from '@market/stores';
import type { Address, ProfileChange } from '../domain/validation';
import {
  phoneVerifications,
  preferences,
  profiles,
  type NewPreferences,
  type NewProfile,
  type PhoneVerificationRow,
  type PreferencesRow,
  type ProfileRow,
  type UserSchema,
} from './schema';

// Rows per INSERT: far below PostgreSQL's 65,535 bind parameters.
const INSERT_CHUNK = 1_000;

/** The address columns of a profile row from an address (null clears all of them). */
function addressColumns(address: Address | null) {
  return {
    addressLine1: address?.line1 ?? null,
    addressLine2: address?.line2 ?? null,
    addressPostalCode: address?.postalCode ?? null,
    addressCity: address?.city ?? null,
    addressRegion: address?.region ?? null,
    addressCountry: address?.country ?? null,
  };
}

/** The columns a validated profile change writes (fields it leaves out are not touched). */
function profileColumns(change: ProfileChange): Partial<NewProfile> {
  return {
    ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
    ...(change.avatarFileId !== undefined ? { avatarFileId: change.avatarFileId } : {}),
    ...(change.bio !== undefined ? { bio: change.bio } : {}),
    ...(change.locale !== undefined ? { locale: change.locale } : {}),
    ...(change.timezone !== undefined ? { timezone: change.timezone } : {}),
    ...(change.address !== undefined ? addressColumns(change.address) : {}),
  };
}

/** The profile's address, or null when it has none. */
export function addressOf(row: ProfileRow): Address | null {
  if (!row.addressLine1 || !row.addressPostalCode || !row.addressCity || !row.addressCountry) return null;
  return {
    line1: row.addressLine1,
    line2: row.addressLine2,
    postalCode: row.addressPostalCode,
    city: row.addressCity,
    region: row.addressRegion,
    country: row.addressCountry,
  };
}

/** What confirmPhoneVerification may do with the pending verification it holds locked. */
export interface LockedVerification {
  /** Spends one attempt; returns the attempts left. */
  spendAttempt: () => Promise<number>;
  /** Makes the pending number the profile's verified phone and ends the verification; null without a profile. */
  complete: (now: Date) => Promise<ProfileRow | null>;
}

/** Every SQL statement of the user subgraph lives here. */
export function createProfileRepository(db: PgDb<UserSchema>) {
  // Every entity fetch of User.profile reads this (prepared once: see anyOf).
  const profilesById = db.select().from(profiles).where(anyOf(profiles.userId, 'ids')).prepare('user_profiles_by_id');
  return {
    /** Profiles of many users in one query; users without a profile have no row. */
    profilesOf: async (userIds: readonly string[]): Promise<ProfileRow[]> => {
      const valid = validUuids(userIds);
      return valid.length ? profilesById.execute({ ids: valid }) : [];
    },

    /** Saved preferences of many users in one query; users who never saved any have no row. */
    preferencesOf: async (userIds: readonly string[]): Promise<PreferencesRow[]> => {
      const valid = validUuids(userIds);
      return valid.length ? db.select().from(preferences).where(inArray(preferences.userId, valid)) : [];
    },

    profileOf: async (userId: string): Promise<ProfileRow | null> => {
      const [row] = await db.select().from(profiles).where(eq(profiles.userId, userId));
      return row ?? null;
    },

    /**
     * Writes a validated change: creates the profile when the user has none (the change then
     * carries the display name), else updates only the fields the change names. Null when
     * there is no profile to update and the change cannot create one.
     */
    saveProfile: async (userId: string, change: ProfileChange, now: Date): Promise<ProfileRow | null> => {
      const columns = { ...profileColumns(change), updatedAt: now };
      if (change.displayName !== undefined) {
        const [row] = await db
          .insert(profiles)
          .values({ ...columns, userId, displayName: change.displayName, createdAt: now })
          .onConflictDoUpdate({ target: profiles.userId, set: columns })
          .returning();
        return row ?? null;
      }
      const [row] = await db.update(profiles).set(columns).where(eq(profiles.userId, userId)).returning();
      return row ?? null;
    },

    /**
     * Changes a user's saved preferences under a row lock, so two concurrent updates naming
     * different categories both survive. `change` gets the saved row (all defaults when new).
     */
    updatePreferences: async (
      userId: string,
      change: (saved: PreferencesRow | null) => Omit<NewPreferences, 'userId' | 'updatedAt'>,
      now: Date,
    ): Promise<PreferencesRow> =>
      db.transaction(async (tx) => {
        // A row to lock first: without one, concurrent first updates would not wait for each other.
        await tx.insert(preferences).values({ userId, updatedAt: now }).onConflictDoNothing({ target: preferences.userId });
        const [locked] = await tx.select().from(preferences).where(eq(preferences.userId, userId)).for('update');
        const [row] = await tx
          .update(preferences)
          .set({ ...change(locked ?? null), updatedAt: now })
          .where(eq(preferences.userId, userId))
          .returning();
        if (!row) throw new Error(`preferences of ${userId} were not written`);
        return row;
      }),

    /** The user's pending (or expired, or used-up) phone verification. */
    verificationOf: async (userId: string): Promise<PhoneVerificationRow | null> => {
      const [row] = await db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, userId));
      return row ?? null;
    },

    /**
     * Replaces the user's verification with a new code, unless the last one was sent after
     * `throttledAfter` (then null). One statement, so two concurrent requests cannot both send.
     */
    startVerification: async (row: PhoneVerificationRow, throttledAfter: Date): Promise<PhoneVerificationRow | null> => {
      const { userId: _userId, ...replacement } = row;
      const [written] = await db
        .insert(phoneVerifications)
        .values(row)
        .onConflictDoUpdate({
          target: phoneVerifications.userId,
          set: replacement,
          setWhere: lte(phoneVerifications.sentAt, throttledAfter),
        })
        .returning();
      return written ?? null;
    },

    /** Removes a verification whose code could not be sent, so the user may ask again at once. */
    discardVerification: async (userId: string, codeHash: string): Promise<void> => {
      await db.delete(phoneVerifications).where(and(eq(phoneVerifications.userId, userId), eq(phoneVerifications.codeHash, codeHash)));
    },

    /**
     * Runs `use` with the user's verification locked (null when there is none), in one transaction:
     * concurrent confirmations of one user take turns, so attempts cannot be overspent.
     */
    withVerification: async <T>(
      userId: string,
      use: (row: PhoneVerificationRow | null, locked: LockedVerification) => Promise<T>,
    ): Promise<T> =>
      db.transaction(async (tx) => {
        const [row] = await tx.select().from(phoneVerifications).where(eq(phoneVerifications.userId, userId)).for('update');
        return use(row ?? null, {
          spendAttempt: async () => {
            const [spent] = await tx
              .update(phoneVerifications)
              .set({ attemptsLeft: sql`greatest(${phoneVerifications.attemptsLeft} - 1, 0)` })
              .where(eq(phoneVerifications.userId, userId))
              .returning({ attemptsLeft: phoneVerifications.attemptsLeft });
            return spent?.attemptsLeft ?? 0;
          },
          complete: async (now) => {
            if (!row) return null;
            const [profile] = await tx
              .update(profiles)
              .set({ phone: row.phone, phoneVerified: true, updatedAt: now })
              .where(eq(profiles.userId, userId))
              .returning();
            if (profile) await tx.delete(phoneVerifications).where(eq(phoneVerifications.userId, userId));
            return profile ?? null;
          },
        });
      }),

    /** Removes the phone number and any pending verification; null without a profile. */
    removePhone: async (userId: string, now: Date): Promise<ProfileRow | null> =>
      db.transaction(async (tx) => {
        await tx.delete(phoneVerifications).where(eq(phoneVerifications.userId, userId));
        const [row] = await tx
          .update(profiles)
          .set({ phone: null, phoneVerified: false, updatedAt: now })
          .where(eq(profiles.userId, userId))
          .returning();
        return row ?? null;
      }),

    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ userId: profiles.userId }).from(profiles).limit(1);
      return rows.length === 0;
    },

    /** Inserts profiles and preferences in one transaction: all of them or none. */
    insertMany: async (rows: readonly NewProfile[], preferenceRows: readonly NewPreferences[] = []): Promise<void> => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) await tx.insert(profiles).values(rows.slice(i, i + INSERT_CHUNK));
        for (let i = 0; i < preferenceRows.length; i += INSERT_CHUNK)
          await tx.insert(preferences).values(preferenceRows.slice(i, i + INSERT_CHUNK));
      });
    },
  };
}
export type ProfileRepository = ReturnType<typeof createProfileRepository>;
