import { randomUUID } from 'node:crypto';
import { demoData } from '@market/demo-data';
import { createLogger } from '@market/kit';
import { freshPostgres, tempDataDir, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type UserService } from '../src/service';
import { gatewayIdentity, viewer, type GatewayIdentity } from './gateway';

// The mutations and the private fields through the subgraph's GraphQL, called as the gateway calls it
// (signed identities). Phone codes go through the embedded sender, which logs them: the tests read
// them from the captured log lines. The clock of phone verification is the test's.
// Runs on PostgreSQL when DATABASE_URL is set, otherwise on PGlite in a temporary folder.

const FILE_PUBLIC_URL = 'https://files.example.test';
const demo = demoData();
const casey = demo.users.find((u) => u.email === 'customer@example.com')!;
const robin = demo.users.find((u) => u.roles.includes('CUSTOMER') && u.id !== casey.id)!;
const admin = demo.users.find((u) => u.roles.includes('ADMIN'))!;

const asCasey = viewer(casey.id);
const asRobin = viewer(robin.id);
const asUserAdmin = viewer(admin.id, ['ADMIN'], ['admin:users']);
const asAdminWithoutScope = viewer(admin.id, ['ADMIN'], ['admin:orders']);

let db: Provisioned;
let data: { dir: string; cleanup: () => Promise<void> };
let identity: GatewayIdentity;
let service: UserService;
let clock = new Date('2026-06-01T12:00:00Z');
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  db = await freshPostgres('user_profiles');
  data = tempDataDir('user-profiles');
  identity = await gatewayIdentity();
  const logger = createLogger({
    service: 'user',
    level: 'info',
    destination: { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
  });
  service = await startService(
    loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DATA_DIR: data.dir,
      NODE_ENV: 'test',
      FILE_PUBLIC_URL: `${FILE_PUBLIC_URL}/`,
      ...identity.env,
    }),
    { logger, now: () => clock },
  );
});
afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
  await data?.cleanup();
});

interface Address {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
}
interface Profile {
  displayName: string;
  avatar: { id: string } | null;
  avatarUrl: string | null;
  bio: string | null;
  phone: string | null;
  phoneVerified: boolean;
  locale: string;
  timezone: string;
  address: Address | null;
  updatedAt: string;
}
interface Preferences {
  channels: { category: string; channels: string[] }[];
  privacy: { showPhoneToAgencies: boolean; showOnlineStatus: boolean; allowAnalytics: boolean };
  language: string;
  theme: string;
}
interface ErrorExtensions {
  code: string;
  field?: string;
  fields?: { field: string; message: string }[];
  attemptsLeft?: number;
  retryAfterSeconds?: number;
}

const PROFILE =
  'displayName avatar { id } avatarUrl bio phone phoneVerified locale timezone address { line1 line2 postalCode city region country } updatedAt';
const PREFERENCES = 'channels { category channels } privacy { showPhoneToAgencies showOnlineStatus allowAnalytics } language theme';

