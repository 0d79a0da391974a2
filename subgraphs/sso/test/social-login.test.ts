import { freePort } from '@market/testkit';
import type { Server } from 'node:http';
import { DEMO_PASSWORD } from '@market/demo-data';
import Provider from 'oidc-provider';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpFor } from '../src/domain/mfa';
import { loadEnv, socialSettings } from '../src/env';
import { hashPassword } from '../src/oidc/passwords';
import { connectorsFrom, facebookIdentity, githubIdentity, SocialConnector } from '../src/oidc/social';
import { LINK_PASSWORD_FAILED } from '../src/oidc/social-flow';
import {
  apps,
  CapturingMailer,
  CookieJar,
  discover,
  linkIn,
  request,
  startFlow,
  startTestSso,
  type Browser,
  type TestSso,
} from './hosted-pages';

// Social sign-in against a second, local OpenID Connect provider standing in for the social IdP (plain
// oidc-provider with its development interactions: "login" is the upstream account id). The SSO's generic OIDC
// connector points at it; a browser with one cookie jar per host drives the whole flow over HTTP.

const UPSTREAM_CLIENT = { id: 'marketplace-sso', secret: 'upstream-secret-0123456789abcdef0123456789' };

/** The upstream provider's accounts, by subject. */
const upstreamAccounts: Record<string, { email?: string; email_verified?: boolean; name?: string }> = {};

const mailer = new CapturingMailer();
let sso: TestSso;
let issuer: string;
let upstreamIssuer: string;
let upstreamServer: Server;

beforeAll(async () => {
  const upstreamPort = await freePort();
  upstreamIssuer = `http://localhost:${upstreamPort}`;
  sso = await startTestSso(
    'sso_social',
    {
      SOCIAL_OIDC_ISSUER: upstreamIssuer,
      SOCIAL_OIDC_CLIENT_ID: UPSTREAM_CLIENT.id,
      SOCIAL_OIDC_CLIENT_SECRET: UPSTREAM_CLIENT.secret,
      SOCIAL_OIDC_NAME: 'Test IdP',
    },
    { mailer },
  );
  issuer = sso.issuer;
  const upstream = new Provider(upstreamIssuer, {
    clients: [
      {
        client_id: UPSTREAM_CLIENT.id,
        client_secret: UPSTREAM_CLIENT.secret,
        redirect_uris: [`${issuer}/social/callback/oidc`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub, ...upstreamAccounts[sub] }) }),
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['upstream-test-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
  });
  upstreamServer = upstream.listen(upstreamPort);
}, 60_000);

afterAll(async () => {
  await new Promise((resolve) => upstreamServer?.close(resolve));
  await sso?.stop();
});

/** One browser across both providers: a cookie jar per host (the two run on different hosts). */
class TwoSiteBrowser {
  private readonly sites = new Map<string, Browser>();
  site(url: string): Browser {
    const host = new URL(url).host;
    let site = this.sites.get(host);
    if (!site) this.sites.set(host, (site = { jar: new CookieJar() }));
    return site;
  }

  /** Follows redirects through both providers; stops at a page or at the app. */
  async go(url: string, init?: RequestInit): Promise<{ response: Response; url: string; html: string }> {
    let current = url;
    let response = await request(this.site(current), current, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      current = new URL(response.headers.get('location') ?? '', current).toString();
      if (current.startsWith(apps['web-client'])) return { response, url: current, html: '' };
      response = await request(this.site(current), current);
    }
    return { response, url: current, html: await response.text() };
  }

  post(page: { url: string; html: string }, fields: Record<string, string>) {
    const action = /<form[^>]* action="([^"]+)"/.exec(page.html)?.[1];
    if (!action) throw new Error(`no form in ${page.html}`);
    const hidden: Record<string, string> = {};
    for (const [, name, value] of page.html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) {
      if (name) hidden[name] = value ?? '';
    }
    return this.go(new URL(action.replace(/&#38;/g, '&'), page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...hidden, ...fields }).toString(),
    });
  }
}

