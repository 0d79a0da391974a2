import { randomUUID } from 'node:crypto';
import { freshMysql, freshPostgres, testEnv, testLogger } from '@market/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmailTakenError, MysqlUserStore, PgUserStore, type NewUser, type UserCursor, type UserRow, type UserStore } from '../src/store';

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
    expect(found[1]).toEqual({ id: a!.id, email: 'ada@example.com', status: 'ACTIVE', createdAt, updatedAt: createdAt });
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
});
