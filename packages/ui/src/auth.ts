import { ErrorResponse, InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import { createTokenStore, type TokenStore } from './token-store';

/**
 * Sign-in for both apps: OpenID Connect authorization code + PKCE (S256) against SSO, through oidc-client-ts.
 *
 * - Tokens (access, refresh, ID) live in memory only (`InMemoryWebStorage`). Only the short-lived state of one
 *   redirect round trip (PKCE verifier, `state`, nonce) is kept in sessionStorage, because the page is left for
 *   SSO's sign-in form and must find it again on `/callback`.
 * - Access tokens live 15 minutes; shortly before expiry they are renewed with the (rotating) refresh token.
 *   Renewals are single-flight: two concurrent refreshes would present the same refresh token twice, which SSO
 *   treats as reuse and answers by revoking the whole grant.
 * - A reload loses the memory: the app then asks SSO for a new code with `prompt=none` (a top-level redirect,
 *   so it works whatever the browser's third-party cookie policy), which comes straight back signed in while
 *   the SSO session lives, or with `login_required` (the app stays anonymous).
 */

/** What the app knows about the signed-in user from the access token (display only; the gateway verifies it). */
export interface AuthUser {
  /** SSO's user id (`sub`). */
  id: string;
  roles: string[];
  /** The API scopes the access token carries. */
  scopes: string[];
}

export type AuthState =
  | { status: 'loading' }
  | { status: 'anonymous'; /** Why, when the user did not ask for it (e.g. the session ended elsewhere). */ notice?: string }
  | { status: 'signed-in'; user: AuthUser };

export interface AuthOptions {
  /** SSO's issuer URL. */
  issuer: string;
  clientId: string;
  /** Space-separated scopes to ask for (`openid` and the API scopes the app needs). */
  scope: string;
  /** The app's own URL (origin and base path): `<appUrl>/callback` is the redirect URI, `<appUrl>/` where sign-out ends. */
  appUrl: string;
  /**
   * When to try a silent (`prompt=none`) sign-in at start-up: `always` (an app that needs a user anyway), or
   * `after-sign-in` (only when this browser signed in before and did not sign out, so anonymous visitors are not
   * bounced through SSO on every visit).
   */
  silentSignIn: 'always' | 'after-sign-in';
  /** Where the access token is published for the Apollo auth link (default: a new store). */
  tokens?: TokenStore;
  /** Tests and special hosts may pass their own (default: oidc-client-ts's). */
  userManager?: UserManager;
}

export interface Auth {
  // Function-typed properties, not methods: `auth.renew`, `auth.subscribe` are passed around unbound.
  /** The current access token, for the Apollo auth link (`tokens.get`). */
  readonly tokens: TokenStore;
  readonly callbackPath: string;
  getState: () => AuthState;
  subscribe: (listener: () => void) => () => void;
  /**
   * Before the first render: on `/callback` nothing (the callback route completes the sign-in); otherwise a
   * silent sign-in is started when it applies (`redirecting`: the page is leaving), else the app is anonymous.
   */
  initialize: () => Promise<'ready' | 'redirecting'>;
  /** Goes to SSO's sign-in page; comes back to `returnTo` (default: the current page). */
  signIn: (returnTo?: string) => Promise<void>;
  /** Completes the sign-in on `/callback`; resolves with the path to go back to. Idempotent per page load. */
  completeSignIn: (url?: string) => Promise<string>;
  /** A fresh access token through the refresh token (single-flight), or null: then the app is anonymous. */
  renew: () => Promise<string | null>;
  /** RP-initiated logout: ends the SSO session (this browser) and comes back to the app's root. */
  signOut: () => Promise<void>;
}

/** Errors of a `prompt=none` request meaning "a person has to sign in": the app then stays anonymous. */
const SILENT_FAILURES = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

interface SignInState {
  returnTo: string;
  silent?: boolean;
}

function isSignInState(value: unknown): value is SignInState {
  return typeof value === 'object' && value !== null && 'returnTo' in value && typeof value.returnTo === 'string';
}

/** A path on this app to go back to after sign-in: never another origin (`//evil.example`, `https:…`). */
export function safeReturnPath(value: unknown, callbackPath: string): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  // Back to /callback would try to complete an already completed sign-in.
  const path = value.split(/[?#]/, 1)[0] ?? '/';
  return path === callbackPath ? '/' : value;
}

function base64UrlJson(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The user an access token speaks for, read without verifying it (the app only shows it; the gateway verifies
 * every request). Null when the token is not a JWT with a subject.
 */
export function userFromAccessToken(accessToken: string): AuthUser | null {
  const payload = accessToken.split('.')[1];
  if (!payload) return null;
  let claims: unknown;
  try {
    claims = base64UrlJson(payload);
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null || !('sub' in claims) || typeof claims.sub !== 'string') return null;
  const scope = 'scope' in claims && typeof claims.scope === 'string' ? claims.scope.split(' ').filter(Boolean) : [];
  return { id: claims.sub, roles: 'roles' in claims ? stringList(claims.roles) : [], scopes: scope };
}

/** A storage that may be missing or throw (private mode, disabled storage): the app works without it. */
function safeStorage(kind: 'localStorage' | 'sessionStorage'): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window[kind];
  } catch {
    return null;
  }
}

export function createAuth(options: AuthOptions): Auth {
  const appUrl = options.appUrl.replace(/\/+$/, '');
  const callbackPath = `${new URL(appUrl).pathname.replace(/\/+$/, '')}/callback`;
  const tokens = options.tokens ?? createTokenStore();
  const session = safeStorage('sessionStorage');
  const local = safeStorage('localStorage');
  // Markers only (never a token): "this browser signed in", "a silent sign-in just failed in this tab".
  const hintKey = `market:${options.clientId}:signed-in`;
  const silentFailedKey = `market:${options.clientId}:silent-sign-in-failed`;

  const userManager =
    options.userManager ??
    new UserManager({
      authority: options.issuer,
      client_id: options.clientId,
      redirect_uri: `${appUrl}/callback`,
      post_logout_redirect_uri: `${appUrl}/`,
      response_type: 'code',
      scope: options.scope,
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      ...(session ? { stateStore: new WebStorageStateStore({ store: session, prefix: 'oidc.' }) } : {}),
      // Renewal is driven below (single-flight); SSO has no check_session_iframe.
      automaticSilentRenew: false,
      monitorSession: false,
      // The access token is for the API; the app reads who signed in from it and from the API (`me`).
      loadUserInfo: false,
      accessTokenExpiringNotificationTimeInSeconds: 60,
    });

  let state: AuthState = { status: 'loading' };
  const listeners = new Set<() => void>();
  const setState = (next: AuthState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  const signedIn = (user: User) => {
    const who = userFromAccessToken(user.access_token);
    if (!who) throw new Error('SSO returned an access token this app cannot read (not a JWT with a subject).');
    tokens.set(user.access_token);
    try {
      local?.setItem(hintKey, '1');
      session?.removeItem(silentFailedKey);
    } catch {
      // Storage full or disabled: only the silent sign-in after a reload is lost.
    }
    setState({ status: 'signed-in', user: who });
  };

  const anonymous = async (notice?: string) => {
    tokens.set(null);
    await userManager.removeUser().catch(() => undefined);
    setState(notice ? { status: 'anonymous', notice } : { status: 'anonymous' });
  };

  const forgetSession = () => {
    try {
      local?.removeItem(hintKey);
    } catch {
      // Nothing to forget.
    }
  };

  const currentPath = () => `${window.location.pathname}${window.location.search}${window.location.hash}`;

  let renewing: Promise<string | null> | undefined;
  const renew = (): Promise<string | null> => {
    renewing ??= (async () => {
      try {
        const current = await userManager.getUser();
        if (!current?.refresh_token) {
          if (state.status === 'signed-in') await anonymous('Your session has ended. Sign in again to continue.');
          return null;
        }
        const user = await userManager.signinSilent();
        if (!user) throw new Error('no user after renewal');
        signedIn(user);
        return user.access_token;
      } catch {
        // Refresh token expired, revoked (signed out everywhere, account suspended) or reused: sign in again.
        forgetSession();
        await anonymous('Your session has ended. Sign in again to continue.');
        return null;
      } finally {
        renewing = undefined;
      }
    })();
    return renewing;
  };

  userManager.events.addAccessTokenExpiring(() => {
    void renew();
  });
  userManager.events.addAccessTokenExpired(() => {
    // The renewal before expiry did not happen (the tab slept through it): try once more.
    void renew();
  });

  let completing: Promise<string> | undefined;

  return {
    tokens,
    callbackPath,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async initialize() {
      if (window.location.pathname === callbackPath) return 'ready';
      let attempt = false;
      try {
        const failedHere = session?.getItem(silentFailedKey) === '1';
        attempt = !failedHere && (options.silentSignIn === 'always' || local?.getItem(hintKey) === '1');
      } catch {
        attempt = false;
      }
      if (!attempt) {
        setState({ status: 'anonymous' });
        return 'ready';
      }
      try {
        const signInState: SignInState = { returnTo: currentPath(), silent: true };
        await userManager.signinRedirect({ prompt: 'none', state: signInState });
        return 'redirecting';
      } catch {
        // SSO unreachable (discovery failed): the app works anonymously meanwhile.
        setState({ status: 'anonymous' });
        return 'ready';
      }
    },

    async signIn(returnTo) {
      const signInState: SignInState = { returnTo: safeReturnPath(returnTo ?? currentPath(), callbackPath) };
      await userManager.signinRedirect({ state: signInState });
    },

    completeSignIn(url = window.location.href) {
      // React StrictMode runs effects twice; the code can be exchanged only once.
      completing ??= (async () => {
        try {
          const user = await userManager.signinRedirectCallback(url);
          signedIn(user);
          return safeReturnPath(isSignInState(user.state) ? user.state.returnTo : '/', callbackPath);
        } catch (error) {
          if (error instanceof ErrorResponse && error.error && SILENT_FAILURES.has(error.error) && isSignInState(error.state)) {
            // A silent sign-in found no SSO session: anonymous, and no further silent attempt from this tab.
            forgetSession();
            try {
              session?.setItem(silentFailedKey, '1');
            } catch {
              // Then the next reload tries once more.
            }
            await anonymous();
            return safeReturnPath(error.state.returnTo, callbackPath);
          }
          await anonymous();
          throw error;
        }
      })();
      return completing;
    },

    renew,

    async signOut() {
      const user = await userManager.getUser();
      forgetSession();
      tokens.set(null);
      // Removes the in-memory user, then leaves for SSO's end-session endpoint.
      await userManager.signoutRedirect({
        ...(user?.id_token ? { id_token_hint: user.id_token } : {}),
        post_logout_redirect_uri: `${appUrl}/`,
      });
    },
  };
}
