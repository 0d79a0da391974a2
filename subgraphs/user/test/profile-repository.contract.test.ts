import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { openPostgres, type PostgresStore } from '@market/stores';
import { freshPostgres, testEnv, testLogger } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergePreferences } from '../src/domain/preferences';
import { savedPreferences } from '../src/profile-service';
import { addressOf, createProfileRepository, type ProfileRepository } from '../src/store/repository';
import { schema, type UserSchema } from '../src/store/schema';
import { demoProfiles } from '../src/store/seed';

// The repository's SQL against every PostgreSQL this machine has: PGlite always (in memory), and
// the real server when DATABASE_URL is set (CI sets it), each on the committed migrations.

const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));
const logger = testLogger('user-store');

interface Opened {
  store: PostgresStore<UserSchema>;
  cleanup: () => Promise<void>;
}
const openPglite = async (): Promise<Opened> => ({
  store: await openPostgres({ schema, migrationsFolder, logger }),
  cleanup: async () => {},
});
const openServer = async (): Promise<Opened> => {
  const db = await freshPostgres('user_store');
  return { store: await openPostgres({ url: db.url, schema, migrationsFolder, logger }), cleanup: db.cleanup };
};

describe('ProfileRepository on PGlite (embedded)', () => contract(openPglite));
describe.skipIf(!testEnv.DATABASE_URL)(
  testEnv.DATABASE_URL
    ? 'ProfileRepository on PostgreSQL'
    : 'ProfileRepository on PostgreSQL (skipped: set DATABASE_URL to run against PostgreSQL)',
  () => contract(openServer),
);

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 12, minute));

function contract(open: () => Promise<Opened>) {
  let opened: Opened;
  let repo: ProfileRepository;
  beforeAll(async () => {
    opened = await open();
    repo = createProfileRepository(opened.store.db);
  });
  afterAll(async () => {
    await opened?.store.close();
    await opened?.cleanup();
  });

  const withProfile = async (displayName = 'Repo User') => {
    const userId = randomUUID();
    await repo.saveProfile(userId, { displayName }, at(0));
    return userId;
  };

  it('creates a profile with the defaults, then changes only the columns a change names', async () => {
    const userId = randomUUID();
    expect(await repo.saveProfile(userId, { bio: 'no name' }, at(0))).toBeNull();
    const created = await repo.saveProfile(userId, { displayName: 'Ada' }, at(1));
    expect(created).toMatchObject({ displayName: 'Ada', locale: 'en-GB', timezone: 'UTC', phone: null, phoneVerified: false, bio: null });
    expect(created?.createdAt).toEqual(at(1));

    const address = { line1: 'Am Markt 1', line2: null, postalCode: '04109', city: 'Leipzig', region: 'DE-SN', country: 'DE' };
    const changed = await repo.saveProfile(userId, { bio: 'Hello', address, timezone: 'Europe/Berlin' }, at(2));
    expect(changed).toMatchObject({ displayName: 'Ada', bio: 'Hello', timezone: 'Europe/Berlin', updatedAt: at(2) });
    expect(addressOf(changed!)).toEqual(address);

    const cleared = await repo.saveProfile(userId, { address: null }, at(3));
    expect(addressOf(cleared!)).toBeNull();
    expect(cleared?.bio).toBe('Hello');
  });

  it('loads many profiles and preferences in one query each, skipping ids that are not UUIDs', async () => {
    const a = await withProfile('A');
    const b = await withProfile('B');
    await repo.updatePreferences(b, () => ({ theme: 'DARK' }), at(0));
    const before = opened.store.queries.count;
    const rows = await repo.profilesOf([a, 'nope', b, randomUUID()]);
    expect(rows.map((r) => r.displayName).sort()).toEqual(['A', 'B']);
    expect((await repo.preferencesOf([a, b])).map((r) => r.userId)).toEqual([b]);
    expect(opened.store.queries.count - before).toBe(2);
    expect(await repo.profilesOf(['nope'])).toEqual([]);
  });

  it('keeps concurrent preference updates of different categories both', async () => {
    const userId = await withProfile();
    const categories = ['ORDERS', 'MESSAGES', 'PAYMENTS', 'MARKETING'] as const;
    await Promise.all(
      categories.map((category) =>
        repo.updatePreferences(
          userId,
          (saved) => mergePreferences(savedPreferences(saved), { channels: [{ category, channels: ['SMS'] }] }),
          at(1),
        ),
      ),
    );
    const [row] = await repo.preferencesOf([userId]);
    expect(row?.channels).toEqual({ ORDERS: ['SMS'], MESSAGES: ['SMS'], PAYMENTS: ['SMS'], MARKETING: ['SMS'] });
  });

  const verification = (userId: string, sentAt: Date, codeHash: string = randomUUID()) => ({
    userId,
    phone: '+4915112345678',
    codeHash,
    salt: 'salt',
    attemptsLeft: 5,
    expiresAt: new Date(sentAt.getTime() + 600_000),
    sentAt,
  });

  it('starts one verification per minute: of two concurrent requests exactly one wins', async () => {
    const userId = await withProfile();
    expect(await repo.startVerification(verification(userId, at(0)), at(-1))).toMatchObject({ sentAt: at(0) });
    // Within the minute: refused, the first code stays.
    const halfMinuteLater = new Date(at(0).getTime() + 30_000);
    expect(await repo.startVerification(verification(userId, halfMinuteLater), new Date(halfMinuteLater.getTime() - 60_000))).toBeNull();
    const results = await Promise.all([
      repo.startVerification(verification(userId, at(2), 'first'), at(1)),
      repo.startVerification(verification(userId, at(2), 'second'), at(1)),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect((await repo.verificationOf(userId))?.codeHash).toBe(results.find(Boolean)?.codeHash);
  });

  it('spends attempts under a lock (never below zero) and completes into the verified phone', async () => {
    const userId = await withProfile();
    await repo.startVerification(verification(userId, at(0)), at(-1));
    const left = await Promise.all(Array.from({ length: 7 }, () => repo.withVerification(userId, (_row, locked) => locked.spendAttempt())));
    expect(left.sort()).toEqual([0, 0, 0, 1, 2, 3, 4]);

    await repo.startVerification(verification(userId, at(5)), at(4));
    const profile = await repo.withVerification(userId, (_row, locked) => locked.complete(at(6)));
    expect(profile).toMatchObject({ phone: '+4915112345678', phoneVerified: true, updatedAt: at(6) });
    expect(await repo.verificationOf(userId)).toBeNull();

    const removed = await repo.removePhone(userId, at(7));
    expect(removed).toMatchObject({ phone: null, phoneVerified: false });
    expect(await repo.removePhone(randomUUID(), at(7))).toBeNull();
  });

  it('seeds the demo profiles with their addresses, phones and preferences', async () => {
    const { profiles, preferences } = demoProfiles();
    await repo.insertMany(profiles, preferences);
    const stored = await repo.profilesOf(profiles.map((p) => p.userId));
    expect(stored).toHaveLength(profiles.length);
    expect(stored.filter((p) => p.timezone === 'Europe/Berlin').length).toBeGreaterThan(profiles.length / 2);
    expect(stored.filter((p) => p.phoneVerified && p.phone?.startsWith('+49')).length).toBeGreaterThan(0);
    expect(stored.filter((p) => addressOf(p)).length).toBeGreaterThan(0);
    expect((await repo.preferencesOf(profiles.map((p) => p.userId))).length).toBe(preferences.length);
  });
}
