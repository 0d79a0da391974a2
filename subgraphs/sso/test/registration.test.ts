import { freePort } from '@market/testkit';
import { SMTPServer } from 'smtp-server';
import * as oidc from 'openid-client';
import type { Logger } from '@market/kit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashAccountToken, newAccountToken } from '../src/oidc/account-tokens';
import { LogMailer, openMailer, SmtpMailer } from '../src/oidc/mailer';
import { EMAIL_TAKEN } from '../src/oidc/registration';
import type { AuditEventRow } from '../src/store';
import {
  apps,
  CapturingMailer,
  CookieJar,
  discover,
  follow,
  formOf,
  linkIn,
  request,
  startFlow,
  startTestSso,
  submit,
  type Browser,
  type TestSso,
} from './hosted-pages';

// Registration on the hosted pages and email verification by link. The service sends its mail through nodemailer
// to a local SMTP server (smtp-server) standing in for the real one: the links are read from what it received.

const REGISTRATION_IP_MAX = 4;
const PASSWORD = 'a long enough passphrase';

/** Decodes a quoted-printable body (nodemailer wraps long lines with soft breaks). */
function decodeQuotedPrintable(body: string): string {
  return body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

let smtp: SMTPServer;
const received = new CapturingMailer();
let sso: TestSso;
let issuer: string;

beforeAll(async () => {
  const smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
        for (const rcpt of session.envelope.rcptTo) {
          void received.send({ to: rcpt.address, subject, text: decodeQuotedPrintable(raw), html: '' });
        }
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(smtpPort, '127.0.0.1', resolve));
  sso = await startTestSso('sso_registration', {
    TRUST_PROXY: 'true',
    REGISTRATION_IP_MAX: String(REGISTRATION_IP_MAX),
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: 'Marketplace <no-reply@example.test>',
  });
  issuer = sso.issuer;
}, 60_000);

afterAll(async () => {
  await sso?.stop();
  await new Promise<void>((resolve) => (smtp ? smtp.close(resolve) : resolve()));
});

let addresses = 0;
const browser = (): Browser => ({
  jar: new CookieJar(),
  headers: { 'x-forwarded-for': `203.0.113.${++addresses}`, 'user-agent': 'registration-test' },
});
let emails = 0;
const newEmail = () => `new-user-${++emails}-${Date.now()}@example.test`;

/** Opens the sign-in page of a web-client flow and follows its "Create an account" link. */
async function registerPage(b = browser()) {
  const configuration = await discover(issuer, 'web-client');
  const flow = await startFlow(configuration, 'web-client', 'openid email offline_access orders:read', b);
  const signInPage = await follow(b, issuer, flow.authorizationUrl.toString());
  const href = /<a href="([^"]+)">Create an account<\/a>/.exec(signInPage.html)?.[1];
  expect(href).toMatch(/^\/interaction\/[\w-]+\/register$/);
  expect(signInPage.html).toContain('<a href="/forgot-password">Forgot password?</a>');
  const page = await follow(b, issuer, new URL(href!, signInPage.url).toString());
  return { configuration, flow, page };
}

const audits = async (type: string, targetId: string): Promise<AuditEventRow[]> =>
  (await sso.service.store.listAudit({ types: [type], targetId }, { limit: 10, after: null })).rows;