/**
 * Starts a web-client authorization, clicks "Continue with Test IdP", signs in upstream as `subject` (and
 * consents there); returns where the browser ends up (the app, or one of our pages) and the flow.
 */
async function continueWithUpstream(subject: string, browser = new TwoSiteBrowser()) {
  const configuration = await discover(issuer, 'web-client');
  const flow = await startFlow(configuration, 'web-client', 'openid email roles', browser.site(issuer));
  const signInPage = await browser.go(flow.authorizationUrl.toString());
  const href = /<a class="button" href="([^"]+)">Continue with Test IdP<\/a>/.exec(signInPage.html)?.[1];
  expect(href).toMatch(/^\/interaction\/[\w-]+\/social\/oidc$/);
  let page = await browser.go(new URL(href!, signInPage.url).toString());
  expect(page.url.startsWith(upstreamIssuer)).toBe(true);
  page = await browser.post(page, { login: subject, password: 'anything' });
  if (page.url.startsWith(upstreamIssuer) && page.html.includes('value="consent"')) page = await browser.post(page, {});
  return { configuration, flow, browser, page };
}

async function tokensOf(result: Awaited<ReturnType<typeof continueWithUpstream>>) {
  expect(result.page.url.startsWith(apps['web-client'])).toBe(true);
  return oidc.authorizationCodeGrant(result.configuration, new URL(result.page.url), {
    pkceCodeVerifier: result.flow.verifier,
    expectedState: result.flow.state,
  });
}

const auditCount = async (type: string, targetId: string) =>
  (await sso.service.store.listAudit({ types: [type], targetId }, { limit: 1, after: null })).totalCount;

let subjects = 0;
const newSubject = (account: { email?: string; email_verified?: boolean; name?: string }) => {
  const subject = `upstream-${++subjects}-${Date.now()}`;
  upstreamAccounts[subject] = account;
  return subject;
};

