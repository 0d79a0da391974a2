import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { freePort, freshMysql, freshPostgres, freshRedis, tempDataDir, testLogger, type Provisioned } from '@market/testkit';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpFor } from '../src/domain/mfa';
import { loadEnv } from '../src/env';
import { MFA_FAILED, SIGN_IN_FAILED, SIGN_IN_LOCKED } from '../src/oidc/provider';
import { startService, type SsoService } from '../src/service';
import type { AuditEventRow } from '../src/store';
import { apps, CookieJar, discover, follow, signIn, startFlow, submit, type Browser } from './hosted-pages';

// Brute-force protection, the audit trail and the TOTP second factor, through the hosted pages over
// plain HTTP. Small lockout limits via env; behind a "trusted proxy" so each test comes from its own
// address (X-Forwarded-For). Runs on MySQL / PostgreSQL / Redis when their URLs are set.

const LIMITS = { account: 4, ip: 8 };

const demo = demoData();
const byEmail = (email: string) => demo.users.find((u) => u.email === email)!;

let mysql: Provisioned;
let postgres: Provisioned;
let redis: Provisioned & { prefix: string };
let data: { dir: string; cleanup: () => Promise<void> };
let service: SsoService;
let issuer: string;

beforeAll(async () => {
  mysql = await freshMysql('sso_security');
  postgres = await freshPostgres('sso_security');
  redis = await freshRedis('sso_security');
  data = tempDataDir('sso-security');
  const port = await freePort();
  issuer = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: data.dir,
    NODE_ENV: 'test',
    ISSUER: issuer,
    TRUST_PROXY: 'true',
    LOCKOUT_ACCOUNT_MAX: String(LIMITS.account),
    LOCKOUT_IP_MAX: String(LIMITS.ip),
    LOCKOUT_DELAY_AFTER: '2',
    LOCKOUT_DELAY_MS: '5',
  };
  if (mysql.url) env.MYSQL_URL = mysql.url;
  if (postgres.url) env.DATABASE_URL = postgres.url;
  if (redis.url) Object.assign(env, { REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix });
  service = await startService(loadEnv(env), { logger: testLogger('sso') });
}, 60_000);

afterAll(async () => {
  await service?.stop();
  await mysql?.cleanup();
  await postgres?.cleanup();
  await redis?.cleanup();
  await data?.cleanup();
});

let addresses = 0;
/** A new browser from its own address. */
const browser = (): Browser => ({
  jar: new CookieJar(),
  headers: { 'x-forwarded-for': `198.51.100.${++addresses}`, 'user-agent': 'security-test' },
});

async function attempt(from: Browser, email: string, password: string) {
  const configuration = await discover(issuer, 'web-client');
  // A new cookie jar each time (no sign-in session carried over), from the same address.
  const flow = await startFlow(configuration, 'web-client', 'openid', { ...from, jar: new CookieJar() });
  return { configuration, flow, end: await signIn(issuer, flow, email, password) };
}

async function auditOf(filter: Parameters<SsoService['store']['listAudit']>[0]): Promise<AuditEventRow[]> {
  return (await service.store.listAudit(filter, { limit: 100, after: null })).rows;
}