describe('registration', () => {
  it('creates a PENDING_VERIFICATION customer with an argon2id hash, signs it in, and mails a verification link that works once', async () => {
    const { configuration, flow, page } = await registerPage();
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    for (const label of [
      '<label for="email">Email</label>',
      '<label for="password">Password</label>',
      '<label for="confirm">Repeat the password</label>',
    ]) {
      expect(page.html).toContain(label);
    }
    const email = newEmail();
    const end = await submit(flow.browser, issuer, page, { email, password: PASSWORD, confirm: PASSWORD });
    // Signed in: the authorization finishes at the app with a code.
    expect(end.url.startsWith(apps['web-client'])).toBe(true);
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(end.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    const claims = tokens.claims()!;
    expect(claims.amr).toEqual(['pwd']);

    const { store } = sso.service;
    const created = await store.credentialsByEmail(email);
    expect(created?.user).toMatchObject({ id: claims.sub, status: 'PENDING_VERIFICATION', emailVerifiedAt: null });
    expect(created?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await store.rolesOf([claims.sub])).map((r) => r.role)).toEqual(['CUSTOMER']);
    expect(await audits('account.registered', claims.sub)).toHaveLength(1);

    const mail = await received.next(email);
    expect(mail.subject).toBe('Confirm your email address');
    expect(mail.text).toContain('From: Marketplace <no-reply@example.test>');
    const link = linkIn(mail, `${issuer}/verify-email?token=`);
    const token = new URL(link).searchParams.get('token')!;
    expect(token).toMatch(/^[\w-]{43}$/);

    const verified = await follow(browser(), issuer, link);
    expect(verified.response.status).toBe(200);
    expect(verified.html).toContain('Email verified');
    const after = await store.byIds([claims.sub]);
    expect(after[0]?.status).toBe('ACTIVE');
    expect(after[0]?.emailVerifiedAt).toBeInstanceOf(Date);
    expect(await audits('email.verified', claims.sub)).toHaveLength(1);

    // Once only: the same link again gets a clear page and changes nothing.
    const again = await follow(browser(), issuer, link);
    expect(again.response.status).toBe(400);
    expect(again.html).toContain('This verification link has expired or was already used.');
    expect(await audits('email.verified', claims.sub)).toHaveLength(1);
  });

  it('refuses an expired verification link', async () => {
    const { store } = sso.service;
    const [user] = await store.insertMany([{ email: newEmail(), status: 'PENDING_VERIFICATION', roles: ['CUSTOMER'] }]);
    const { token, tokenHash } = newAccountToken();
    await store.createAccountToken({
      tokenHash,
      purpose: 'verify_email',
      userId: user!.id,
      data: {},
      expiresAt: new Date(Date.now() - 1000),
    });
    const page = await follow(browser(), issuer, `${issuer}/verify-email?token=${token}`);
    expect(page.response.status).toBe(400);
    expect(page.html).toContain('expired or was already used');
    expect((await store.byIds([user!.id]))[0]?.status).toBe('PENDING_VERIFICATION');
    // Only the hash is stored: the token itself does not spend anything.
    expect(await store.useAccountToken(token, 'verify_email')).toBeNull();
    expect(hashAccountToken(token)).toBe(tokenHash);
  });

  it.each<[string, { email?: string; password: string; confirm: string }, string]>([
    ['a malformed address', { email: 'not-an-email', password: PASSWORD, confirm: PASSWORD }, 'Enter a valid email address.'],
    ['a short password', { password: 'short-pass1', confirm: 'short-pass1' }, 'at least 12 characters'],
    ['the email as password', { password: '@', confirm: '@' }, 'must not be your email address'],
    ['passwords that differ', { password: PASSWORD, confirm: `${PASSWORD}!` }, 'The two passwords do not match.'],
  ])('refuses %s with a clear error and creates nothing', async (_, fields, message) => {
    const { flow, page } = await registerPage();
    const email = fields.email ?? newEmail();
    const password = fields.password === '@' ? email : fields.password;
    const end = await submit(flow.browser, issuer, page, { email, password, confirm: fields.confirm === '@' ? email : fields.confirm });
    expect(end.response.status).toBe(400);
    expect(end.html).toContain('role="alert"');
    expect(end.html).toContain(message.replace(/'/g, '&#39;'));
    expect(end.html).toContain('name="csrf"');
    expect(await sso.service.store.credentialsByEmail(email)).toBeNull();
  });

  it('says that an email is taken, without signing in or changing the account', async () => {
    const { flow, page } = await registerPage();
    const end = await submit(flow.browser, issuer, page, { email: 'Customer@Example.com', password: PASSWORD, confirm: PASSWORD });
    expect(end.response.status).toBe(409);
    expect(end.html).toContain(EMAIL_TAKEN);
    expect(end.url.startsWith(issuer)).toBe(true);
    const existing = await sso.service.store.credentialsByEmail('customer@example.com');
    expect(existing?.user.status).toBe('ACTIVE');
  });

  it('refuses a registration form without its CSRF token', async () => {
    const { flow, page } = await registerPage();
    const email = newEmail();
    const response = await request(flow.browser, new URL(formOf(page.html).action, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged', email, password: PASSWORD, confirm: PASSWORD }).toString(),
    });
    expect(response.status).toBe(403);
    expect(await sso.service.store.credentialsByEmail(email)).toBeNull();
  });

  it('limits registrations per IP address', async () => {
    const b = browser();
    const statuses: number[] = [];
    for (let i = 0; i <= REGISTRATION_IP_MAX; i++) {
      const { flow, page } = await registerPage({ jar: new CookieJar(), headers: b.headers! });
      const end = await submit(flow.browser, issuer, page, {
        email: 'customer@example.com',
        password: PASSWORD,
        confirm: PASSWORD,
      });
      statuses.push(end.response.status);
    }
    expect(statuses.slice(0, REGISTRATION_IP_MAX)).toEqual(Array(REGISTRATION_IP_MAX).fill(409));
    expect(statuses[REGISTRATION_IP_MAX]).toBe(429);
  });
});

describe('mailer', () => {
  const fakeLogger = () => {
    const logger = { info: vi.fn(), warn: vi.fn(), child: vi.fn() };
    logger.child.mockReturnValue(logger);
    return logger;
  };

  it('logs the whole message, link included, when no SMTP server is configured (embedded mode)', async () => {
    const logger = fakeLogger();
    const mailer = openMailer({ from: 'x@example.test', production: false, logger: logger as unknown as Logger });
    expect(mailer).toBeInstanceOf(LogMailer);
    expect(logger.warn).not.toHaveBeenCalled();
    await mailer.send({ to: 'a@example.test', subject: 'Hi', text: 'open http://localhost:3001/verify-email?token=abc', html: '' });
    expect(logger.info).toHaveBeenCalledWith(
      expect.objectContaining({ to: 'a@example.test', text: expect.stringContaining('/verify-email?token=abc') as unknown }),
      expect.any(String),
    );
  });

  it('warns at start in production without SMTP_URL, and uses SMTP when it is set', () => {
    const logger = fakeLogger();
    openMailer({ from: 'x@example.test', production: true, logger: logger as unknown as Logger });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining('SMTP_URL is unset'));
    const smtpMailer = openMailer({
      smtpUrl: 'smtp://127.0.0.1:2525',
      from: 'x@example.test',
      production: true,
      logger: logger as unknown as Logger,
    });
    expect(smtpMailer).toBeInstanceOf(SmtpMailer);
    void smtpMailer.close?.();
  });
});
