import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@market/demo-data';
import { signInForTokens } from '@market/testkit';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { totpFor } from '../src/domain/mfa';
import { hashPassword, verifyPassword } from '../src/oidc/passwords';
import { callAs, fakeViewer, gatewayIdentity, refresh, viewerOf, type GatewayIdentity } from './gateway-viewer';
import { startTestSso, type TestSso } from './hosted-pages';

// The signed-in user's own account through GraphQL: me, MFA, password, linked identities, activity.

let sso: TestSso;
let identity: GatewayIdentity;

beforeAll(async () => {
  identity = await gatewayIdentity();
  sso = await startTestSso('sso_accounts', { ...identity.env, LOCKOUT_DELAY_MS: '0' });
}, 60_000);
afterAll(async () => {
  await sso?.stop();
});

async function newUser(password: string | null = DEMO_PASSWORD) {
  const email = `account.${randomUUID().slice(0, 8)}@example.com`;
  const [user] = await sso.service.store.insertMany([{ email, roles: ['CUSTOMER'] }]);
  if (password) await sso.service.store.setPasswordHashes([{ userId: user!.id, passwordHash: await hashPassword(password) }]);
  return user!;
}

const as = <T = Record<string, unknown>>(viewer: Parameters<typeof callAs>[2], query: string, variables: Record<string, unknown> = {}) =>
  callAs<T>(identity, sso.service, viewer, query, variables);
const codeOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.code;
const fieldOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) => result.errors?.[0]?.extensions?.field;

describe('me', () => {
  it('is the signed-in user with their own fields, and UNAUTHENTICATED for anonymous callers', async () => {
    const user = await newUser();
    await sso.service.store.markEmailVerified(user.id);
    await sso.service.store.recordLogin(user.id, new Date('2026-03-01T10:00:00.000Z'));
    const me = await as(
      fakeViewer(user.id),
      `{ me { id email emailVerified status statusReason mfaEnabled lastLoginAt linkedIdentities { provider } } }`,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toEqual({
      id: user.id,
      email: user.email,
      emailVerified: true,
      status: 'ACTIVE',
      statusReason: null,
      mfaEnabled: false,
      lastLoginAt: '2026-03-01T10:00:00.000Z',
      linkedIdentities: [],
    });
    const anonymous = await as(null, `{ me { id } }`);
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.me ?? null).toBeNull();
  });
});

describe('sign-in', () => {
  it('records the last sign-in and says email_verified only once the address is verified', async () => {
    const user = await newUser(); // ACTIVE, address not verified
    const before = Date.now();
    const tokens = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD, scope: 'openid email' });
    expect(decodeJwt(tokens.idToken!).email_verified).toBe(false);
    const [row] = await sso.service.store.byIds([user.id]);
    expect(row!.lastLoginAt!.getTime()).toBeGreaterThanOrEqual(before - 5);
    await sso.service.store.markEmailVerified(user.id);
    const again = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD, scope: 'openid email' });
    expect(decodeJwt(again.idToken!).email_verified).toBe(true);
  });
});