describe('brute-force protection', () => {
  it('locks an account after repeated failures, refuses the right password while locked, and audits it', async () => {
    const victim = byEmail('customer2@example.com');
    const from = browser();
    for (let i = 1; i < LIMITS.account; i++) {
      const { end } = await attempt(from, victim.email, `wrong-${i}`);
      expect(end.response.status).toBe(401);
      expect(end.html).toContain(SIGN_IN_FAILED);
    }
    const locking = await attempt(from, victim.email, 'wrong-last');
    expect(locking.end.response.status).toBe(429);
    expect(locking.end.html).toContain(SIGN_IN_LOCKED);
    expect(Number(locking.end.response.headers.get('retry-after'))).toBeGreaterThan(0);

    // Locked, from any address: the correct password gets the same answer, and no redirect.
    const refused = await attempt(browser(), victim.email, DEMO_PASSWORD);
    expect(refused.end.response.status).toBe(429);
    expect(refused.end.html).toContain(SIGN_IN_LOCKED);
    expect(refused.end.url.startsWith(apps['web-client'])).toBe(false);

    const events = await auditOf({ targetId: victim.id });
    expect(events.filter((e) => e.type === 'sign_in.locked')).toHaveLength(1);
    expect(events.find((e) => e.type === 'sign_in.locked')).toMatchObject({
      ip: '198.51.100.1',
      userAgent: 'security-test',
      details: { scope: 'account' },
    });
    const failures = events.filter((e) => e.type === 'sign_in.failed');
    expect(failures.map((e) => e.details.reason)).toEqual(['locked', ...Array<string>(LIMITS.account).fill('wrong_password')]);
    expect(JSON.stringify(events)).not.toContain('wrong-');
    expect(events.some((e) => e.type === 'sign_in.succeeded')).toBe(false);
  });

  it('locks an address after repeated failures across accounts', async () => {
    const from = browser();
    for (let i = 1; i < LIMITS.ip; i++) {
      const { end } = await attempt(from, `nobody${i}@example.com`, 'guess');
      expect(end.response.status).toBe(401);
    }
    expect((await attempt(from, 'nobody-last@example.com', 'guess')).end.response.status).toBe(429);
    const owner = byEmail('owner@example.com');
    expect((await attempt(from, owner.email, DEMO_PASSWORD)).end.response.status).toBe(429);
    // The account itself is not locked: from another address it signs in.
    expect((await attempt(browser(), owner.email, DEMO_PASSWORD)).end.url.startsWith(apps['web-client'])).toBe(true);
    const locks = await auditOf({ types: ['sign_in.locked'] });
    expect(locks.some((e) => e.details.scope === 'ip' && e.ip === from.headers?.['x-forwarded-for'])).toBe(true);
  });

  it('resets the account counter on a successful sign-in, and audits it', async () => {
    const staff = byEmail('staff@example.com');
    const from = browser();
    for (let round = 0; round < 2; round++) {
      for (let i = 1; i < LIMITS.account; i++) expect((await attempt(from, staff.email, 'wrong')).end.response.status).toBe(401);
      expect((await attempt(from, staff.email, DEMO_PASSWORD)).end.url.startsWith(apps['web-client'])).toBe(true);
    }
    const succeeded = await auditOf({ targetId: staff.id, types: ['sign_in.succeeded'] });
    expect(succeeded).toHaveLength(2);
    expect(succeeded[0]).toMatchObject({ actorId: staff.id, ip: from.headers?.['x-forwarded-for'], details: { amr: ['pwd'] } });
  });
});

