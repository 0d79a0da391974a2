import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CookieJar, follow, formOf, request, startFlow, startTestSso, submit, type Browser, type TestSso } from './hosted-pages';

// A third-party app (stored by admins as an oidc-provider Client in oidc_payloads) gets a consent page; the
// platform's own apps never do. API scopes granted = asked ∩ registered for the client ∩ the user's roles.

const API_AUDIENCE = 'http://localhost:3000/graphql';
const PARTNER = { id: 'partner-app', secret: 'partner-secret-0123456789abcdef0123456789', redirect: 'http://localhost:4010/cb' };

const demo = demoData();
const customer = demo.users.find((u) => u.email === 'customer@example.com')!;
const admin = demo.users.find((u) => u.email === 'admin@example.com')!;

let sso: TestSso;
let issuer: string;
let partner: oidc.Configuration;

beforeAll(async () => {
  sso = await startTestSso('sso_consent');
  issuer = sso.issuer;
  await sso.service.store.oidc.upsert({
    type: 'Client',
    id: PARTNER.id,
    payload: {
      client_id: PARTNER.id,
      client_secret: PARTNER.secret,
      client_name: 'Partner <Planner>',
      redirect_uris: [PARTNER.redirect],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      api_scopes: ['orders:read', 'admin:users'],
    },
    grantId: null,
    userCode: null,
    uid: null,
    expiresAt: null,
    consumedAt: null,
  });
  partner = await oidc.discovery(
    new URL(issuer),
    PARTNER.id,
    { redirect_uris: [PARTNER.redirect] },
    oidc.ClientSecretBasic(PARTNER.secret),
    {
      execute: [oidc.allowInsecureRequests],
    },
  );
}, 60_000);

afterAll(async () => {
  await sso?.stop();
});

const browser = (): Browser => ({ jar: new CookieJar() });
const SCOPE = 'openid email orders:read orders:write admin:users';

/** Signs in to the partner app and returns the consent page. */
async function consentPage(email: string, b = browser()) {
  const flow = await startFlow(partner, 'web-client', SCOPE, b);
  // startFlow builds for a first-party redirect; the partner's own is used instead.
  flow.authorizationUrl.searchParams.set('redirect_uri', PARTNER.redirect);
  const signInPage = await follow(b, issuer, flow.authorizationUrl.toString());
  expect(signInPage.html).toContain('to continue to Partner &#60;Planner&#62;');
  const page = await submit(b, issuer, signInPage, { email, password: DEMO_PASSWORD });
  return { flow, page };
}

async function tokensFrom(flow: Awaited<ReturnType<typeof consentPage>>['flow'], url: string) {
  return oidc.authorizationCodeGrant(partner, new URL(url), { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
}

const scopesOf = async (accessToken: string) =>
  String(
    (await jwtVerify(accessToken, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: API_AUDIENCE })).payload.scope,
  ).split(' ');

describe('consent for third-party apps', () => {
  it('lists what the app asks in words; Allow grants asked ∩ registered ∩ role scopes, once', async () => {
    const b = browser();
    const { flow, page } = await consentPage(customer.email, b);
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('Allow Partner &#60;Planner&#62;?');
    expect(page.html).toContain('See your email address');
    expect(page.html).toContain('See your orders');
    // Not registered for the client (orders:write) or not held by a customer (admin:users): not even offered.
    expect(page.html).not.toContain('Place and change orders');
    expect(page.html).not.toContain('Administer users');
    expect(page.html).toContain('value="allow"');
    expect(page.html).toContain('value="deny"');
    // The form may end in a redirect to the partner: CSP form-action allows its origin (and no other).
    expect(page.response.headers.get('content-security-policy')).toMatch(/form-action 'self'[^;]* http:\/\/localhost:4010/);

    const allowed = await submit(b, issuer, page, { decision: 'allow' });
    expect(allowed.url.startsWith(PARTNER.redirect)).toBe(true);
    const tokens = await tokensFrom(flow, allowed.url);
    expect(tokens.claims()?.sub).toBe(customer.id);
    expect(await scopesOf(tokens.access_token)).toEqual(['orders:read']);

    const audit = await sso.service.store.listAudit({ types: ['consent.granted'], targetId: customer.id }, { limit: 5, after: null });
    expect(audit.rows[0]?.details).toMatchObject({ clientId: PARTNER.id });

    // Granted once: the next authorization in this browser goes straight back to the app.
    const again = await startFlow(partner, 'web-client', SCOPE, b);
    again.authorizationUrl.searchParams.set('redirect_uri', PARTNER.redirect);
    const end = await follow(b, issuer, again.authorizationUrl.toString());
    expect(end.url.startsWith(PARTNER.redirect)).toBe(true);
    expect(new URL(end.url).searchParams.get('code')).toBeTruthy();
  });

  it('gives a management scope to a third party only for a user holding the role', async () => {
    const b = browser();
    const { flow, page } = await consentPage(admin.email, b);
    expect(page.html).toContain('Administer users');
    expect(page.html).not.toContain('Place and change orders');
    const allowed = await submit(b, issuer, page, { decision: 'allow' });
    const tokens = await tokensFrom(flow, allowed.url);
    expect((await scopesOf(tokens.access_token)).sort()).toEqual(['admin:users', 'orders:read']);
  });

  it('sends access_denied back to the app on Deny, and audits it', async () => {
    const b = browser();
    const before = (await sso.service.store.listAudit({ types: ['consent.denied'], targetId: customer.id }, { limit: 5, after: null }))
      .totalCount;
    const { flow, page } = await consentPage(customer.email, b);
    const denied = await submit(b, issuer, page, { decision: 'deny' });
    const url = new URL(denied.url);
    expect(url.origin + url.pathname).toBe(PARTNER.redirect);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe(flow.state);
    expect(
      (await sso.service.store.listAudit({ types: ['consent.denied'], targetId: customer.id }, { limit: 5, after: null })).totalCount,
    ).toBe(before + 1);
  });

  it('refuses a consent form without its CSRF token', async () => {
    const b = browser();
    const { page } = await consentPage(customer.email, b);
    const response = await request(b, new URL(formOf(page.html).action, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged', decision: 'allow' }).toString(),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
  });
});
