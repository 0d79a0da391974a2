import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGN_IN_FAILED } from '../src/oidc/provider';
import {
  apps,
  CookieJar,
  discover,
  follow,
  formOf,
  request,
  startFlow,
  startTestSso,
  submit,
  type AppId,
  type Flow,
  type TestSso,
} from './hosted-pages';

// A standard relying party (openid-client) against the provider over plain HTTP: the hosted
// sign-in form is filled by POSTing it, with a tiny cookie jar standing in for the browser.
// Runs on MySQL / PostgreSQL / Redis when their URLs are set, on PGlite and in-process otherwise.

const API_AUDIENCE = 'http://localhost:3000/graphql';

const demo = demoData();
const customer = demo.users.find((u) => u.email === 'customer@example.com')!;
const admin = demo.users.find((u) => u.email === 'admin@example.com')!;
const suspended = demo.users.find((u) => u.status === 'SUSPENDED')!;

let sso: TestSso;
let issuer: string;

beforeAll(async () => {
  sso = await startTestSso('sso_oidc');
  issuer = sso.issuer;
}, 60_000);

afterAll(async () => {
  await sso?.stop();
});

const browser = () => ({ jar: new CookieJar() });
const config = (app: AppId) => discover(issuer, app);

/** Opens the sign-in page (checking what it must carry) and submits it; returns where the browser ends up. */
async function signIn(flow: Flow, email: string, password: string) {
  const page = await follow(flow.browser, issuer, flow.authorizationUrl.toString());
  expect(page.response.status).toBe(200);
  expect(page.html).toContain('<label for="email">Email</label>');
  expect(page.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  return submit(flow.browser, issuer, page, { email, password });
}

async function signInAndGetTokens(app: AppId, email: string, scope: string) {
  const configuration = await config(app);
  const flow = await startFlow(configuration, app, scope, browser());
  const end = await signIn(flow, email, DEMO_PASSWORD);
  expect(end.url.startsWith(apps[app])).toBe(true);
  const callback = new URL(end.url);
  const tokens = await oidc.authorizationCodeGrant(configuration, callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state });
  return { configuration, flow, callback, tokens };
}

const jwks = () => createRemoteJWKSet(new URL(`${issuer}/jwks`));