describe('TOTP second factor', () => {
  it('enrolls, then signs in with a code through the MFA page; refuses a replayed code; a recovery code works once', async () => {
    const user = byEmail('customer@example.com');
    const enrollment = await service.mfa.startEnrollment(user);
    expect(enrollment.qrSvg).toContain('<svg');
    const totp = totpFor(enrollment.secret, user.email);
    const confirmed = await service.mfa.confirmEnrollment(user.id, totp.generate());
    if (!confirmed.ok) throw new Error(`not confirmed: ${confirmed.reason}`);

    // Password first, then the challenge page (CSRF-protected), then the app.
    const from = browser();
    const { configuration, flow, end: challenge } = await attempt(from, user.email, DEMO_PASSWORD);
    expect(challenge.response.status).toBe(200);
    expect(challenge.html).toContain('Two-step verification');
    expect(challenge.html).toContain('name="csrf"');
    expect(challenge.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

    const forged = await follow(flow.browser, issuer, challenge.url.replace(/\/login$/, '/mfa'), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged', code: '123456' }).toString(),
    });
    expect(forged.response.status).toBe(403);

    const code = totp.generate({ timestamp: Date.now() + 30_000 }); // the next step: the confirming one is spent
    const done = await submit(flow.browser, issuer, challenge, { code });
    expect(done.url.startsWith(apps['web-client'])).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(done.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    expect(tokens.claims()?.amr).toEqual(['pwd', 'otp', 'mfa']);

    // The same code again, in a new sign-in: refused (replay), audited, and the page asks again.
    const second = await attempt(browser(), user.email, DEMO_PASSWORD);
    const replayed = await submit(second.flow.browser, issuer, second.end, { code });
    expect(replayed.response.status).toBe(401);
    expect(replayed.html).toContain(MFA_FAILED);
    const wrong = await submit(second.flow.browser, issuer, replayed, { code: 'abcde-fghij' });
    expect(wrong.response.status).toBe(401);

    // A recovery code, on the same challenge page: works once.
    const recovery = confirmed.recoveryCodes[0]!;
    const recovered = await submit(second.flow.browser, issuer, wrong, { code: recovery });
    expect(recovered.url.startsWith(apps['web-client'])).toBe(true);
    const third = await attempt(browser(), user.email, DEMO_PASSWORD);
    const reused = await submit(third.flow.browser, issuer, third.end, { code: recovery });
    expect(reused.response.status).toBe(401);
    expect(await service.mfa.unusedRecoveryCodes(user.id)).toBe(9);

    const events = await auditOf({ targetId: user.id });
    const types = events.map((e) => e.type);
    expect(types.filter((t) => t === 'mfa.challenge_passed')).toHaveLength(1);
    expect(types.filter((t) => t === 'mfa.recovery_code_used')).toHaveLength(1);
    const failures = events.filter((e) => e.type === 'mfa.challenge_failed').map((e) => e.details);
    expect(failures).toEqual([
      { method: 'recovery_code', reason: 'invalid_code' },
      { method: 'recovery_code', reason: 'invalid_code' },
      { method: 'totp', reason: 'replayed_code' },
    ]);
    expect(JSON.stringify(events)).not.toContain(code);
    expect(JSON.stringify(events)).not.toContain(recovery);
  });

  it('does not let the password alone finish a sign-in of a user with TOTP', async () => {
    const user = byEmail('customer@example.com');
    const { flow, end } = await attempt(browser(), user.email, DEMO_PASSWORD);
    expect(end.html).toContain('Two-step verification');
    // Going back to the authorization URL shows the challenge again, never the app.
    const again = await follow(flow.browser, issuer, flow.authorizationUrl.toString());
    expect(again.url.startsWith(apps['web-client'])).toBe(false);
    expect(again.html).not.toContain('code=');
  });
});

describe('audit of token events', () => {
  it('records refresh-token reuse', async () => {
    const admin = byEmail('admin@example.com');
    const { configuration, flow, end } = await attempt(browser(), admin.email, DEMO_PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(end.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    await oidc.refreshTokenGrant(configuration, tokens.refresh_token!);
    await expect(oidc.refreshTokenGrant(configuration, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    let reused: AuditEventRow[] = [];
    for (let i = 0; i < 50 && !reused.length; i++) {
      reused = await auditOf({ targetId: admin.id, types: ['refresh_token.reused'] });
      if (!reused.length) await sleep(50);
    }
    expect(reused[0]).toMatchObject({ details: { clientId: 'web-client' } });
  });

  it('records a sign-out (RP-initiated logout)', async () => {
    const owner = byEmail('owner@example.com');
    const { configuration, flow, end } = await attempt(browser(), owner.email, DEMO_PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(end.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    const logoutUrl = oidc.buildEndSessionUrl(configuration, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:3008/',
    });
    const page = await follow(flow.browser, issuer, logoutUrl.toString());
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page.html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1];
    const done = await follow(flow.browser, issuer, new URL(action!, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(done.url).toBe('http://localhost:3008/');
    let signOuts: AuditEventRow[] = [];
    for (let i = 0; i < 50 && !signOuts.length; i++) {
      signOuts = await auditOf({ targetId: owner.id, types: ['sign_out'] });
      if (!signOuts.length) await sleep(50);
    }
    expect(signOuts[0]).toMatchObject({ actorId: owner.id, details: { clientId: 'web-client' } });
  });
});
