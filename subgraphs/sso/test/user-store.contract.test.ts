import { randomUUID } from 'node:crypto';
import { freshMysql, freshPostgres, testEnv, testLogger } from '@market/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  EmailTakenError,
  LinkTakenError,
  MysqlUserStore,
  PgUserStore,
  type NewUser,
  type UserCursor,
  type UserFilter,
  type UserRow,
  type UserStore,
} from '../src/store';

// The same cases against every adapter this machine has: PGlite always,
// PostgreSQL when DATABASE_URL is set, MySQL/MariaDB when MYSQL_URL is set (CI sets both).
interface Adapter {
  name: string;
  open: () => Promise<{ store: UserStore; cleanup: () => Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'PGlite (embedded)',
    open: async () => ({ store: await PgUserStore.open({ logger: testLogger('sso') }), cleanup: async () => {} }),
  },
];
if (testEnv.DATABASE_URL) {
  adapters.push({
    name: 'PostgreSQL (pg)',
    open: async () => {
      const db = await freshPostgres('sso_store');
      return { store: await PgUserStore.open({ url: db.url, logger: testLogger('sso') }), cleanup: db.cleanup };
    },
  });
}
if (testEnv.MYSQL_URL) {
  adapters.push({
    name: 'MySQL (mysql2)',
    open: async () => {
      const db = await freshMysql('sso_store');
      return { store: await MysqlUserStore.open({ url: db.url!, logger: testLogger('sso') }), cleanup: db.cleanup };
    },
  });
}
if (adapters.length < 3) {
  // Say it out loud rather than pass quietly on fewer databases.
  const skipped = [!testEnv.DATABASE_URL && 'PostgreSQL (DATABASE_URL unset)', !testEnv.MYSQL_URL && 'MySQL (MYSQL_URL unset)'].filter(
    Boolean,
  );
  describe('UserStore contract: real-server adapters', () => {
    it.skip(`skipped: ${skipped.join(', ')}`, () => {});
  });
}

const base = Date.UTC(2026, 1, 1, 12, 0, 0);
let counter = 0;
function newUser(overrides: Partial<NewUser> = {}): NewUser {
  counter += 1;
  return { id: randomUUID(), email: `user${counter}.${randomUUID().slice(0, 8)}@example.com`, roles: ['CUSTOMER'], ...overrides };
}
/** Newest first, ties on createdAt broken by id descending: the order `list` promises. */
const newestFirst = (a: UserRow, b: UserRow) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

async function listAll(
  store: UserStore,
  size: number,
  between?: (pageIndex: number) => Promise<void>,
): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: UserCursor | null = null;
  for (let pageIndex = 0; pageIndex < 100; pageIndex++) {
    const page = await store.list(size + 1, after);
    totals.push(page.totalCount);
    const rows = page.rows.slice(0, size);
    ids.push(...rows.map((r) => r.id));
    const last = rows.at(-1);
    if (page.rows.length <= size || !last) break;
    after = { createdAt: last.createdAt, id: last.id };
    await between?.(pageIndex);
  }
  return { ids, totals };
}