describe('TOTP', () => {
  it('enrolls with a QR code, confirms with ten recovery codes, refuses a replayed code, regenerates and disables', async () => {
    const user = await newUser();
    const viewer = fakeViewer(user.id);
    const started = await as<{ startTotpEnrollment: { secret: string; otpauthUri: string; qrCodeSvg: string } }>(
      viewer,
      `mutation { startTotpEnrollment { secret otpauthUri qrCodeSvg } }`,
    );
    expect(started.errors).toBeUndefined();
    const { secret, otpauthUri, qrCodeSvg } = started.data!.startTotpEnrollment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(otpauthUri).toContain(`secret=${secret}`);
    expect(qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const totp = totpFor(secret, user.email);

    const wrong = await as(viewer, `mutation ($code: String!) { confirmTotpEnrollment(code: $code) { codes } }`, { code: '000000' });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(fieldOf(wrong)).toBe('code');
    expect(await sso.service.mfa.enabled(user.id)).toBe(false);

    const now = Date.now();
    const code = totp.generate({ timestamp: now });
    const confirmed = await as<{ confirmTotpEnrollment: { codes: string[] } }>(
      viewer,
      `mutation ($code: String!) { confirmTotpEnrollment(code: $code) { codes } }`,
      { code },
    );
    expect(confirmed.errors).toBeUndefined();
    const recoveryCodes = confirmed.data!.confirmTotpEnrollment.codes;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    expect((await as<{ me: { mfaEnabled: boolean } }>(viewer, `{ me { mfaEnabled } }`)).data?.me.mfaEnabled).toBe(true);
    // Enrolling again while enabled is refused.
    expect(codeOf(await as(viewer, `mutation { startTotpEnrollment { secret } }`))).toBe('BAD_USER_INPUT');

    // The confirming code cannot be used again.
    const replay = await as(viewer, `mutation ($code: String!) { regenerateRecoveryCodes(code: $code) { codes } }`, { code });
    expect(codeOf(replay)).toBe('BAD_USER_INPUT');
    expect(replay.errors?.[0]?.message).toMatch(/already used/);

    const next = totp.generate({ timestamp: now + 30_000 });
    const regenerated = await as<{ regenerateRecoveryCodes: { codes: string[] } }>(
      viewer,
      `mutation ($code: String!) { regenerateRecoveryCodes(code: $code) { codes } }`,
      { code: next },
    );
    expect(regenerated.errors).toBeUndefined();
    const fresh = regenerated.data!.regenerateRecoveryCodes.codes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => recoveryCodes.includes(c))).toBe(false);

    // Disabling needs the password and a code: an old recovery code no longer works, a new one does.
    const wrongPassword = await as(viewer, `mutation ($p: String!, $c: String!) { disableTotp(password: $p, code: $c) { id } }`, {
      p: 'not the password',
      c: fresh[0],
    });
    expect(codeOf(wrongPassword)).toBe('BAD_USER_INPUT');
    expect(fieldOf(wrongPassword)).toBe('password');
    const oldCode = await as(viewer, `mutation ($p: String!, $c: String!) { disableTotp(password: $p, code: $c) { id } }`, {
      p: DEMO_PASSWORD,
      c: recoveryCodes[0],
    });
    expect(fieldOf(oldCode)).toBe('code');
    expect(await sso.service.mfa.enabled(user.id)).toBe(true);
    const disabled = await as<{ disableTotp: { mfaEnabled: boolean } }>(
      viewer,
      `mutation ($p: String!, $c: String!) { disableTotp(password: $p, code: $c) { mfaEnabled } }`,
      { p: DEMO_PASSWORD, c: fresh[0] },
    );
    expect(disabled.errors).toBeUndefined();
    expect(disabled.data?.disableTotp.mfaEnabled).toBe(false);

    const events = await sso.service.store.listAudit(
      { targetId: user.id, types: ['mfa.enabled', 'mfa.disabled', 'mfa.recovery_codes_regenerated'] },
      { limit: 10, after: null },
    );
    expect(events.rows.map((r) => r.type).reverse()).toEqual(['mfa.enabled', 'mfa.recovery_codes_regenerated', 'mfa.disabled']);
    // No secret ever lands in the audit trail.
    expect(JSON.stringify(events.rows)).not.toContain(fresh[0]);
  });
});

describe('changePassword', () => {
  it('checks the current password and the policy, then signs out every other session', async () => {
    const user = await newUser();
    const here = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    const elsewhere = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    const viewer = viewerOf(here.accessToken);
    await vi.waitFor(async () => expect(await sso.service.store.sessionsOf(user.id)).toHaveLength(2));
    const change = (currentPassword: string, newPassword: string) =>
      as<{ changePassword: { id: string } }>(
        viewer,
        `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`,
        {
          c: currentPassword,
          n: newPassword,
        },
      );

    const short = await change(DEMO_PASSWORD, 'short');
    expect([codeOf(short), fieldOf(short)]).toEqual(['BAD_USER_INPUT', 'newPassword']);
    const email = await change(DEMO_PASSWORD, user.email.toUpperCase());
    expect([codeOf(email), fieldOf(email)]).toEqual(['BAD_USER_INPUT', 'newPassword']);
    const wrong = await change('not the password at all', 'a brand new passphrase');
    expect([codeOf(wrong), fieldOf(wrong)]).toEqual(['BAD_USER_INPUT', 'currentPassword']);
    // Nothing changed so far.
    expect(await verifyPassword((await sso.service.store.passwordHashOf(user.id))!, DEMO_PASSWORD)).toBe(true);
    expect((await sso.service.store.sessionsOf(user.id)).length).toBe(2);

    const changed = await change(DEMO_PASSWORD, 'a brand new passphrase');
    expect(changed.errors).toBeUndefined();
    const hash = (await sso.service.store.passwordHashOf(user.id))!;
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'a brand new passphrase')).toBe(true);

    expect((await refresh(sso.issuer, 'web-client', elsewhere.refreshToken!)).status).toBe(400);
    expect((await refresh(sso.issuer, 'web-client', here.refreshToken!)).status).toBe(200);
    expect((await sso.service.store.sessionsOf(user.id)).map((s) => s.id)).toEqual([viewer.sessionId]);
    const events = await sso.service.store.listAudit({ targetId: user.id, types: ['password.changed'] }, { limit: 10, after: null });
    expect(events.rows.map((r) => r.details)).toEqual([{ sessionsEnded: 1 }]);
  });

  it('counts wrong current passwords as failed sign-ins and locks after the limit', async () => {
    const user = await newUser();
    const viewer = fakeViewer(user.id);
    const codes: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      const attempt = await as(
        viewer,
        `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`,
        {
          c: `wrong guess number ${i}`,
          n: 'a brand new passphrase',
        },
      );
      codes.push(codeOf(attempt));
    }
    // Nine wrong guesses are answered as such; the tenth reaches the account limit (LOCKOUT_ACCOUNT_MAX=10).
    expect(codes).toEqual([...Array<string>(9).fill('BAD_USER_INPUT'), 'RATE_LIMITED']);
    // Locked: even the right password is refused now, and the hosted sign-in is locked as well.
    const right = await as(viewer, `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { id } }`, {
      c: DEMO_PASSWORD,
      n: 'a brand new passphrase',
    });
    expect(codeOf(right)).toBe('RATE_LIMITED');
    await expect(signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD })).rejects.toThrow();
  });
});

