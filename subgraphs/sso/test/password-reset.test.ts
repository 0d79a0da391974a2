import { DEMO_PASSWORD } from '@market/demo-data';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAccountToken } from '../src/oidc/account-tokens';
import { RESET_LINK_INVALID, RESET_REQUESTED } from '../src/oidc/password-reset';
import { SIGN_IN_FAILED, SIGN_IN_LOCKED } from '../src/oidc/provider';
import { hashPassword } from '../src/oidc/passwords';
import {
  apps,
  CapturingMailer,
  CookieJar,
  discover,
  follow,
  formOf,
  linkIn,
  request,
  signIn,
  startFlow,
  startTestSso,
  submit,
  type Browser,
  type TestSso,
} from './hosted-pages';

// "Forgot password?" → mailed link → new password: every session and refresh token of the account ends, the
// lockout is cleared, and the reset itself signs nobody in.

const LOCKOUT_ACCOUNT_MAX = 3;
const NEW_PASSWORD = 'a brand new passphrase';

const mailer = new CapturingMailer();
let sso: TestSso;
let issuer: string;

beforeAll(async () => {
  sso = await startTestSso(
    'sso_reset',
    { TRUST_PROXY: 'true', LOCKOUT_ACCOUNT_MAX: String(LOCKOUT_ACCOUNT_MAX), LOCKOUT_DELAY_MS: '0' },
    { mailer },
  );
  issuer = sso.issuer;
}, 60_000);

afterAll(async () => {
  await sso?.stop();
});

let addresses = 0;
const browser = (): Browser => ({
  jar: new CookieJar(),
  headers: { 'x-forwarded-for': `192.0.2.${++addresses}`, 'user-agent': 'reset-test' },
});

let users = 0;
/** A fresh active customer with a password (each test its own, so tests do not share lockouts or sessions). */
async function newCustomer(password = DEMO_PASSWORD) {
  const email = `reset-${++users}-${Date.now()}@example.test`;
  const [user] = await sso.service.store.insertMany([{ email, roles: ['CUSTOMER'], emailVerifiedAt: new Date() }]);
  await sso.service.store.setPasswordHashes([{ userId: user!.id, passwordHash: await hashPassword(password) }]);
  return user!;
}

async function signInTo(email: string, password: string, b = browser()) {
  const configuration = await discover(issuer, 'web-client');
  const flow = await startFlow(configuration, 'web-client', 'openid email', b);
  const end = await signIn(issuer, flow, email, password);
  return { configuration, flow, end };
}

/** Asks for a reset link on the forgot-password page; returns the answer page. */
async function requestReset(email: string, b = browser()) {
  const page = await follow(b, issuer, `${issuer}/forgot-password`);
  expect(page.response.status).toBe(200);
  expect(page.html).toContain('<label for="email">Email</label>');
  return submit(b, issuer, page, { email });
}

async function choosePassword(link: string, password: string, confirm = password, b = browser()) {
  const page = await follow(b, issuer, link);
  expect(page.response.status).toBe(200);
  return submit(b, issuer, page, { password, confirm });
}

