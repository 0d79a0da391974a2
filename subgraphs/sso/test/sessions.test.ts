import { randomUUID } from 'node:crypto';
import { DEMO_PASSWORD } from '@market/demo-data';
import { signInForTokens } from '@market/testkit';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword } from '../src/oidc/passwords';
import { callAs, gatewayIdentity, refresh, viewerOf, type GatewayIdentity } from './gateway-viewer';
import { CookieJar, discover, follow, signIn, startFlow, startTestSso, type TestSso } from './hosted-pages';

// The session index: sign-ins recorded with device and address, last seen moved by token refreshes, rows gone
// on logout and revocation; revoking a session ends the refresh tokens issued in it.

let sso: TestSso;
let identity: GatewayIdentity;

beforeAll(async () => {
  identity = await gatewayIdentity();
  sso = await startTestSso('sso_sessions', { ...identity.env });
}, 60_000);
afterAll(async () => {
  await sso?.stop();
});

async function newUser() {
  const email = `sessions.${randomUUID().slice(0, 8)}@example.com`;
  const [user] = await sso.service.store.insertMany([{ email, roles: ['CUSTOMER'], emailVerifiedAt: new Date() }]);
  await sso.service.store.setPasswordHashes([{ userId: user!.id, passwordHash: await hashPassword(DEMO_PASSWORD) }]);
  return user!;
}

const SESSIONS = `{ sessions { id current device userAgent ip createdAt lastSeenAt expiresAt } }`;
interface SessionNode {
  id: string;
  current: boolean;
  device: string | null;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string | null;
}