/** What `as` sees of a user: profile and preferences, through `_entities` as the gateway asks. */
async function read(as: ReturnType<typeof viewer> | null, userId: string) {
  const result = await identity.call<{ _entities: { profile: Profile | null; preferences: Preferences | null }[] }>(
    service,
    as,
    `query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { profile { ${PROFILE} } preferences { ${PREFERENCES} } } } }`,
    { r: [{ __typename: 'User', id: userId }] },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities[0]!;
}

async function mutate<T>(
  as: ReturnType<typeof viewer> | null,
  field: string,
  args: string,
  selection: string,
  variables: Record<string, unknown>,
) {
  const result = await identity.call<Record<string, T>>(
    service,
    as,
    `mutation ${args ? `(${args})` : ''} { ${field} ${selection} }`,
    variables,
  );
  return {
    data: result.data?.[field.split('(')[0]!] ?? null,
    errors: result.errors,
    error: result.errors?.[0]?.extensions as ErrorExtensions | undefined,
    message: result.errors?.[0]?.message,
  };
}

const updateProfile = (as: ReturnType<typeof viewer> | null, input: Record<string, unknown>) =>
  mutate<Profile>(as, 'updateProfile(input: $input)', '$input: UpdateProfileInput!', `{ ${PROFILE} }`, { input });
const updatePreferences = (as: ReturnType<typeof viewer> | null, input: Record<string, unknown>) =>
  mutate<Preferences>(as, 'updatePreferences(input: $input)', '$input: UpdatePreferencesInput!', `{ ${PREFERENCES} }`, { input });
const startPhone = (as: ReturnType<typeof viewer> | null, phone: string) =>
  mutate<{ phone: string; expiresAt: string; attemptsLeft: number }>(
    as,
    'startPhoneVerification(phone: $phone)',
    '$phone: String!',
    '{ phone expiresAt attemptsLeft }',
    { phone },
  );
const confirmPhone = (as: ReturnType<typeof viewer> | null, code: string) =>
  mutate<Profile>(as, 'confirmPhoneVerification(code: $code)', '$code: String!', `{ ${PROFILE} }`, { code });

/** The last code the embedded sender logged for a user. */
function loggedCode(userId: string): { code: string; phone: string } {
  const line = logLines.filter((l) => l.component === 'phone-codes' && l.userId === userId).at(-1);
  expect(line, `no code logged for ${userId}`).toBeDefined();
  return { code: String(line!.code), phone: String(line!.phone) };
}
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
/** A signed-in user who has a profile (made through updateProfile), with nothing else. */
async function newUser(displayName = 'Test User') {
  const as = viewer(randomUUID());
  expect((await updateProfile(as, { displayName })).errors).toBeUndefined();
  return as;
}

describe('visibility', () => {
  it('shows phone and address to the user and to user admins only; preferences to the user only', async () => {
    const own = await read(asCasey, casey.id);
    expect(own.profile?.phone).toMatch(/^\+49\d+$/);
    expect(own.profile?.phoneVerified).toBe(true);
    expect(own.profile?.address).toMatchObject({ country: 'DE' });
    expect(own.preferences).not.toBeNull();

    const byAdmin = await read(asUserAdmin, casey.id);
    expect(byAdmin.profile?.phone).toBe(own.profile?.phone);
    expect(byAdmin.profile?.address).toEqual(own.profile?.address);
    expect(byAdmin.preferences).toBeNull();

    for (const other of [asRobin, asAdminWithoutScope, null]) {
      const seen = await read(other, casey.id);
      expect(seen.profile).toMatchObject({ displayName: 'Casey Customer', phone: null, address: null, phoneVerified: true });
      expect(seen.preferences).toBeNull();
    }
  });
});

describe('updateProfile', () => {
  it('refuses anonymous callers', async () => {
    const { error } = await updateProfile(null, { bio: 'x' });
    expect(error?.code).toBe('UNAUTHENTICATED');
  });

  it('creates the profile of a new registration on the first update, which needs a display name', async () => {
    const fresh = viewer(randomUUID());
    expect((await read(fresh, fresh.id)).profile).toBeNull();

    const refused = await updateProfile(fresh, { bio: 'New here' });
    expect(refused.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
    expect((await read(fresh, fresh.id)).profile).toBeNull();

    const created = await updateProfile(fresh, { displayName: '  Nora New ', locale: 'de-de', timezone: 'Europe/Berlin' });
    expect(created.errors).toBeUndefined();
    expect(created.data).toMatchObject({
      displayName: 'Nora New',
      bio: null,
      phone: null,
      phoneVerified: false,
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      address: null,
      avatarUrl: null,
      updatedAt: clock.toISOString(),
    });
    expect((await read(fresh, fresh.id)).profile?.displayName).toBe('Nora New');
  });

  it('answers invalid input with one BAD_USER_INPUT naming every field, and writes nothing', async () => {
    const before = await read(asCasey, casey.id);
    const { error, data } = await updateProfile(asCasey, {
      displayName: 'C',
      bio: 'ok',
      timezone: 'Mars/Base',
      address: { line1: 'Main Street 1', postalCode: '1'.repeat(21), city: 'Berlin', region: 'FR-75C', country: 'DE' },
    });
    expect(data).toBeNull();
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
    expect(error?.fields?.map((f) => f.field)).toEqual(['displayName', 'timezone', 'address.postalCode', 'address.region']);
    for (const f of error!.fields!) expect(f.message).toBeTruthy();
    expect(await read(asCasey, casey.id)).toEqual(before);
  });

  it('changes only the fields named; null clears optional ones; the avatar resolves to the file service URL', async () => {
    const as = await newUser('Partial Paul');
    const fileId = randomUUID();
    const set = await updateProfile(as, {
      bio: 'Builder',
      avatarFileId: fileId,
      address: { line1: 'Lindenallee 3', line2: null, postalCode: '20095', city: 'Hamburg', region: 'de-hh', country: 'de' },
    });
    expect(set.errors).toBeUndefined();
    expect(set.data).toMatchObject({
      displayName: 'Partial Paul',
      bio: 'Builder',
      avatar: { id: fileId },
      avatarUrl: `${FILE_PUBLIC_URL}/files/${fileId}`,
      address: { line1: 'Lindenallee 3', line2: null, postalCode: '20095', city: 'Hamburg', region: 'DE-HH', country: 'DE' },
    });

    const cleared = await updateProfile(as, { bio: null, avatarFileId: null, address: null });
    expect(cleared.data).toMatchObject({ displayName: 'Partial Paul', bio: null, avatar: null, avatarUrl: null, address: null });

    const notClearable = await updateProfile(as, { locale: null });
    expect(notClearable.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locale' });
  });
});

describe('preferences', () => {
  it('gives a user who never saved any the defaults, in the profile language', async () => {
    const as = await newUser();
    await updateProfile(as, { locale: 'fr-FR' });
    expect((await read(as, as.id)).preferences).toEqual({
      channels: [
        { category: 'ORDERS', channels: ['IN_APP', 'EMAIL'] },
        { category: 'MESSAGES', channels: ['IN_APP', 'PUSH'] },
        { category: 'PAYMENTS', channels: ['IN_APP', 'EMAIL'] },
        { category: 'MARKETING', channels: [] },
      ],
      privacy: { showPhoneToAgencies: false, showOnlineStatus: true, allowAnalytics: false },
      language: 'fr-FR',
      theme: 'SYSTEM',
    });
    // Without a profile row the preferences are still there (defaults), the profile is not.
    const newcomer = viewer(randomUUID());
    const seen = await read(newcomer, newcomer.id);
    expect(seen.profile).toBeNull();
    expect(seen.preferences?.language).toBe('en-GB');
  });

  it('replaces only the categories and privacy flags an update names', async () => {
    const as = await newUser();
    const first = await updatePreferences(as, {
      channels: [{ category: 'MARKETING', channels: ['EMAIL', 'EMAIL'] }],
      privacy: { allowAnalytics: true },
    });
    expect(first.errors).toBeUndefined();
    const second = await updatePreferences(as, { channels: [{ category: 'ORDERS', channels: ['SMS'] }], theme: 'DARK' });
    expect(second.data).toMatchObject({
      channels: [
        { category: 'ORDERS', channels: ['SMS'] },
        { category: 'MESSAGES', channels: ['IN_APP', 'PUSH'] },
        { category: 'PAYMENTS', channels: ['IN_APP', 'EMAIL'] },
        { category: 'MARKETING', channels: ['EMAIL'] },
      ],
      privacy: { showPhoneToAgencies: false, showOnlineStatus: true, allowAnalytics: true },
      theme: 'DARK',
    });
    expect((await read(as, as.id)).preferences).toEqual(second.data);
  });

  it('refuses a category named twice or a bad language, and writes nothing', async () => {
    const as = await newUser();
    const before = (await read(as, as.id)).preferences;
    const twice = await updatePreferences(as, {
      channels: [
        { category: 'ORDERS', channels: ['SMS'] },
        { category: 'ORDERS', channels: [] },
      ],
      theme: 'LIGHT',
    });
    expect(twice.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'channels.1.category' });
    const language = await updatePreferences(as, { language: 'no such language', theme: 'LIGHT' });
    expect(language.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
    expect((await read(as, as.id)).preferences).toEqual(before);
  });
});

describe('phone verification', () => {
  beforeEach(() => {
    clock = new Date(clock.getTime() + 3_600_000);
  });

  it('sends a code (logged, number masked) and makes the number the verified phone once confirmed', async () => {
    const as = await newUser();
    const started = await startPhone(as, '+49 30 1234567');
    expect(started.errors).toBeUndefined();
    expect(started.data).toEqual({ phone: '+49301234567', expiresAt: new Date(clock.getTime() + 600_000).toISOString(), attemptsLeft: 5 });

    const { code, phone } = loggedCode(as.id);
    expect(code).toMatch(/^\d{6}$/);
    expect(phone).not.toContain('1234567');
    expect(phone).toMatch(/^\+49\*+67$/);
    // Pending until confirmed: the profile has no phone yet.
    expect((await read(as, as.id)).profile).toMatchObject({ phone: null, phoneVerified: false });

    const confirmed = await confirmPhone(as, code);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data).toMatchObject({ phone: '+49301234567', phoneVerified: true });
    // The code is used up.
    expect((await confirmPhone(as, code)).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });

    const removed = await mutate<Profile>(as, 'removePhone', '', `{ phone phoneVerified }`, {});
    expect(removed.data).toEqual({ phone: null, phoneVerified: false });
  });

  it('refuses a number that is not E.164, and a user without a profile', async () => {
    const as = await newUser();
    for (const phone of ['030 1234567', '+49 30', 'call me']) {
      const { error } = await startPhone(as, phone);
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'phone' });
    }
    expect(logLines.some((l) => l.component === 'phone-codes' && l.userId === as.id)).toBe(false);
    const stranger = viewer(randomUUID());
    expect((await startPhone(stranger, '+4930123456')).error?.code).toBe('NOT_FOUND');
  });

  it('counts wrong codes down from 5, then refuses even the right one', async () => {
    const as = await newUser();
    await startPhone(as, '+4915112345678');
    const { code } = loggedCode(as.id);
    for (const left of [4, 3, 2, 1, 0]) {
      const { error } = await confirmPhone(as, wrongCode(code));
      expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', attemptsLeft: left });
    }
    const late = await confirmPhone(as, code);
    expect(late.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code', attemptsLeft: 0 });
    expect((await read(as, as.id)).profile).toMatchObject({ phone: null, phoneVerified: false });
  });

  it('lets a code expire after 10 minutes', async () => {
    const as = await newUser();
    await startPhone(as, '+4915112345678');
    const { code } = loggedCode(as.id);
    clock = new Date(clock.getTime() + 600_000);
    const { error, message } = await confirmPhone(as, code);
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect(message).toContain('expired');
    expect((await read(as, as.id)).profile?.phoneVerified).toBe(false);
  });

  it('sends at most one code per minute per user; a new code replaces the old one', async () => {
    const as = await newUser();
    await startPhone(as, '+4915112345678');
    const first = loggedCode(as.id).code;

    clock = new Date(clock.getTime() + 30_000);
    const throttled = await startPhone(as, '+4915187654321');
    expect(throttled.error).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(loggedCode(as.id).code).toBe(first);

    clock = new Date(clock.getTime() + 30_000);
    expect((await startPhone(as, '+4915187654321')).errors).toBeUndefined();
    const second = loggedCode(as.id).code;
    if (second !== first) expect((await confirmPhone(as, first)).error).toMatchObject({ field: 'code', attemptsLeft: 4 });
    const confirmed = await confirmPhone(as, second);
    expect(confirmed.data).toMatchObject({ phone: '+4915187654321', phoneVerified: true });
  });
});
