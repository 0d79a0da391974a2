import type { Logger } from '@market/kit';
import Provider from 'oidc-provider';
import type { UserStore } from '../store';

/** Token models bound to a grant: revoking the grant revokes each of these issued under it. */
const GRANT_BOUND = ['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest'] as const;

/** A session's last-seen time is written at most this often (token refreshes can be frequent). */
export const SESSION_TOUCH_INTERVAL_MS = 60_000;
/** Bound on the in-process throttle map; it is cleared when full (the worst case is one extra write per session). */
const TOUCH_MAP_LIMIT = 10_000;

/**
 * Keeps `user_sessions` (the user's "active sessions" list) in step with oidc-provider's Session model,
 * which lives in the key-value store: a session is indexed when it is saved with an account (sign-in),
 * its last-seen time moves on token requests made with it (throttled), and its row goes when it is destroyed
 * (logout, revocation). Expired rows are removed by the service's periodic cleanup.
 */
export function attachSessionIndex(provider: Provider, store: UserStore, logger: Logger): void {
  const touched = new Map<string, number>();

  provider.on('session.saved', (session) => {
    if (!session.accountId) return;
    // The request that saved it (oidc-provider keeps it in async local storage): its address and browser.
    const ctx = Provider.ctx;
    const now = new Date();
    touched.set(session.uid, now.getTime());
    store
      .upsertSession({
        id: session.uid,
        userId: session.accountId,
        ip: ctx?.ip ?? null,
        userAgent: ctx?.get('user-agent') || null,
        createdAt: session.loginTs ? new Date(session.loginTs * 1000) : now,
        lastSeenAt: now,
        expiresAt: typeof session.exp === 'number' ? new Date(session.exp * 1000) : null,
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'could not index a sign-in session'));
  });

  provider.on('session.destroyed', (session) => {
    touched.delete(session.uid);
    store.deleteSessions([session.uid]).catch((error: unknown) => logger.warn({ err: error }, 'could not remove a session from the index'));
  });

  provider.on('grant.success', (ctx) => {
    const { RefreshToken, AuthorizationCode } = ctx.oidc.entities;
    const uid = RefreshToken?.sessionUid ?? AuthorizationCode?.sessionUid;
    if (!uid) return;
    const now = Date.now();
    const last = touched.get(uid);
    if (last !== undefined && now - last < SESSION_TOUCH_INTERVAL_MS) return;
    if (touched.size >= TOUCH_MAP_LIMIT) touched.clear();
    touched.set(uid, now);
    store.touchSession(uid, new Date(now)).catch((error: unknown) => logger.warn({ err: error }, 'could not update a session'));
  });
}

/** Ending sessions and revoking grants: what the account mutations need from the provider. */
export interface SessionControl {
  /** Revokes a grant and every token issued under it. */
  revokeGrant(grantId: string): Promise<void>;
  /**
   * Ends one sign-in session: destroys oidc-provider's Session, revokes every grant it authorized (so refresh
   * tokens issued in it stop working) and removes its index row. False when neither the session nor its row existed.
   */
  revokeSession(uid: string): Promise<boolean>;
  /**
   * Ends every session of a user except `keep` (the caller's own, or null for none) and revokes every grant of the
   * user that `keep` did not authorize. Returns how many sessions were ended.
   */
  endUserSessions(userId: string, keep: string | null): Promise<number>;
  /** Revokes every grant (and token) issued to a client; returns how many grants. */
  revokeClientGrants(clientId: string): Promise<number>;
}

export function sessionControl(provider: Provider, store: UserStore): SessionControl {
  const revokeGrant = async (grantId: string) => {
    for (const model of GRANT_BOUND) await provider[model].revokeByGrantId(grantId);
    const grant = await provider.Grant.find(grantId);
    await grant?.destroy();
  };

  const grantsOfSession = async (uid: string) => {
    const session = await provider.Session.findByUid(uid);
    const grantIds = Object.values(session?.authorizations ?? {})
      .map((authorization) => authorization.grantId)
      .filter((id): id is string => typeof id === 'string');
    return { session, grantIds };
  };

  const revokeSession = async (uid: string) => {
    const { session, grantIds } = await grantsOfSession(uid);
    for (const grantId of grantIds) await revokeGrant(grantId);
    await session?.destroy();
    const removed = await store.deleteSessions([uid]);
    return Boolean(session) || removed > 0;
  };

  return {
    revokeGrant,
    revokeSession,
    async endUserSessions(userId, keep) {
      const sessions = (await store.sessionsOf(userId)).filter((row) => row.id !== keep);
      for (const row of sessions) await revokeSession(row.id);
      // Grants outside any indexed session too (a third-party app's offline access, an expired browser session's).
      const kept = new Set(keep ? (await grantsOfSession(keep)).grantIds : []);
      for (const grantId of await store.oidc.grantIdsFor('accountId', userId)) {
        if (!kept.has(grantId)) await revokeGrant(grantId);
      }
      return sessions.length;
    },
    async revokeClientGrants(clientId) {
      const grantIds = await store.oidc.grantIdsFor('clientId', clientId);
      for (const grantId of grantIds) await revokeGrant(grantId);
      return grantIds.length;
    },
  };
}