describe('OpenID Connect provider', () => {
  it('serves discovery with the configured issuer, code flow only, S256 PKCE, and no password grant', async () => {
    const response = await fetch(`${issuer}/.well-known/openid-configuration`);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.grant_types_supported).not.toContain('password');
    expect(metadata.authorization_response_iss_parameter_supported).toBe(true);
  });

  it('completes code + PKCE for web-client: ID, JWT access and refresh tokens; userinfo; customer scopes only', async () => {
    const { configuration, callback, tokens } = await signInAndGetTokens(
      'web-client',
      customer.email,
      'openid email roles offline_access orders:read admin:users',
    );
    expect(callback.searchParams.get('iss')).toBe(issuer);
    expect(tokens.id_token).toBeTruthy();
    expect(tokens.refresh_token).toBeTruthy();
    expect(tokens.claims()?.sub).toBe(customer.id);

    const { payload } = await jwtVerify(tokens.access_token, jwks(), { issuer, audience: API_AUDIENCE });
    expect(payload.sub).toBe(customer.id);
    expect(payload.client_id).toBe('web-client');
    expect(String(payload.scope).split(' ')).toContain('orders:read');
    expect(String(payload.scope)).not.toContain('admin:');
    expect(payload.roles).toEqual(['CUSTOMER']);

    // A token for the userinfo endpoint: a refresh asking only for OpenID scopes.
    const forUserinfo = await oidc.refreshTokenGrant(configuration, tokens.refresh_token!, { scope: 'openid email roles' });
    const userinfo = await oidc.fetchUserInfo(configuration, forUserinfo.access_token, customer.id);
    expect(userinfo).toMatchObject({ sub: customer.id, email: 'customer@example.com', email_verified: true, roles: ['CUSTOMER'] });
  });

  it('an admin signing in to web-client still gets customer scopes only, and management scopes through web-admin', async () => {
    const scope = 'openid email roles offline_access orders:read admin:users';
    const viaClient = await signInAndGetTokens('web-client', admin.email, scope);
    const clientToken = await jwtVerify(viaClient.tokens.access_token, jwks(), { issuer, audience: API_AUDIENCE });
    expect(String(clientToken.payload.scope)).not.toContain('admin:users');

    const viaAdmin = await signInAndGetTokens('web-admin', admin.email, scope);
    const adminToken = await jwtVerify(viaAdmin.tokens.access_token, jwks(), { issuer, audience: API_AUDIENCE });
    expect(String(adminToken.payload.scope).split(' ')).toEqual(expect.arrayContaining(['orders:read', 'admin:users']));

    const customerViaAdmin = await signInAndGetTokens('web-admin', customer.email, scope);
    const customerToken = await jwtVerify(customerViaAdmin.tokens.access_token, jwks(), { issuer, audience: API_AUDIENCE });
    expect(String(customerToken.payload.scope)).not.toContain('admin:users');
  });

  it('rotates refresh tokens, and reusing a rotated one fails and revokes the grant', async () => {
    const { configuration, tokens } = await signInAndGetTokens('web-client', customer.email, 'openid email roles offline_access');
    const first = tokens.refresh_token!;
    const renewed = await oidc.refreshTokenGrant(configuration, first);
    expect(renewed.refresh_token).toBeTruthy();
    expect(renewed.refresh_token).not.toBe(first);
    await jwtVerify(renewed.access_token, jwks(), { issuer, audience: API_AUDIENCE });

    await expect(oidc.refreshTokenGrant(configuration, first)).rejects.toMatchObject({ error: 'invalid_grant' });
    // Reuse detection: the newest refresh token of that grant stops working too.
    await expect(oidc.refreshTokenGrant(configuration, renewed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('accepts an authorization code once; a second use fails and revokes what the first issued', async () => {
    const { configuration, flow, callback, tokens } = await signInAndGetTokens('web-client', customer.email, 'openid offline_access');
    await expect(
      oidc.authorizationCodeGrant(configuration, callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(oidc.refreshTokenGrant(configuration, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('shows an error page, never a redirect, for an unregistered redirect_uri', async () => {
    const url = new URL(`${issuer}/auth`);
    url.search = new URLSearchParams({
      client_id: 'web-client',
      response_type: 'code',
      scope: 'openid',
      redirect_uri: 'http://localhost:3008/callback/evil',
      code_challenge: await oidc.calculatePKCECodeChallenge(oidc.randomPKCECodeVerifier()),
      code_challenge_method: 'S256',
    }).toString();
    const response = await request(browser(), url.toString());
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('redirect_uri');
  });

  it('refuses an authorization request without PKCE from a public client, and a plain challenge', async () => {
    const base = { client_id: 'web-client', response_type: 'code', scope: 'openid', redirect_uri: apps['web-client'], state: 's' };
    const withoutPkce = await request(browser(), `${issuer}/auth?${new URLSearchParams(base).toString()}`);
    const location = new URL(withoutPkce.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe(apps['web-client']);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/i);

    const plain = await request(
      browser(),
      `${issuer}/auth?${new URLSearchParams({ ...base, code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }).toString()}`,
    );
    expect(new URL(plain.headers.get('location') ?? '').searchParams.get('error')).toBe('invalid_request');
  });

  it('answers prompt=none without a session with login_required', async () => {
    const configuration = await config('web-client');
    const flow = await startFlow(configuration, 'web-client', 'openid', browser());
    flow.authorizationUrl.searchParams.set('prompt', 'none');
    const end = await follow(flow.browser, issuer, flow.authorizationUrl.toString());
    expect(end.url.startsWith(apps['web-client'])).toBe(true);
    expect(new URL(end.url).searchParams.get('error')).toBe('login_required');
  });

  it('refuses a wrong password and a suspended user with the same message, and no redirect', async () => {
    const configuration = await config('web-client');
    for (const [email, password] of [
      [customer.email, 'wrong-password'],
      ['nobody@example.com', DEMO_PASSWORD],
      [suspended.email, DEMO_PASSWORD],
    ] as const) {
      const flow = await startFlow(configuration, 'web-client', 'openid', browser());
      const end = await signIn(flow, email, password);
      expect(end.response.status).toBe(401);
      const html = end.html;
      expect(html).toContain(SIGN_IN_FAILED);
      expect(html).toContain('name="csrf"');
    }
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const configuration = await config('web-client');
    const flow = await startFlow(configuration, 'web-client', 'openid', browser());
    const page = await follow(flow.browser, issuer, flow.authorizationUrl.toString());
    const form = formOf(page.html);
    const response = await request(flow.browser, new URL(form.action, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ csrf: 'forged', email: customer.email, password: DEMO_PASSWORD }).toString(),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('location')).toBeNull();
  });

  it('does not support the password grant', async () => {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'password',
        client_id: 'web-client',
        username: customer.email,
        password: DEMO_PASSWORD,
      }).toString(),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('unsupported_grant_type');
  });

  it('revokes a refresh token and introspects tokens for their own client', async () => {
    const { configuration, tokens } = await signInAndGetTokens('web-client', customer.email, 'openid offline_access');
    const active = await oidc.tokenIntrospection(configuration, tokens.refresh_token!);
    expect(active).toMatchObject({ active: true, client_id: 'web-client', sub: customer.id });
    await oidc.tokenRevocation(configuration, tokens.refresh_token!);
    expect((await oidc.tokenIntrospection(configuration, tokens.refresh_token!)).active).toBe(false);
    await expect(oidc.refreshTokenGrant(configuration, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('signs out through a confirmation page (RP-initiated logout) back to the app', async () => {
    const { configuration, flow, tokens } = await signInAndGetTokens('web-client', customer.email, 'openid');
    const logoutUrl = oidc.buildEndSessionUrl(configuration, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:3008/',
    });
    const page = await follow(flow.browser, issuer, logoutUrl.toString());
    expect(page.response.status).toBe(200);
    expect(page.response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const html = page.html;
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(action && xsrf).toBeTruthy();
    const end = await follow(flow.browser, issuer, new URL(action!, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(end.url).toBe('http://localhost:3008/');

    // Signed out: a silent sign-in needs a login again.
    const again = await startFlow(configuration, 'web-client', 'openid', flow.browser);
    again.authorizationUrl.searchParams.set('prompt', 'none');
    const silent = await follow(flow.browser, issuer, again.authorizationUrl.toString());
    expect(new URL(silent.url).searchParams.get('error')).toBe('login_required');
  });

  it("stops a suspended user's refresh tokens at once", async () => {
    const victim = demo.users.find((u) => u.email === 'customer2@example.com')!;
    const { configuration, tokens } = await signInAndGetTokens('web-client', victim.email, 'openid');
    // No admin mutation exists yet: suspend through the service's store.
    expect(await sso.service.store.setStatus(victim.id, 'SUSPENDED')).toBe(true);
    try {
      await expect(oidc.refreshTokenGrant(configuration, tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    } finally {
      await sso.service.store.setStatus(victim.id, 'ACTIVE');
    }
  });

  it('keeps its signing keys across a restart: tokens issued before still verify', async () => {
    const { tokens } = await signInAndGetTokens('web-client', customer.email, 'openid');
    const before = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string }[] };
    await sso.restart();
    const after = (await (await fetch(`${issuer}/jwks`)).json()) as { keys: { kid: string; d?: string }[] };
    expect(after.keys.map((k) => k.kid)).toEqual(before.keys.map((k) => k.kid));
    expect(after.keys.every((k) => k.d === undefined)).toBe(true); // public keys only
    await jwtVerify(tokens.access_token, createRemoteJWKSet(new URL(`${issuer}/jwks`)), { issuer, audience: API_AUDIENCE });
  });
});