describe.each(adapters)('UserStore contract: $name', (adapter) => {
  let store: UserStore;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ store, cleanup } = await adapter.open());
  });
  afterEach(async () => {
    await store?.close();
    await cleanup?.();
  });

  it('is empty until the first user is inserted', async () => {
    expect(await store.isEmpty()).toBe(true);
    await store.insertMany([newUser()]);
    expect(await store.isEmpty()).toBe(false);
    await store.ping();
  });

  it('inserts users and finds them by id in the order asked, skipping unknown and malformed ids', async () => {
    const createdAt = new Date(base + 123); // milliseconds survive the round trip
    const [a, b, c] = await store.insertMany([
      newUser({ email: 'ada@example.com', roles: ['ADMIN'], status: 'ACTIVE', createdAt }),
      newUser({ status: 'SUSPENDED' }),
      newUser({ id: undefined, status: 'PENDING_VERIFICATION' }),
    ]);
    expect(c!.id).toMatch(/^[0-9a-f-]{36}$/);
    const before = store.queries.count;
    const found = await store.byIds([c!.id, 'not-a-uuid', randomUUID(), a!.id, b!.id, a!.id]);
    expect(store.queries.count - before).toBe(1);
    expect(found.map((u) => u.id)).toEqual([c!.id, a!.id, b!.id]);
    expect(found[1]).toEqual({
      id: a!.id,
      email: 'ada@example.com',
      status: 'ACTIVE',
      statusReason: null,
      emailVerifiedAt: null,
      lastLoginAt: null,
      createdAt,
      updatedAt: createdAt,
    });
    expect(found[1]!.createdAt.toISOString()).toBe('2026-02-01T12:00:00.123Z');
    expect(found.map((u) => u.status)).toEqual(['PENDING_VERIFICATION', 'ACTIVE', 'SUSPENDED']);
    // Ids arrive in the canonical lower-case form on every adapter.
    expect(await store.byIds([a!.id.toUpperCase()])).toEqual([found[1]]);

    const none = store.queries.count;
    expect(await store.byIds(['nope', ''])).toEqual([]);
    expect(await store.byIds([])).toEqual([]);
    expect(store.queries.count - none).toBe(0);
  });

  it('loads the roles of many users in one query', async () => {
    const users = await store.insertMany([
      newUser({ roles: ['CUSTOMER'] }),
      newUser({ roles: ['AGENCY_OWNER', 'AGENCY_STAFF', 'AGENCY_OWNER'] }),
      newUser({ roles: [] }),
      newUser({ roles: ['ADMIN', 'CUSTOMER'] }),
    ]);
    const ids = users.map((u) => u.id);
    const before = store.queries.count;
    const rows = await store.rolesOf([...ids, randomUUID(), 'not-a-uuid']);
    expect(store.queries.count - before).toBe(1);
    const rolesOf = (id: string) => rows.filter((r) => r.userId === id).map((r) => r.role);
    expect(rolesOf(ids[0]!)).toEqual(['CUSTOMER']);
    expect(rolesOf(ids[1]!)).toEqual(['AGENCY_OWNER', 'AGENCY_STAFF']);
    expect(rolesOf(ids[2]!)).toEqual([]);
    expect(rolesOf(ids[3]!)).toEqual(['ADMIN', 'CUSTOMER']);
    expect(rows).toHaveLength(5);
    expect(await store.rolesOf([])).toEqual([]);
  });

  it('pages newest first by keyset, complete and stable while users are added', async () => {
    // 23 users over 8 instants: many share created_at, so the id tie-break matters.
    const inserted = await store.insertMany(Array.from({ length: 23 }, (_, i) => newUser({ createdAt: new Date(base + (i % 8) * 1000) })));
    const expected = [...inserted].sort(newestFirst).map((u) => u.id);

    const first = await listAll(store, 5);
    expect(first.ids).toEqual(expected);
    expect(first.totals.every((t) => t === 23)).toBe(true);

    // Users added while a client pages: newer ones are not in later pages, older ones
    // appear where they sort, and nobody is shown twice or skipped.
    const added: UserRow[] = [];
    const second = await listAll(store, 4, async (pageIndex) => {
      if (pageIndex === 1)
        added.push(
          ...(await store.insertMany([newUser({ createdAt: new Date(base + 60_000) }), newUser({ createdAt: new Date(base - 60_000) })])),
        );
    });
    expect(second.ids).toEqual([...expected, added[1]!.id]);
    expect(new Set(second.ids).size).toBe(second.ids.length);
    expect(second.totals.at(-1)).toBe(25);

    const page = await store.list(3, null);
    expect(page.rows.map((r) => r.id)).toEqual([added[0]!.id, ...expected.slice(0, 2)]);
    expect(page.totalCount).toBe(25);
  });

  it('refuses a taken email (ignoring case) with a clear error and writes nothing of the batch', async () => {
    await store.insertMany([newUser({ email: 'taken@example.com' })]);
    const fresh = newUser({ roles: ['ADMIN'] });
    const attempt = store.insertMany([fresh, newUser({ email: 'Taken@Example.com' })]);
    await expect(attempt).rejects.toBeInstanceOf(EmailTakenError);
    await expect(attempt).rejects.toThrow(/^A user with email taken@example\.com already exists$/i);
    // All or nothing: the first user of the failed batch and its roles are not there.
    expect(await store.byIds([fresh.id!])).toEqual([]);
    expect(await store.rolesOf([fresh.id!])).toEqual([]);
    expect((await store.list(10, null)).totalCount).toBe(1);

    // Twins inside one batch are refused as well.
    await expect(store.insertMany([newUser({ email: 'twin@example.com' }), newUser({ email: 'twin@example.com' })])).rejects.toBeInstanceOf(
      EmailTakenError,
    );
    expect((await store.list(10, null)).totalCount).toBe(1);
  });

  it('refuses a duplicate id without mistaking it for a taken email', async () => {
    const [user] = await store.insertMany([newUser()]);
    const attempt = store.insertMany([newUser({ id: user!.id })]);
    await expect(attempt).rejects.toThrow();
    await expect(attempt).rejects.not.toBeInstanceOf(EmailTakenError);
  });

  it('changes a user status', async () => {
    const [user] = await store.insertMany([newUser({ createdAt: new Date(base) })]);
    const at = new Date(base + 5_000);
    expect(await store.setStatus(user!.id.toUpperCase(), 'SUSPENDED', at)).toBe(true);
    expect(await store.byIds([user!.id])).toEqual([{ ...user, status: 'SUSPENDED', updatedAt: at }]);
    expect(await store.setStatus(randomUUID(), 'BLOCKED')).toBe(false);
    expect(await store.setStatus('not-a-uuid', 'BLOCKED')).toBe(false);
  });

  it('keeps password hashes beside users, found by email ignoring case, replaced on update', async () => {
    const [withPassword, without] = await store.insertMany([newUser({ email: 'Pass@Example.com' }), newUser()]);
    await store.setPasswordHashes([{ userId: withPassword!.id, passwordHash: '$argon2id$v=19$first' }]);
    expect(await store.credentialsByEmail('pass@example.COM')).toEqual({ user: withPassword, passwordHash: '$argon2id$v=19$first' });
    await store.setPasswordHashes([{ userId: withPassword!.id.toUpperCase(), passwordHash: '$argon2id$v=19$second' }]);
    expect((await store.credentialsByEmail(' pass@example.com '))?.passwordHash).toBe('$argon2id$v=19$second');
    expect(await store.credentialsByEmail(without!.email)).toEqual({ user: without, passwordHash: null });
    expect(await store.credentialsByEmail('nobody@example.com')).toBeNull();
    await expect(store.setPasswordHashes([{ userId: randomUUID(), passwordHash: 'x' }])).rejects.toThrow();
  });

  it('stores oidc payloads: find, find by uid and user code, consume, revoke by grant, expire', async () => {
    const future = new Date(Date.now() + 60_000);
    const row = (id: string, extra: Partial<Parameters<typeof store.oidc.upsert>[0]> = {}) => ({
      type: 'RefreshToken',
      id,
      payload: { jti: id, nested: { list: [1, 'two'] } },
      grantId: 'grant-1',
      userCode: null,
      uid: null,
      expiresAt: future,
      consumedAt: null,
      ...extra,
    });
    await store.oidc.upsert(row('a', { uid: 'uid-a', userCode: 'CODE-A' }));
    await store.oidc.upsert(row('b'));
    await store.oidc.upsert(row('c', { grantId: 'grant-2', expiresAt: null }));
    await store.oidc.upsert(row('old', { grantId: 'grant-2', expiresAt: new Date(Date.now() - 1_000) }));
    await store.oidc.upsert({ ...row('a', { uid: 'uid-a', userCode: 'CODE-A' }), type: 'Grant', payload: { other: true } });

    expect(await store.oidc.find('RefreshToken', 'a')).toEqual(row('a', { uid: 'uid-a', userCode: 'CODE-A' }));
    expect((await store.oidc.find('Grant', 'a'))?.payload).toEqual({ other: true });
    expect(await store.oidc.find('RefreshToken', 'old')).toBeNull(); // expired
    expect(await store.oidc.find('RefreshToken', 'A')).toBeNull(); // ids are exact
    expect((await store.oidc.findBy('RefreshToken', 'uid', 'uid-a'))?.id).toBe('a');
    expect((await store.oidc.findBy('RefreshToken', 'userCode', 'CODE-A'))?.id).toBe('a');
    expect(await store.oidc.findBy('RefreshToken', 'uid', 'missing')).toBeNull();

    await store.oidc.upsert(row('b', { payload: { jti: 'b', updated: true } }));
    expect((await store.oidc.find('RefreshToken', 'b'))?.payload).toEqual({ jti: 'b', updated: true });

    const consumedAt = new Date(Date.UTC(2026, 1, 1, 0, 0, 0, 5));
    await store.oidc.consume('RefreshToken', 'b', consumedAt);
    expect((await store.oidc.find('RefreshToken', 'b'))?.consumedAt).toEqual(consumedAt);

    await store.oidc.revokeByGrantId('RefreshToken', 'grant-1');
    expect(await store.oidc.find('RefreshToken', 'a')).toBeNull();
    expect(await store.oidc.find('RefreshToken', 'b')).toBeNull();
    expect(await store.oidc.find('Grant', 'a')).not.toBeNull(); // other models untouched
    expect(await store.oidc.find('RefreshToken', 'c')).not.toBeNull();

    expect(await store.oidc.deleteExpired(new Date())).toBe(1);
    await store.oidc.destroy('RefreshToken', 'c');
    expect(await store.oidc.find('RefreshToken', 'c')).toBeNull();
  });

  it('keeps provider keys oldest first', async () => {
    const first = { id: 'k1', use: 'sig' as const, material: '{"kty":"RSA"}', createdAt: new Date(base), retiredAt: null };
    const second = { id: 'k0', use: 'cookie' as const, material: 'secret', createdAt: new Date(base + 1), retiredAt: new Date(base + 2) };
    expect(await store.providerKeys()).toEqual([]);
    await store.addProviderKey(second);
    await store.addProviderKey(first);
    expect(await store.providerKeys()).toEqual([first, second]);
    await expect(store.addProviderKey(first)).rejects.toThrow();
  });

  it('records audit events and lists them newest first, filtered and paged by keyset', async () => {
    const [user] = await store.insertMany([newUser()]);
    const target = user!.id;
    const recorded = await store.recordAudit({
      type: 'sign_in.failed',
      targetId: target,
      ip: '203.0.113.7',
      userAgent: 'test-agent',
      details: { reason: 'wrong_password', nested: { n: 1 } },
      createdAt: new Date(base),
    });
    expect(recorded).toMatchObject({ type: 'sign_in.failed', actorId: null, targetId: target, ip: '203.0.113.7' });
    // Three events in the same millisecond: ties are broken by id.
    for (const type of ['sign_in.succeeded', 'mfa.challenge_failed', 'sign_out']) {
      await store.recordAudit({ type, actorId: target, targetId: target, createdAt: new Date(base + 10) });
    }
    await store.recordAudit({
      type: 'sign_in.failed',
      targetId: null,
      details: { email: 'nobody@example.com' },
      createdAt: new Date(base + 5),
    });

    const all = await store.listAudit({}, { limit: 100, after: null });
    expect(all.totalCount).toBe(5);
    expect(all.rows[0]?.createdAt).toEqual(new Date(base + 10));
    expect(all.rows.at(-1)).toEqual(recorded);
    const keys = all.rows.map((r) => `${r.createdAt.toISOString()} ${r.id}`);
    expect(keys).toEqual([...keys].sort().reverse());

    const mine = await store.listAudit({ targetId: target }, { limit: 2, after: null });
    expect(mine.totalCount).toBe(4);
    expect(mine.rows).toHaveLength(2);
    const last = mine.rows.at(-1)!;
    const rest = await store.listAudit({ targetId: target }, { limit: 10, after: { createdAt: last.createdAt, id: last.id } });
    expect([...mine.rows, ...rest.rows].map((r) => r.id)).toEqual(all.rows.filter((r) => r.targetId === target).map((r) => r.id));

    const failures = await store.listAudit({ types: ['sign_in.failed'] }, { limit: 10, after: null });
    expect(failures.rows.map((r) => r.details)).toEqual([{ email: 'nobody@example.com' }, { reason: 'wrong_password', nested: { n: 1 } }]);
    expect((await store.listAudit({ actorId: target, since: new Date(base + 10) }, { limit: 10, after: null })).totalCount).toBe(3);
    expect((await store.listAudit({ until: new Date(base + 5) }, { limit: 10, after: null })).rows.map((r) => r.id)).toEqual([recorded.id]);
  });

  it('keeps a TOTP factor: pending, confirmed, steps only move forward, deleted with its recovery codes', async () => {
    const [user] = await store.insertMany([newUser()]);
    const id = user!.id;
    expect(await store.mfaOf(id)).toBeNull();
    expect(await store.mfaOf('not-a-uuid')).toBeNull();
    await store.saveMfaSecret(id, 'v1.cipher-1', new Date(base));
    expect(await store.mfaOf(id)).toEqual({
      userId: id,
      totpSecret: 'v1.cipher-1',
      confirmedAt: null,
      lastUsedStep: null,
      createdAt: new Date(base),
    });
    await store.saveMfaSecret(id, 'v1.cipher-2', new Date(base + 1)); // a restarted enrollment replaces it
    expect((await store.mfaOf(id))?.totpSecret).toBe('v1.cipher-2');

    const step = 59_000_000;
    expect(await store.confirmMfa(id, step, new Date(base + 2))).toBe(true);
    expect(await store.mfaOf(id)).toMatchObject({ confirmedAt: new Date(base + 2), lastUsedStep: step });
    expect(await store.confirmMfa(randomUUID(), step)).toBe(false);
    expect(await store.useTotpStep(id, step)).toBe(false); // replay of the confirming step
    expect(await store.useTotpStep(id, step - 1)).toBe(false);
    expect(await store.useTotpStep(id, step + 1)).toBe(true);
    expect(await store.useTotpStep(id, step + 1)).toBe(false);
    expect((await store.mfaOf(id))?.lastUsedStep).toBe(step + 1);

    const hashes = Array.from({ length: 10 }, (_, i) => `${i}`.padStart(64, 'a'));
    await store.replaceRecoveryCodes(id, hashes);
    expect(await store.unusedRecoveryCodes(id)).toBe(10);
    expect(await store.useRecoveryCode(id, hashes[0]!)).toBe(true);
    expect(await store.useRecoveryCode(id, hashes[0]!)).toBe(false);
    expect(await store.useRecoveryCode(id, 'f'.repeat(64))).toBe(false);
    expect(await store.unusedRecoveryCodes(id)).toBe(9);
    await store.replaceRecoveryCodes(id, hashes.slice(0, 3));
    expect(await store.unusedRecoveryCodes(id)).toBe(3);
    expect(await store.useRecoveryCode(id, hashes[0]!)).toBe(true); // a new set, unused again

    await store.deleteMfa(id);
    expect(await store.mfaOf(id)).toBeNull();
    expect(await store.unusedRecoveryCodes(id)).toBe(0);
  });
  // ---- accounts ----

  it('stores status reason and email verification on insert and reads them back', async () => {
    const verifiedAt = new Date(base + 7);
    const [user] = await store.insertMany([newUser({ status: 'BLOCKED', statusReason: 'fraud', emailVerifiedAt: verifiedAt })]);
    expect(user).toMatchObject({ statusReason: 'fraud', emailVerifiedAt: verifiedAt, lastLoginAt: null });
    expect(await store.byIds([user!.id])).toEqual([user]);
    expect((await store.credentialsByEmail(user!.email))?.user).toEqual(user);
  });

  it('searches users by email text, status and role, newest first with keyset paging and a total', async () => {
    const [ada, bob, cat, dan] = await store.insertMany([
      newUser({ email: 'ada.lovelace@example.com', roles: ['ADMIN', 'CUSTOMER'], createdAt: new Date(base + 4) }),
      newUser({ email: 'bob@agency.example', roles: ['AGENCY_OWNER'], status: 'SUSPENDED', createdAt: new Date(base + 3) }),
      newUser({ email: 'CAT_100%@example.com', roles: ['CUSTOMER'], createdAt: new Date(base + 2) }),
      newUser({ email: 'dan@example.com', roles: [], status: 'PENDING_VERIFICATION', createdAt: new Date(base + 1) }),
    ]);
    const ids = async (filter: UserFilter, limit = 10, after: UserCursor | null = null) => {
      const page = await store.search(filter, limit, after);
      return { ids: page.rows.map((r) => r.id), total: page.totalCount };
    };
    expect(await ids({})).toEqual({ ids: [ada!.id, bob!.id, cat!.id, dan!.id], total: 4 });
    expect(await ids({ search: 'LOVELACE' })).toEqual({ ids: [ada!.id], total: 1 });
    expect(await ids({ search: '100%' })).toEqual({ ids: [cat!.id], total: 1 });
    expect(await ids({ search: '_' })).toEqual({ ids: [cat!.id], total: 1 }); // wildcards are literal
    expect(await ids({ search: 'example.com' })).toEqual({ ids: [ada!.id, cat!.id, dan!.id], total: 3 });
    expect(await ids({ statuses: ['SUSPENDED', 'PENDING_VERIFICATION'] })).toEqual({ ids: [bob!.id, dan!.id], total: 2 });
    expect(await ids({ roles: ['CUSTOMER'] })).toEqual({ ids: [ada!.id, cat!.id], total: 2 });
    expect(await ids({ roles: ['ADMIN', 'AGENCY_OWNER'], statuses: ['ACTIVE'] })).toEqual({ ids: [ada!.id], total: 1 });
    expect(await ids({ search: 'example', statuses: [], roles: [] }, 2)).toEqual({ ids: [ada!.id, bob!.id], total: 4 });
    const page2 = await ids({ search: 'example' }, 2, { createdAt: bob!.createdAt, id: bob!.id });
    expect(page2).toEqual({ ids: [cat!.id, dan!.id], total: 4 });
    expect(await ids({ search: 'nobody-here' })).toEqual({ ids: [], total: 0 });
  });

  it('sets status with a reason, roles, email verification and last login', async () => {
    const [user] = await store.insertMany([newUser({ status: 'PENDING_VERIFICATION', roles: ['CUSTOMER'], createdAt: new Date(base) })]);
    const id = user!.id;
    const at = new Date(base + 1000);
    expect(await store.setStatusWithReason(id.toUpperCase(), 'SUSPENDED', 'chargebacks', at)).toBe(true);
    expect((await store.byIds([id]))[0]).toMatchObject({ status: 'SUSPENDED', statusReason: 'chargebacks', updatedAt: at });
    expect(await store.setStatusWithReason(id, 'SUSPENDED', 'chargebacks', at)).toBe(true); // unchanged is still found
    expect(await store.setStatusWithReason(randomUUID(), 'ACTIVE', null)).toBe(false);
    expect(await store.setStatusWithReason('nope', 'ACTIVE', null)).toBe(false);

    expect(await store.addRole(id, 'ADMIN')).toBe(true);
    expect(await store.addRole(id, 'ADMIN')).toBe(true); // no-op when held
    expect((await store.rolesOf([id])).map((r) => r.role)).toEqual(['ADMIN', 'CUSTOMER']);
    expect(await store.removeRole(id, 'CUSTOMER')).toBe(true);
    expect(await store.removeRole(id, 'CUSTOMER')).toBe(true);
    expect((await store.rolesOf([id])).map((r) => r.role)).toEqual(['ADMIN']);
    expect(await store.addRole(randomUUID(), 'ADMIN')).toBe(false);
    expect(await store.removeRole('nope', 'ADMIN')).toBe(false);

    // Verification activates a pending account only; the first verification time is kept.
    await store.setStatusWithReason(id, 'PENDING_VERIFICATION', null, at);
    const verifiedAt = new Date(base + 2000);
    expect(await store.markEmailVerified(id, verifiedAt)).toBe(true);
    expect((await store.byIds([id]))[0]).toMatchObject({ status: 'ACTIVE', emailVerifiedAt: verifiedAt });
    await store.setStatusWithReason(id, 'BLOCKED', 'spam', at);
    expect(await store.markEmailVerified(id, new Date(base + 3000))).toBe(true);
    expect((await store.byIds([id]))[0]).toMatchObject({ status: 'BLOCKED', emailVerifiedAt: verifiedAt });
    expect(await store.markEmailVerified(randomUUID())).toBe(false);

    const loginAt = new Date(base + 4000);
    await store.recordLogin(id, loginAt);
    expect((await store.byIds([id]))[0]?.lastLoginAt).toEqual(loginAt);
  });

  it('tells which users have a confirmed TOTP factor in one query, and reads password hashes', async () => {
    const [a, b, c] = await store.insertMany([newUser(), newUser(), newUser()]);
    await store.saveMfaSecret(a!.id, 'cipher-a');
    await store.confirmMfa(a!.id, 1);
    await store.saveMfaSecret(b!.id, 'cipher-b'); // pending only
    const before = store.queries.count;
    expect([...(await store.mfaEnabledOf([a!.id, b!.id, c!.id, 'nope']))]).toEqual([a!.id]);
    expect(store.queries.count - before).toBe(1);
    expect(await store.mfaEnabledOf([])).toEqual(new Set());

    await store.setPasswordHashes([{ userId: a!.id, passwordHash: '$argon2id$x' }]);
    expect(await store.passwordHashOf(a!.id.toUpperCase())).toBe('$argon2id$x');
    expect(await store.passwordHashOf(b!.id)).toBeNull();
    expect(await store.passwordHashOf('nope')).toBeNull();
  });

  it('links upstream identities idempotently, refuses one linked to another user, unlinks', async () => {
    const [a, b] = await store.insertMany([newUser(), newUser()]);
    const linked = await store.linkIdentity({
      provider: 'github',
      subject: 'gh-1',
      userId: a!.id.toUpperCase(),
      email: 'a@github.example',
      createdAt: new Date(base),
    });
    expect(linked).toEqual({ provider: 'github', subject: 'gh-1', userId: a!.id, email: 'a@github.example', createdAt: new Date(base) });
    // Same user again: the stored link comes back unchanged.
    expect(await store.linkIdentity({ provider: 'github', subject: 'gh-1', userId: a!.id, email: null })).toEqual(linked);
    const taken = store.linkIdentity({ provider: 'github', subject: 'gh-1', userId: b!.id, email: null });
    await expect(taken).rejects.toBeInstanceOf(LinkTakenError);
    await expect(taken).rejects.toThrow('This github account is already linked to another user');
    // Subjects are exact: a different case is another account.
    await store.linkIdentity({ provider: 'github', subject: 'GH-1', userId: b!.id, email: null, createdAt: new Date(base + 1) });
    await store.linkIdentity({ provider: 'google', subject: 'g-1', userId: a!.id, email: null, createdAt: new Date(base + 2) });

    const before = store.queries.count;
    const rows = await store.linkedIdentitiesOf([a!.id, b!.id, 'nope']);
    expect(store.queries.count - before).toBe(1);
    expect(rows.map((r) => `${r.userId === a!.id ? 'a' : 'b'}:${r.provider}:${r.subject}`)).toEqual([
      'a:github:gh-1',
      'b:github:GH-1',
      'a:google:g-1',
    ]);
    expect((await store.userByLinkedIdentity('github', 'gh-1'))?.id).toBe(a!.id);
    expect((await store.userByLinkedIdentity('github', 'GH-1'))?.id).toBe(b!.id);
    expect(await store.userByLinkedIdentity('facebook', 'gh-1')).toBeNull();

    expect(await store.unlinkIdentity(b!.id, 'github', 'gh-1')).toBe(false); // not b's
    expect(await store.unlinkIdentity(a!.id, 'github', 'gh-1')).toBe(true);
    expect(await store.userByLinkedIdentity('github', 'gh-1')).toBeNull();
    expect(await store.unlinkIdentity(a!.id, 'github', 'gh-1')).toBe(false);
  });

  it('indexes sessions: upsert keeps created, touch moves forward, expired ones excluded and cleaned', async () => {
    const [user, other] = await store.insertMany([newUser(), newUser()]);
    const now = new Date(base + 60_000);
    const row = (id: string, extra: object = {}) => ({
      id,
      userId: user!.id,
      ip: '203.0.113.9',
      userAgent: 'Firefox',
      createdAt: new Date(base),
      lastSeenAt: new Date(base),
      expiresAt: new Date(base + 3_600_000),
      ...extra,
    });
    await store.upsertSession(row('s1'));
    await store.upsertSession(row('s2', { lastSeenAt: new Date(base + 10), ip: null, userAgent: null, expiresAt: null }));
    await store.upsertSession(row('s3', { expiresAt: new Date(base + 1) })); // expired at `now`
    await store.upsertSession(row('s4', { userId: other!.id }));
    // Upsert of an existing one keeps created_at.
    await store.upsertSession(row('s1', { createdAt: new Date(base + 500), lastSeenAt: new Date(base + 5), userAgent: 'Chrome' }));

    const listed = await store.sessionsOf(user!.id, now);
    expect(listed.map((s) => s.id)).toEqual(['s2', 's1']);
    expect(listed[1]).toEqual(row('s1', { lastSeenAt: new Date(base + 5), userAgent: 'Chrome' }));
    expect(await store.sessionsOf('nope', now)).toEqual([]);

    await store.touchSession('s1', new Date(base + 20), new Date(base + 7_200_000));
    await store.touchSession('s1', new Date(base + 15)); // never moves back
    expect(await store.sessionById('s1')).toMatchObject({ lastSeenAt: new Date(base + 20), expiresAt: new Date(base + 7_200_000) });
    expect((await store.sessionsOf(user!.id, now)).map((s) => s.id)).toEqual(['s1', 's2']);
    expect(await store.sessionById('missing')).toBeNull();

    expect(await store.deleteExpiredSessions(now)).toBe(1);
    expect(await store.sessionById('s3')).toBeNull();
    expect(await store.deleteSessions(['s1', 'missing'])).toBe(1);
    expect(await store.deleteSessions([])).toBe(0);
    expect((await store.sessionsOf(user!.id, now)).map((s) => s.id)).toEqual(['s2']);
    expect((await store.sessionsOf(other!.id, now)).map((s) => s.id)).toEqual(['s4']);
  });

  it('spends one-time account tokens once, only for their purpose and before expiry', async () => {
    const [user] = await store.insertMany([newUser()]);
    const now = new Date(base + 1000);
    const token = (hash: string, extra: object = {}) => ({
      tokenHash: hash.padEnd(64, '0'),
      purpose: 'verify_email' as const,
      userId: user!.id,
      data: { email: user!.email, nested: { n: 1 } },
      expiresAt: new Date(base + 3_600_000),
      createdAt: new Date(base),
      ...extra,
    });
    await store.createAccountToken(token('a'));
    await store.createAccountToken(token('b', { expiresAt: new Date(base + 500) }));
    await store.createAccountToken(token('c', { purpose: 'reset_password' }));
    await store.createAccountToken(token('d', { purpose: 'reset_password' }));

    expect(await store.useAccountToken(token('a').tokenHash, 'reset_password', now)).toBeNull(); // wrong purpose
    expect(await store.useAccountToken(token('a').tokenHash, 'verify_email', now)).toEqual({ ...token('a'), usedAt: now });
    expect(await store.useAccountToken(token('a').tokenHash, 'verify_email', now)).toBeNull(); // single use
    expect(await store.useAccountToken(token('b').tokenHash, 'verify_email', now)).toBeNull(); // expired
    expect(await store.useAccountToken('f'.repeat(64), 'verify_email', now)).toBeNull();

    // Two concurrent uses: exactly one wins.
    const both = await Promise.all([
      store.useAccountToken(token('c').tokenHash, 'reset_password', now),
      store.useAccountToken(token('c').tokenHash, 'reset_password', now),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);

    await store.revokeAccountTokens(user!.id, 'reset_password', now);
    expect(await store.useAccountToken(token('d').tokenHash, 'reset_password', now)).toBeNull();

    expect(await store.deleteExpiredAccountTokens(now)).toBe(1); // b
    expect(await store.deleteExpiredAccountTokens(new Date(base + 7_200_000))).toBe(3);
  });

  it('lists oidc payloads by type and finds grants by account or client', async () => {
    const future = new Date(Date.now() + 60_000);
    const grant = (id: string, accountId: string, clientId: string, expiresAt: Date | null = future) => ({
      type: 'Grant',
      id,
      payload: { accountId, clientId, kind: 'Grant' },
      grantId: null,
      userCode: null,
      uid: null,
      expiresAt,
      consumedAt: null,
    });
    await store.oidc.upsert(grant('g1', 'acc-1', 'web-client'));
    await store.oidc.upsert(grant('g2', 'acc-1', 'partner'));
    await store.oidc.upsert(grant('g3', 'acc-2', 'partner', null));
    await store.oidc.upsert(grant('g4', 'acc-1', 'partner', new Date(Date.now() - 1000)));
    await store.oidc.upsert({ ...grant('rt', 'acc-1', 'partner'), type: 'RefreshToken' });
    await store.oidc.upsert({ ...grant('partner', 'x', 'partner', null), type: 'Client', payload: { client_id: 'partner' } });

    expect((await store.oidc.grantIdsFor('accountId', 'acc-1')).sort()).toEqual(['g1', 'g2']);
    expect((await store.oidc.grantIdsFor('clientId', 'partner')).sort()).toEqual(['g2', 'g3']);
    expect(await store.oidc.grantIdsFor('clientId', 'nobody')).toEqual([]);
    expect((await store.oidc.listByType('Client')).map((r) => r.payload)).toEqual([{ client_id: 'partner' }]);
    expect((await store.oidc.listByType('Grant')).map((r) => r.id)).toEqual(['g1', 'g2', 'g3']);
  });

  it('retires provider keys once', async () => {
    const key = { id: 'k1', use: 'sig' as const, material: '{}', createdAt: new Date(base), retiredAt: null };
    await store.addProviderKey(key);
    const at = new Date(base + 10);
    expect(await store.retireProviderKey('k1', at)).toBe(true);
    expect(await store.retireProviderKey('k1', new Date(base + 20))).toBe(false);
    expect(await store.retireProviderKey('missing')).toBe(false);
    expect(await store.providerKeys()).toEqual([{ ...key, retiredAt: at }]);
  });
});