describe('social sign-in (generic OIDC connector against a local provider)', () => {
  it('creates a verified, linked customer on first sign-in; the next sign-in finds it by the link', async () => {
    const email = `social-new-${Date.now()}@example.test`;
    const subject = newSubject({ email, email_verified: true, name: 'New Person' });
    const first = await tokensOf(await continueWithUpstream(subject));
    const claims = first.claims()!;
    expect(claims.amr).toEqual(['fed']);
    const { store } = sso.service;
    const [user] = await store.byIds([claims.sub]);
    expect(user).toMatchObject({ email, status: 'ACTIVE' });
    expect(user?.emailVerifiedAt).toBeInstanceOf(Date);
    expect((await store.rolesOf([claims.sub])).map((r) => r.role)).toEqual(['CUSTOMER']);
    expect(await store.linkedIdentitiesOf([claims.sub])).toEqual([
      expect.objectContaining({ provider: 'oidc', subject, userId: claims.sub }),
    ]);
    expect(await auditCount('account.registered', claims.sub)).toBe(1);
    expect(await auditCount('social.linked', claims.sub)).toBe(1);

    const second = await tokensOf(await continueWithUpstream(subject));
    expect(second.claims()?.sub).toBe(claims.sub);
    expect(await auditCount('social.signed_in', claims.sub)).toBe(1);
    expect(await auditCount('account.registered', claims.sub)).toBe(1);
  });

  it('creates a PENDING_VERIFICATION account (and mails a verification link) when the upstream email is not verified', async () => {
    const email = `social-unverified-${Date.now()}@example.test`;
    const subject = newSubject({ email, email_verified: false });
    const tokens = await tokensOf(await continueWithUpstream(subject));
    const [user] = await sso.service.store.byIds([tokens.claims()!.sub]);
    expect(user).toMatchObject({ email, status: 'PENDING_VERIFICATION', emailVerifiedAt: null });
    expect(linkIn(await mailer.next(email), `${issuer}/verify-email?token=`)).toBeTruthy();
  });

  it('asks the owner of an existing account to confirm the link with the password, then signs in directly next time', async () => {
    const { store } = sso.service;
    const email = `social-existing-${Date.now()}@example.test`;
    const [existing] = await store.insertMany([{ email, roles: ['CUSTOMER'], emailVerifiedAt: new Date() }]);
    await store.setPasswordHashes([{ userId: existing!.id, passwordHash: await hashPassword(DEMO_PASSWORD) }]);
    const subject = newSubject({ email: email.toUpperCase(), email_verified: true });

    const result = await continueWithUpstream(subject);
    const confirm = result.page;
    expect(confirm.response.status).toBe(200);
    expect(confirm.url.startsWith(issuer)).toBe(true);
    expect(confirm.html).toContain('Link your Test IdP account?');
    expect(confirm.html).toContain('Enter your password to confirm.');
    // Not linked silently.
    expect(await store.linkedIdentitiesOf([existing!.id])).toEqual([]);

    const wrong = await result.browser.post(confirm, { password: 'not the password' });
    expect(wrong.response.status).toBe(401);
    expect(wrong.html).toContain(LINK_PASSWORD_FAILED);
    expect(await store.linkedIdentitiesOf([existing!.id])).toEqual([]);

    const linked = await result.browser.post(wrong, { password: DEMO_PASSWORD });
    expect(linked.url.startsWith(apps['web-client'])).toBe(true);
    const tokens = await tokensOf({ ...result, page: linked });
    expect(tokens.claims()?.sub).toBe(existing!.id);
    expect(tokens.claims()?.amr).toEqual(['fed', 'pwd']);
    expect(await store.linkedIdentitiesOf([existing!.id])).toEqual([expect.objectContaining({ provider: 'oidc', subject })]);
    expect(await auditCount('social.linked', existing!.id)).toBe(1);

    const again = await tokensOf(await continueWithUpstream(subject));
    expect(again.claims()?.sub).toBe(existing!.id);
  });

  it('verifies a pending account it links to, and still asks for the second factor of a user with TOTP', async () => {
    const { store } = sso.service;
    const email = `social-mfa-${Date.now()}@example.test`;
    const [existing] = await store.insertMany([{ email, status: 'PENDING_VERIFICATION', roles: ['CUSTOMER'] }]);
    await store.setPasswordHashes([{ userId: existing!.id, passwordHash: await hashPassword(DEMO_PASSWORD) }]);
    const enrollment = await sso.service.mfa.startEnrollment(existing!);
    const totp = totpFor(enrollment.secret, email);
    const confirmed = await sso.service.mfa.confirmEnrollment(existing!.id, totp.generate());
    if (!confirmed.ok) throw new Error(`not confirmed: ${confirmed.reason}`);
    const subject = newSubject({ email, email_verified: true });

    const result = await continueWithUpstream(subject);
    const challenge = await result.browser.post(result.page, { password: DEMO_PASSWORD });
    expect(challenge.html).toContain('Two-step verification');
    const [verified] = await store.byIds([existing!.id]);
    expect(verified).toMatchObject({ status: 'ACTIVE' });
    expect(verified?.emailVerifiedAt).toBeInstanceOf(Date);

    const done = await result.browser.post(challenge, { code: totp.generate({ timestamp: Date.now() + 30_000 }) });
    const tokens = await tokensOf({ ...result, page: done });
    expect(tokens.claims()?.amr).toEqual(['fed', 'pwd', 'otp', 'mfa']);

    // Signing in through the link alone is a first factor too: the code is still asked for.
    const again = await continueWithUpstream(subject);
    expect(again.page.html).toContain('Two-step verification');
    expect(again.page.url.startsWith(issuer)).toBe(true);
  });

  it('confirms a link by mail for an account without a password', async () => {
    const { store } = sso.service;
    const email = `social-nopassword-${Date.now()}@example.test`;
    const [existing] = await store.insertMany([{ email, roles: ['CUSTOMER'], emailVerifiedAt: new Date() }]);
    const subject = newSubject({ email, email_verified: true });
    const result = await continueWithUpstream(subject);
    expect(result.page.html).toContain('This account has no password.');
    const sent = await result.browser.post(result.page, {});
    expect(sent.html).toContain('Check your email');
    const link = linkIn(await mailer.next(email), `${issuer}/link-identity?token=`);
    // Opening the link shows a confirmation; only the form links.
    const mailBrowser = new TwoSiteBrowser();
    const page = await mailBrowser.go(link);
    expect(await store.linkedIdentitiesOf([existing!.id])).toEqual([]);
    const done = await mailBrowser.post(page, {});
    expect(done.html).toContain('Your Test IdP account is linked.');
    expect(await store.linkedIdentitiesOf([existing!.id])).toEqual([expect.objectContaining({ subject })]);
    expect((await mailBrowser.post(page, {})).response.status).toBe(400);
    expect((await tokensOf(await continueWithUpstream(subject))).claims()?.sub).toBe(existing!.id);
  });

  it('does not link or sign in when the upstream email is unverified and taken, nor a suspended linked account', async () => {
    const { store } = sso.service;
    const unverified = await continueWithUpstream(newSubject({ email: 'customer@example.com', email_verified: false }));
    expect(unverified.page.response.status).toBe(409);
    expect(unverified.page.html).toContain('An account with this email already exists.');
    const [customer] = await store.byIds([(await store.credentialsByEmail('customer@example.com'))!.user.id]);
    expect(await store.linkedIdentitiesOf([customer!.id])).toEqual([]);

    const email = `social-suspended-${Date.now()}@example.test`;
    const subject = newSubject({ email, email_verified: true });
    const tokens = await tokensOf(await continueWithUpstream(subject));
    await store.setStatus(tokens.claims()!.sub, 'SUSPENDED');
    const refused = await continueWithUpstream(subject);
    expect(refused.page.response.status).toBe(403);
    expect(refused.page.url.startsWith(issuer)).toBe(true);
  });

  it('refuses a callback whose state it did not issue, and a round trip finished in another browser', async () => {
    const unknown = await request({ jar: new CookieJar() }, `${issuer}/social/callback/oidc?code=abc&state=forged-state`);
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('location')).toBeNull();

    // Start in one browser, hand the upstream answer to another: the interaction cookie is missing there.
    const subject = newSubject({ email: `social-stolen-${Date.now()}@example.test`, email_verified: true });
    const victim = new TwoSiteBrowser();
    const configuration = await discover(issuer, 'web-client');
    const flow = await startFlow(configuration, 'web-client', 'openid', victim.site(issuer));
    const signInPage = await victim.go(flow.authorizationUrl.toString());
    const href = /<a class="button" href="([^"]+)">/.exec(signInPage.html)![1]!;
    let page = await victim.go(new URL(href, signInPage.url).toString());
    const upstreamSite = victim.site(upstreamIssuer);
    page = await victim.post(page, { login: subject, password: 'x' });
    if (page.html.includes('value="consent"')) {
      const action = /action="([^"]+)"/.exec(page.html)![1]!;
      const answer = await request(upstreamSite, new URL(action, page.url).toString(), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'prompt=consent',
      });
      // Follow only the upstream's own hops: stop at the redirect to our callback.
      let location = new URL(answer.headers.get('location')!, page.url).toString();
      while (location.startsWith(upstreamIssuer)) {
        const hop = await request(upstreamSite, location);
        location = new URL(hop.headers.get('location')!, location).toString();
      }
      expect(location.startsWith(`${issuer}/social/callback/oidc`)).toBe(true);
      const attacker = new TwoSiteBrowser();
      const stolen = await attacker.go(location);
      expect(stolen.response.status).toBe(400);
      expect(stolen.html).toContain('This sign-in page has expired.');
      expect(await sso.service.store.credentialsByEmail(upstreamAccounts[subject]!.email!)).toBeNull();
    } else {
      throw new Error('expected the upstream consent page');
    }
  });
});