describe('session index', () => {
  it('lists each sign-in with its device and address, marks the current one, and drops the revoked one with its tokens', async () => {
    const user = await newUser();
    const first = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    const second = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    const viewer = viewerOf(second.accessToken);
    expect(viewer.sessionId).toBeTruthy();
    expect(viewerOf(first.accessToken).sessionId).not.toBe(viewer.sessionId);

    await vi.waitFor(async () => expect(await sso.service.store.sessionsOf(user.id)).toHaveLength(2));
    const listed = await callAs<{ sessions: SessionNode[] }>(identity, sso.service, viewer, SESSIONS);
    expect(listed.errors).toBeUndefined();
    const sessions = listed.data!.sessions;
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((s) => s.current).map((s) => s.id)).toEqual([viewer.sessionId]);
    for (const session of sessions) {
      expect(session.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(session.userAgent).toBeTruthy(); // Node's fetch says who it is
      expect(new Date(session.expiresAt!).getTime()).toBeGreaterThan(Date.now() + 13 * 24 * 3600_000);
    }

    const other = sessions.find((s) => !s.current)!;
    expect(other.id).toBe(viewerOf(first.accessToken).sessionId);
    const revoked = await callAs<{ revokeSession: boolean }>(
      identity,
      sso.service,
      viewer,
      `mutation ($id: ID!) { revokeSession(id: $id) }`,
      {
        id: other.id,
      },
    );
    expect(revoked.errors).toBeUndefined();
    expect(revoked.data?.revokeSession).toBe(true);

    // The refresh token issued in the revoked session stops working; the current session's still works.
    expect((await refresh(sso.issuer, 'web-client', first.refreshToken!)).status).toBe(400);
    expect((await refresh(sso.issuer, 'web-client', second.refreshToken!)).status).toBe(200);
    const after = await callAs<{ sessions: SessionNode[] }>(identity, sso.service, viewer, SESSIONS);
    expect(after.data!.sessions.map((s) => s.id)).toEqual([viewer.sessionId]);
    const audit = await sso.service.store.listAudit({ types: ['session.revoked'], targetId: user.id }, { limit: 10, after: null });
    expect(audit.rows.map((r) => r.details)).toEqual([{ sessionId: other.id }]);
  });

  it("refuses to revoke another user's session, as if it did not exist", async () => {
    const [alice, bob] = [await newUser(), await newUser()];
    const bobs = await signInForTokens({ issuer: sso.issuer, email: bob.email, password: DEMO_PASSWORD });
    const bobSession = viewerOf(bobs.accessToken).sessionId!;
    await vi.waitFor(async () => expect(await sso.service.store.sessionById(bobSession)).not.toBeNull());
    const result = await callAs(
      identity,
      sso.service,
      { id: alice.id, roles: ['CUSTOMER'], scopes: [], clientId: 'web-client' },
      `mutation ($id: ID!) { revokeSession(id: $id) }`,
      {
        id: bobSession,
      },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect((await refresh(sso.issuer, 'web-client', bobs.refreshToken!)).status).toBe(200);
    const anonymous = await callAs(identity, sso.service, null, SESSIONS);
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends every other session, then every session (sign out everywhere)', async () => {
    const user = await newUser();
    const sign = () => signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    const [a, b, current] = [await sign(), await sign(), await sign()];
    const viewer = viewerOf(current.accessToken);
    await vi.waitFor(async () => expect(await sso.service.store.sessionsOf(user.id)).toHaveLength(3));

    const others = await callAs<{ revokeOtherSessions: number }>(identity, sso.service, viewer, `mutation { revokeOtherSessions }`);
    expect(others.data?.revokeOtherSessions).toBe(2);
    expect((await refresh(sso.issuer, 'web-client', a.refreshToken!)).status).toBe(400);
    expect((await refresh(sso.issuer, 'web-client', b.refreshToken!)).status).toBe(400);
    const renewed = await refresh(sso.issuer, 'web-client', current.refreshToken!);
    expect(renewed.status).toBe(200);

    const everywhere = await callAs<{ signOutEverywhere: number }>(identity, sso.service, viewer, `mutation { signOutEverywhere }`);
    expect(everywhere.data?.signOutEverywhere).toBe(1);
    expect((await refresh(sso.issuer, 'web-client', String(renewed.body.refresh_token))).status).toBe(400);
    expect(await sso.service.store.sessionsOf(user.id)).toEqual([]);
    expect(await sso.service.store.oidc.grantIdsFor('accountId', user.id)).toEqual([]);
  });

  it('moves last seen on a token refresh, at most once a minute', async () => {
    const user = await newUser();
    const tokens = await signInForTokens({ issuer: sso.issuer, email: user.email, password: DEMO_PASSWORD });
    const sid = viewerOf(tokens.accessToken).sessionId!;
    await vi.waitFor(async () => expect(await sso.service.store.sessionById(sid)).not.toBeNull());
    // Pretend the session was last seen two minutes ago: the next refresh moves it, the one after does not.
    const past = new Date(Date.now() - 120_000);
    const row = (await sso.service.store.sessionById(sid))!;
    await sso.service.store.deleteSessions([sid]);
    await sso.service.store.upsertSession({ ...row, createdAt: past, lastSeenAt: past });
    const vi2 = vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      const first = await refresh(sso.issuer, 'web-client', tokens.refreshToken!);
      expect(first.status).toBe(200);
      await vi.waitFor(async () =>
        expect((await sso.service.store.sessionById(sid))!.lastSeenAt.getTime()).toBeGreaterThan(past.getTime()),
      );
      const seen = (await sso.service.store.sessionById(sid))!.lastSeenAt;
      vi2.setSystemTime(Date.now() + 5_000);
      expect((await refresh(sso.issuer, 'web-client', String(first.body.refresh_token))).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await sso.service.store.sessionById(sid))!.lastSeenAt).toEqual(seen);
    } finally {
      vi.useRealTimers();
    }
  });

  it('drops the row when the user signs out (RP-initiated logout)', async () => {
    const user = await newUser();
    const configuration = await discover(sso.issuer, 'web-client');
    const flow = await startFlow(configuration, 'web-client', 'openid', { jar: new CookieJar() });
    const end = await signIn(sso.issuer, flow, user.email, DEMO_PASSWORD);
    const tokens = await oidc.authorizationCodeGrant(configuration, new URL(end.url), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
    });
    const sid = viewerOf(tokens.access_token).sessionId!;
    await vi.waitFor(async () => expect(await sso.service.store.sessionById(sid)).not.toBeNull());

    const logoutUrl = oidc.buildEndSessionUrl(configuration, {
      id_token_hint: tokens.id_token!,
      post_logout_redirect_uri: 'http://localhost:3008/',
    });
    const page = await follow(flow.browser, sso.issuer, logoutUrl.toString());
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(page.html)?.[1];
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1];
    const out = await follow(flow.browser, sso.issuer, new URL(action!, page.url).toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    expect(out.url).toBe('http://localhost:3008/');
    await vi.waitFor(async () => expect(await sso.service.store.sessionById(sid)).toBeNull());
  });
});