describe('password reset', () => {
  it('answers the same for known and unknown addresses, and mails a link only to an existing account', async () => {
    const user = await newCustomer();
    const known = await requestReset(user.email);
    const nobody = `nobody-${Date.now()}@example.test`;
    const unknown = await requestReset(nobody);
    expect(known.response.status).toBe(200);
    expect(unknown.response.status).toBe(200);
    expect(known.html).toContain(RESET_REQUESTED);
    expect(unknown.html.replace(/nonce="[^"]+"/, '')).toBe(known.html.replace(/nonce="[^"]+"/, ''));
    const mail = await mailer.next(user.email);
    expect(linkIn(mail, `${issuer}/reset-password?token=`)).toMatch(/token=[\w-]{43}$/);
    expect(mailer.to(nobody)).toHaveLength(0);
  });

  it('sets the new password, ends every session and refresh token, clears the lockout, and signs nobody in', async () => {
    const user = await newCustomer();
    // A signed-in browser with a refresh token.
    const signedIn = browser();
    const configuration = await discover(issuer, 'web-client');
    const flow = await startFlow(configuration, 'web-client', 'openid email', signedIn);
    const end = await signIn(issuer, flow, user.email, DEMO_PASSWORD);
    expect(end.url.startsWith(apps['web-client'])).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(end.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    expect(tokens.refresh_token).toBeTruthy();
    // And an attacker who locked the account with wrong passwords.
    for (let i = 0; i < LOCKOUT_ACCOUNT_MAX; i++) await signInTo(user.email, 'wrong password');
    expect((await signInTo(user.email, DEMO_PASSWORD)).end.html).toContain(SIGN_IN_LOCKED);

    await requestReset(user.email);
    const link = linkIn(await mailer.next(user.email), `${issuer}/reset-password?token=`);
    const resetter = browser();
    const done = await choosePassword(link, NEW_PASSWORD, NEW_PASSWORD, resetter);
    expect(done.response.status).toBe(200);
    expect(done.html).toContain('Password changed');

    // Signed out everywhere: the refresh token is dead, the browser's session asks for a sign-in again.
    await expect(oidc.refreshTokenGrant(configuration, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    const silent = await startFlow(configuration, 'web-client', 'openid', signedIn);
    silent.authorizationUrl.searchParams.set('prompt', 'none');
    expect(new URL((await follow(signedIn, issuer, silent.authorizationUrl.toString())).url).searchParams.get('error')).toBe(
      'login_required',
    );
    // The reset did not sign the resetting browser in either.
    const resetterSilent = await startFlow(configuration, 'web-client', 'openid', resetter);
    resetterSilent.authorizationUrl.searchParams.set('prompt', 'none');
    expect(new URL((await follow(resetter, issuer, resetterSilent.authorizationUrl.toString())).url).searchParams.get('error')).toBe(
      'login_required',
    );

    // The old password fails, the new one works at once (the lock was cleared).
    expect((await signInTo(user.email, DEMO_PASSWORD)).end.html).toContain(SIGN_IN_FAILED);
    expect((await signInTo(user.email, NEW_PASSWORD)).end.url.startsWith(apps['web-client'])).toBe(true);

    const audit = await sso.service.store.listAudit({ types: ['password.reset'], targetId: user.id }, { limit: 5, after: null });
    expect(audit.rows).toHaveLength(1);
    expect(JSON.stringify(audit.rows[0]?.details)).not.toContain(NEW_PASSWORD);

    // The link works once.
    const again = await choosePassword(link, 'yet another passphrase');
    expect(again.response.status).toBe(400);
    expect(again.html).toContain(RESET_LINK_INVALID);
  });

  it('keeps only the newest link working', async () => {
    const user = await newCustomer();
    await requestReset(user.email);
    const first = linkIn(await mailer.next(user.email), `${issuer}/reset-password?token=`);
    await requestReset(user.email);
    const second = linkIn(await mailer.next(user.email), `${issuer}/reset-password?token=`);
    expect((await choosePassword(first, NEW_PASSWORD)).html).toContain(RESET_LINK_INVALID);
    expect((await choosePassword(second, NEW_PASSWORD)).response.status).toBe(200);
  });

  it('refuses a weak or mismatched password with a clear error, keeping the link usable', async () => {
    const user = await newCustomer();
    await requestReset(user.email);
    const link = linkIn(await mailer.next(user.email), `${issuer}/reset-password?token=`);
    const b = browser();
    const page = await follow(b, issuer, link);
    const short = await submit(b, issuer, page, { password: 'too short', confirm: 'too short' });
    expect(short.response.status).toBe(400);
    expect(short.html).toContain('at least 12 characters');
    const mismatch = await submit(b, issuer, short, { password: NEW_PASSWORD, confirm: `${NEW_PASSWORD}.` });
    expect(mismatch.html).toContain('The two passwords do not match.');
    // The email as password: found out only once the token names the account, so the form continues with a new token.
    const sameAsEmail = await submit(b, issuer, mismatch, { password: user.email, confirm: user.email });
    expect(sameAsEmail.response.status).toBe(400);
    expect(sameAsEmail.html).toContain('must not be your email address');
    expect(await sso.service.store.credentialsByEmail(user.email)).toMatchObject({ passwordHash: expect.stringMatching(/^\$argon2id\$/) });
    expect((await signInTo(user.email, DEMO_PASSWORD)).end.url.startsWith(apps['web-client'])).toBe(true);
    const done = await submit(b, issuer, sameAsEmail, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(done.response.status).toBe(200);
    expect((await signInTo(user.email, NEW_PASSWORD)).end.url.startsWith(apps['web-client'])).toBe(true);
  });

  it('refuses an expired link, a malformed one, and a form without its CSRF token', async () => {
    const user = await newCustomer();
    const { token, tokenHash } = newAccountToken();
    await sso.service.store.createAccountToken({
      tokenHash,
      purpose: 'reset_password',
      userId: user.id,
      data: {},
      expiresAt: new Date(Date.now() - 1),
    });
    const expired = await choosePassword(`${issuer}/reset-password?token=${token}`, NEW_PASSWORD);
    expect(expired.response.status).toBe(400);
    expect(expired.html).toContain(RESET_LINK_INVALID);

    const malformed = await follow(browser(), issuer, `${issuer}/reset-password?token=../../etc`);
    expect(malformed.response.status).toBe(400);

    const b = browser();
    const fresh = newAccountToken();
    await sso.service.store.createAccountToken({
      tokenHash: fresh.tokenHash,
      purpose: 'reset_password',
      userId: user.id,
      data: {},
      expiresAt: new Date(Date.now() + 60_000),
    });
    const page = await follow(b, issuer, `${issuer}/reset-password?token=${fresh.token}`);
    const forged = await request(b, new URL(formOf(page.html).action, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged', token: fresh.token, password: NEW_PASSWORD, confirm: NEW_PASSWORD }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await signInTo(user.email, DEMO_PASSWORD)).end.url.startsWith(apps['web-client'])).toBe(true);
  });

  it('links "Forgot password?" from the sign-in page, with the security headers', async () => {
    const configuration = await discover(issuer, 'web-client');
    const b = browser();
    const flow = await startFlow(configuration, 'web-client', 'openid', b);
    const signInPage = await follow(b, issuer, flow.authorizationUrl.toString());
    expect(signInPage.html).toContain('<a href="/forgot-password">Forgot password?</a>');
    const page = await follow(b, issuer, `${issuer}/forgot-password`);
    expect(page.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    const bad = await submit(b, issuer, page, { email: 'not an address' });
    expect(bad.response.status).toBe(400);
    expect(bad.html).toContain('role="alert"');
  });
});