describe('re-authentication with codes', () => {
  it('counts wrong TOTP codes as failed sign-ins too', async () => {
    const user = await newUser();
    const { secret } = await sso.service.mfa.startEnrollment(user);
    const totp = totpFor(secret, user.email);
    expect((await sso.service.mfa.confirmEnrollment(user.id, totp.generate())).ok).toBe(true);
    const valid = new Set([-1, 0, 1].map((step) => totp.generate({ timestamp: Date.now() + step * 30_000 })));
    const wrong = ['123456', '654321', '111111', '222222', '333333', '444444', '555555', '666666', '777777', '888888', '999999'].filter(
      (code) => !valid.has(code),
    );
    const codes: unknown[] = [];
    for (const code of wrong.slice(0, 10)) {
      codes.push(
        codeOf(await as(fakeViewer(user.id), `mutation ($c: String!) { regenerateRecoveryCodes(code: $c) { codes } }`, { c: code })),
      );
    }
    expect(codes.at(-1)).toBe('RATE_LIMITED');
    expect(codes.slice(0, -1).every((code) => code === 'BAD_USER_INPUT')).toBe(true);
    // Locked: a right code is refused as well.
    const right = await as(fakeViewer(user.id), `mutation ($c: String!) { regenerateRecoveryCodes(code: $c) { codes } }`, {
      c: totp.generate({ timestamp: Date.now() + 30_000 }),
    });
    expect(codeOf(right)).toBe('RATE_LIMITED');
  });
});

describe('linked identities and activity', () => {
  it('unlinks an upstream account, but not the only way left to sign in', async () => {
    const user = await newUser(null);
    const viewer = fakeViewer(user.id);
    await sso.service.store.linkIdentity({ provider: 'github', subject: 'gh-1', userId: user.id, email: user.email });
    await sso.service.store.linkIdentity({ provider: 'google', subject: 'g-1', userId: user.id, email: null });
    const unlink = (provider: string, subject: string) =>
      as<{ unlinkIdentity: { linkedIdentities: { provider: string; subject: string }[] } }>(
        viewer,
        `mutation ($p: String!, $s: String!) { unlinkIdentity(provider: $p, subject: $s) { linkedIdentities { provider subject } } }`,
        { p: provider, s: subject },
      );
    expect(codeOf(await unlink('github', 'someone-else'))).toBe('NOT_FOUND');
    const first = await unlink('github', 'gh-1');
    expect(first.errors).toBeUndefined();
    expect(first.data?.unlinkIdentity.linkedIdentities).toEqual([{ provider: 'google', subject: 'g-1' }]);
    const last = await unlink('google', 'g-1');
    expect(codeOf(last)).toBe('BAD_USER_INPUT');
    expect((await sso.service.store.linkedIdentitiesOf([user.id])).map((l) => l.provider)).toEqual(['google']);
  });

  it("lists the user's own security events newest first, paged", async () => {
    const user = await newUser();
    const other = await newUser();
    for (const [i, type] of ['sign_in.failed', 'sign_in.succeeded', 'mfa.enabled'].entries()) {
      await sso.service.store.recordAudit({
        type,
        actorId: user.id,
        targetId: user.id,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    }
    await sso.service.store.recordAudit({ type: 'sign_in.failed', targetId: other.id });
    const query = `query ($after: String) { activity(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { type actor { id } details } } } }`;
    type Page = {
      activity: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: { node: { type: string; actor: { id: string } } }[];
      };
    };
    const first = await as<Page>(fakeViewer(user.id), query);
    expect(first.errors).toBeUndefined();
    expect(first.data?.activity.totalCount).toBe(3);
    expect(first.data?.activity.edges.map((e) => e.node.type)).toEqual(['mfa.enabled', 'sign_in.succeeded']);
    expect(first.data?.activity.edges[0]?.node.actor.id).toBe(user.id);
    const second = await as<Page>(fakeViewer(user.id), query, { after: first.data?.activity.pageInfo.endCursor });
    expect(second.data?.activity.edges.map((e) => e.node.type)).toEqual(['sign_in.failed']);
    expect(second.data?.activity.pageInfo.hasNextPage).toBe(false);
  });
});