describe('social connector presets', () => {
  const credentials = { clientId: 'id', clientSecret: 'secret' };

  it('enables connectors from the environment, and refuses half-configured ones', () => {
    const env = loadEnv({
      SOCIAL_GITHUB_CLIENT_ID: 'gh-id',
      SOCIAL_GITHUB_CLIENT_SECRET: 'gh-secret',
      SOCIAL_OIDC_ISSUER: 'https://idp.example.com/',
      SOCIAL_OIDC_CLIENT_ID: 'oidc-id',
      SOCIAL_OIDC_CLIENT_SECRET: 'oidc-secret',
      SOCIAL_OIDC_NAME: 'Acme',
    });
    const connectors = connectorsFrom(socialSettings(env));
    expect(connectors.map((c) => [c.id, c.label, c.kind])).toEqual([
      ['github', 'GitHub', 'oauth2'],
      ['oidc', 'Acme', 'oidc'],
    ]);
    expect(connectors[1]).toMatchObject({ issuer: 'https://idp.example.com', clientId: 'oidc-id' });
    expect(() => loadEnv({ SOCIAL_GOOGLE_CLIENT_ID: 'only-the-id' })).toThrow(/SOCIAL_GOOGLE_CLIENT_ID and SOCIAL_GOOGLE_CLIENT_SECRET/);
    expect(() => loadEnv({ SOCIAL_OIDC_CLIENT_ID: 'a', SOCIAL_OIDC_CLIENT_SECRET: 'b' })).toThrow(/SOCIAL_OIDC_ISSUER/);
  });

  it('points Google and LinkedIn at their OpenID Connect issuers', () => {
    const connectors = connectorsFrom({ google: credentials, linkedin: credentials });
    expect(connectors).toEqual([
      expect.objectContaining({ id: 'google', kind: 'oidc', issuer: 'https://accounts.google.com', scope: 'openid email profile' }),
      expect.objectContaining({ id: 'linkedin', kind: 'oidc', issuer: 'https://www.linkedin.com/oauth', scope: 'openid email profile' }),
    ]);
  });

  it.each([
    ['github', 'https://github.com/login/oauth/authorize', 'read:user user:email'],
    ['facebook', 'https://www.facebook.com/v19.0/dialog/oauth', 'public_profile email'],
  ] as const)('builds the %s authorization URL: code flow, state, PKCE S256, exact redirect URI', async (id, endpoint, scope) => {
    const [config] = connectorsFrom({ [id]: credentials });
    const connector = new SocialConnector(config!, `https://sso.example.com/social/callback/${id}`);
    const request = SocialConnector.newRequest();
    const url = await connector.authorizationUrl(request);
    expect(url.origin + url.pathname).toBe(endpoint);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: 'id',
      response_type: 'code',
      redirect_uri: `https://sso.example.com/social/callback/${id}`,
      scope,
      state: request.state,
      code_challenge: await oidc.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    });
    // Plain OAuth 2.0: no nonce, and the secret never travels in the URL.
    expect(url.searchParams.has('nonce')).toBe(false);
    expect(url.toString()).not.toContain('secret');
  });

  it('reads the primary verified GitHub address, and trusts no Facebook address as verified', async () => {
    const github = await githubIdentity((url) =>
      Promise.resolve(
        url.endsWith('/user')
          ? { id: 42, login: 'octo', name: null }
          : [
              { email: 'unverified@example.com', primary: true, verified: false },
              { email: 'Octo@Example.com', primary: false, verified: true },
            ],
      ),
    );
    expect(github).toEqual({ subject: '42', email: 'Octo@Example.com', emailVerified: true, name: 'octo' });
    const facebook = await facebookIdentity(() => Promise.resolve({ id: '7', name: 'Fay', email: 'fay@example.com' }));
    expect(facebook).toEqual({ subject: '7', email: 'fay@example.com', emailVerified: false, name: 'Fay' });
  });
});
