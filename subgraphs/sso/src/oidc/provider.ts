import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpServiceOptions, Logger } from '@market/kit';
import type { KeyValueStore } from '@market/stores';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ALL_API_SCOPES, appScopes, canSignIn, grantableScopes } from '../domain/scopes';
import { looksLikeTotp, type MfaService } from '../domain/mfa';
import { sortRoles } from '../domain/user';
import type { NewAuditEvent, UserRow, UserStore } from '../store';
import { attachSessionIndex } from './accounts';
import { adapterFactory } from './adapter';
import type { BruteForceGuard, LockState } from './brute-force';
import { clientOriginsOf, DEFAULT_APP_URLS, FIRST_PARTY_APPS, firstPartyClients, type AppUrls } from './clients';
import { createConsent } from './consent';
import { createCsrf } from './csrf';
import { formExpired, type Hosted, type InteractionDetails, type InteractionStep } from './hosted';
import { readForm, refuseMethod, requestMeta as requestMetaOf } from './http';
import type { ProviderKeys } from './keys';
import type { AccountLimits } from './limits';
import type { Mailer } from './mailer';
import { registeredApiScopes } from './oauth-clients';
import { createPasswordReset } from './password-reset';
import { createRegistration } from './registration';
import { connectorsFrom, SocialConnector, type SocialSettings } from './social';
import { createSocialFlow } from './social-flow';
import { errorPage, logoutPage, mfaPage, pageHeaders, renderPage, sendPage, signedOutPage, signInPage } from './pages';
import { verifyNothing, verifyPassword } from './passwords';

export interface OidcOptions {
  issuer: string;
  apiAudience: string;
  trustProxy: boolean;
  store: UserStore;
  kv: KeyValueStore;
  keys: ProviderKeys;
  logger: Logger;
  /** Brute-force protection of the hosted sign-in (failure counters and locks). */
  guard: BruteForceGuard;
  /** TOTP second factor and recovery codes. */
  mfa: MfaService;
  /** Sends the account mails (verification, password reset, link confirmation). */
  mailer: Mailer;
  /** Rate limits of registration and password reset. */
  limits: AccountLimits;
  /** Enabled social sign-in connectors (none when absent). */
  social?: SocialSettings;
  /** Where web-client and web-admin are served: their redirect URIs follow (default: localhost:3008/3009). */
  appUrls?: AppUrls;
}

/** Said for every failed sign-in, whichever part was wrong (no account enumeration). */
export const SIGN_IN_FAILED = 'The email or password is incorrect, or this account cannot sign in.';

/** Said while an account or the caller's address is locked, whether or not the password is right. */
export const SIGN_IN_LOCKED = 'Too many failed sign-in attempts. Signing in is temporarily locked; try again later.';

/** Said for a wrong, malformed or already used MFA code. */
export const MFA_FAILED = 'That code is not valid. Enter a new code from your authenticator app, or an unused recovery code.';

/** How long a correct password waits for its second factor. */
const MFA_PENDING_TTL = 10 * 60;

/** Paths oidc-provider serves (its default routes); everything else falls through to the subgraph. */
const PROVIDER_PATHS = ['/.well-known', '/auth', '/token', '/jwks', '/me', '/session/end', '/request', '/device', '/reg', '/backchannel'];
const isProviderPath = (path: string) => PROVIDER_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

/** Access tokens (JWTs for the API) live 15 minutes; the apps renew them with rotating refresh tokens. */
const ACCESS_TOKEN_TTL = 15 * 60;

export interface Oidc {
  provider: Provider;
  /** The HTTP routes to mount before /graphql: the provider's endpoints and the hosted pages. */
  handle: NonNullable<HttpServiceOptions['handle']>;
}

export function createOidc(options: OidcOptions): Oidc {
  const { store, apiAudience, logger, guard, mfa } = options;
  const clients = firstPartyClients(options.appUrls ?? DEFAULT_APP_URLS);
  const clientOrigins = clientOriginsOf(clients);

  /** Audit events never fail the request that records them; a failure to record is logged. */
  const audit = async (event: NewAuditEvent) => {
    try {
      await store.recordAudit(event);
    } catch (error) {
      logger.error({ err: error, event: event.type }, 'could not record audit event');
    }
  };

  const setPageHeaders = (ctx: KoaContextWithOIDC): string => {
    const nonce = randomBytes(16).toString('base64');
    ctx.set(pageHeaders(nonce, clientOrigins));
    return nonce;
  };

  const rolesOf = async (userId: string) => sortRoles((await store.rolesOf([userId])).map((row) => row.role));

  const configuration: Configuration = {
    adapter: adapterFactory(store.oidc, options.kv),
    clients,
    jwks: options.keys.jwks,
    cookies: { keys: options.keys.cookieKeys },
    scopes: ['openid', 'offline_access', 'email', 'roles'],
    // `amr` rides in ID tokens with `openid`: pwd, and otp/mfa after the second factor.
    claims: { openid: ['sub', 'amr'], email: ['email', 'email_verified'], roles: ['roles'] },
    async findAccount(_ctx, sub) {
      const [user] = await store.byIds([sub]);
      // A suspended, blocked or deleted account has no claims: its refresh tokens and sessions stop working.
      if (!user || !canSignIn(user.status)) return undefined;
      const roles = await rolesOf(user.id);
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, email: user.email, email_verified: user.emailVerifiedAt !== null, roles }),
      };
    },
    async extraTokenClaims(_ctx, token) {
      // The gateway authorizes from the JWT alone: roles ride along with the scopes.
      if (token.kind !== 'AccessToken' || !('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      // `sid`: the sign-in session it was issued in, so the API can tell the caller's own session apart.
      return { roles: await rolesOf(token.accountId), ...(token.sessionUid ? { sid: token.sessionUid } : {}) };
    },
    // Code flow only (RFC 9700): nothing issues tokens from the authorization endpoint.
    responseTypes: ['code'],
    pkce: { required: (_ctx, client) => client.clientAuthMethod === 'none' },
    // offline_access is only honoured with prompt=consent (OIDC Core 11); the first-party apps renew their
    // short access tokens through rotating refresh tokens without it. Those refresh tokens end with the
    // sign-in session (oidc-provider's expiresWithSession default), so signing out ends them too.
    issueRefreshToken: (_ctx, client, source) =>
      client.grantTypeAllowed('refresh_token') && (client.clientId in FIRST_PARTY_APPS || source.scopes.has('offline_access')),
    rotateRefreshToken: true,
    ttl: {
      AccessToken: ACCESS_TOKEN_TTL,
      AuthorizationCode: 60,
      ClientCredentials: 10 * 60,
      IdToken: 60 * 60,
      Interaction: 60 * 60,
      Session: 14 * 24 * 60 * 60,
      Grant: 30 * 24 * 60 * 60,
      RefreshToken: 30 * 24 * 60 * 60,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    clientBasedCORS: (_ctx, origin, client) =>
      [...(client.redirectUris ?? []), ...(client.postLogoutRedirectUris ?? [])].some((uri) => new URL(uri).origin === origin),
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may revoke and introspect only the tokens issued to itself (no resource server is registered yet;
      // one that must introspect other clients' tokens gets its own rule here).
      revocation: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      introspection: { enabled: true, allowedPolicy: (_ctx, client, token) => token.clientId === client.clientId },
      userinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx, form) {
          const nonce = setPageHeaders(ctx);
          ctx.body = renderPage(logoutPage(form, ctx.oidc.client?.clientName), nonce);
        },
        postLogoutSuccessSource(ctx) {
          const nonce = setPageHeaders(ctx);
          ctx.body = renderPage(signedOutPage(), nonce);
        },
      },
      resourceIndicators: {
        enabled: true,
        // The apps pass no `resource`: their access tokens are for the API by default.
        defaultResource: () => apiAudience,
        // A token request naming only OpenID scopes (say, a refresh with scope=openid email roles) gets an opaque
        // token for the userinfo endpoint; otherwise the already granted API resource is used.
        useGrantedResource: (ctx) => {
          const requested = ctx.oidc.params?.scope;
          if (typeof requested !== 'string') return true;
          const api = new Set<string>(ALL_API_SCOPES);
          return requested.split(' ').some((scope) => api.has(scope));
        },
        async getResourceServerInfo(_ctx, resource, client) {
          if (resource !== apiAudience) throw new errors.InvalidTarget();
          const app = FIRST_PARTY_APPS[client.clientId];
          return {
            scope: app ? appScopes(app).join(' ') : (await registeredApiScopes(store.oidc, client.clientId)).join(' '),
            audience: apiAudience,
            accessTokenTTL: ACCESS_TOKEN_TTL,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    renderError(ctx, out) {
      const nonce = setPageHeaders(ctx);
      ctx.body = renderPage(
        errorPage(String(out.error), typeof out.error_description === 'string' ? out.error_description : undefined),
        nonce,
      );
    },
  };

  const provider = new Provider(options.issuer, configuration);
  provider.proxy = options.trustProxy;
  attachSessionIndex(provider, store, logger);
  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'oidc-provider server error'));
  provider.on('grant.revoked', (_ctx, grantId) => logger.info({ grantId }, 'grant revoked'));
  provider.on('grant.error', (ctx, error) => {
    // Reuse of a rotated refresh token: oidc-provider has just revoked the whole grant.
    if (!(error instanceof errors.InvalidGrant) || error.error_detail !== 'refresh token already used') return;
    const token = ctx.oidc.entities.RefreshToken;
    logger.warn({ clientId: ctx.oidc.client?.clientId, accountId: token?.accountId }, 'refresh token reuse: grant revoked');
    void audit({
      type: 'refresh_token.reused',
      targetId: token?.accountId ?? null,
      ip: ctx.ip,
      userAgent: ctx.get('user-agent') || null,
      details: { clientId: ctx.oidc.client?.clientId ?? null, grantId: token?.grantId ?? null },
    });
  });
  provider.on('end_session.success', (ctx) => {
    const accountId = ctx.oidc.session?.accountId ?? null;
    void audit({
      type: 'sign_out',
      actorId: accountId,
      targetId: accountId,
      ip: ctx.ip,
      userAgent: ctx.get('user-agent') || null,
      details: { clientId: ctx.oidc.client?.clientId ?? null },
    });
  });
  const callback = provider.callback();

  // CSRF: a random cookie, and in each form an HMAC of it bound to the interaction (or page), under the cookie keys.
  const csrf = createCsrf({ cookieKeys: options.keys.cookieKeys, secure: new URL(options.issuer).protocol === 'https:' });

  const clientName = async (clientId: unknown) => {
    const client = typeof clientId === 'string' ? await provider.Client.find(clientId) : undefined;
    return client?.clientName ?? 'Marketplace';
  };

  /** Details of the interaction this browser is in, or null (expired, or another interaction's URL). */
  const interactionOf = async (req: IncomingMessage, res: ServerResponse, uid: string) => {
    try {
      const details = await provider.interactionDetails(req, res);
      return details.uid === uid ? details : null;
    } catch (error) {
      if (error instanceof errors.SessionNotFound || error instanceof errors.InvalidRequest) return null;
      throw error;
    }
  };

  const expired = (res: ServerResponse) =>
    sendPage(res, 400, errorPage('This sign-in page has expired.', 'Start signing in again from the app.'), clientOrigins);

  /** First-party apps get no consent screen: the grant holds what the app and the user's roles allow. */
  const grantFirstParty = async (details: Awaited<ReturnType<Provider['interactionDetails']>>): Promise<string | null> => {
    const clientId = details.params.client_id;
    const accountId = details.session?.accountId;
    const app = typeof clientId === 'string' ? FIRST_PARTY_APPS[clientId] : undefined;
    if (!app || !accountId || typeof clientId !== 'string') return null;
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
    const prompt = details.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (prompt.missingOIDCScope) grant.addOIDCScope(prompt.missingOIDCScope);
    if (prompt.missingOIDCClaims) grant.addOIDCClaims(prompt.missingOIDCClaims);
    const roles = await rolesOf(accountId);
    for (const [resource, scopes] of Object.entries(prompt.missingResourceScopes ?? {})) {
      const allowed = grantableScopes(scopes, app, roles);
      grant.addResourceScope(resource, allowed);
      const refused = scopes.filter((scope) => !allowed.includes(scope as never));
      if (refused.length) grant.rejectResourceScope(resource, refused);
    }
    return grant.save();
  };

  const requestMeta = (req: IncomingMessage) => requestMetaOf(req, options.trustProxy);
  const pendingKey = (uid: string) => `mfa-pending:${uid}`;

  const lockedPage = (res: ServerResponse, page: Parameters<typeof sendPage>[2], lock: LockState, targets: readonly string[]) => {
    if (lock.locked) res.setHeader('retry-after', String(lock.retryAfterSeconds));
    sendPage(res, 429, page, targets);
  };

  /** Counts a failure; audits and logs the lock it may cause. */
  const failed = async (req: IncomingMessage, accountKey: string, userId: string | null) => {
    const meta = requestMeta(req);
    const outcome = await guard.fail(accountKey, meta.ip);
    if (outcome.lockedNow.locked) {
      logger.warn({ userId, scope: outcome.lockedNow.scope, ip: meta.ip }, 'sign-in locked after repeated failures');
      await audit({
        type: 'sign_in.locked',
        targetId: userId,
        ...meta,
        details: {
          scope: outcome.lockedNow.scope,
          lockSeconds: outcome.lockedNow.retryAfterSeconds,
          email: userId ? undefined : accountKey,
        },
      });
    }
    return outcome;
  };

  const finishSignIn = async (
    req: IncomingMessage,
    res: ServerResponse,
    user: { id: string; email: string },
    amr: string[],
    uid: string,
  ) => {
    await guard.succeed(user.email);
    await store.recordLogin(user.id);
    await options.kv.del(pendingKey(uid));
    logger.info({ userId: user.id, amr }, 'signed in');
    await audit({ type: 'sign_in.succeeded', actorId: user.id, targetId: user.id, ...requestMeta(req), details: { amr } });
    await provider.interactionFinished(req, res, { login: { accountId: user.id, amr } }, { mergeWithLastSubmission: false });
  };

  const hosted: Hosted = {
    issuer: options.issuer,
    provider,
    store,
    kv: options.kv,
    logger,
    mailer: options.mailer,
    csrf,
    guard,
    limits: options.limits,
    formTargets: clientOrigins,
    audit,
    meta: requestMeta,
  };

  /** Interaction pages may end in a redirect to the apps or to this interaction's client (CSP form-action). */
  const targetsOf = (details: InteractionDetails): string[] => {
    const redirectUri = details.params.redirect_uri;
    let origin: string | null = null;
    try {
      origin = typeof redirectUri === 'string' ? new URL(redirectUri).origin : null;
    } catch {
      origin = null;
    }
    return origin && !clientOrigins.includes(origin) ? [...clientOrigins, origin] : clientOrigins;
  };

  const registration = createRegistration(hosted, finishSignIn);
  const passwordReset = createPasswordReset(hosted);

  /** After the first factor (password or upstream account): the TOTP challenge for users with one, else done. */
  const signInUser = async (req: IncomingMessage, res: ServerResponse, user: UserRow, amr: string[], step: InteractionStep) => {
    if (await mfa.enabled(user.id)) {
      const pending: PendingMfa = { userId: user.id, email: user.email.toLowerCase(), amr };
      await options.kv.set(pendingKey(step.uid), JSON.stringify(pending), MFA_PENDING_TTL);
      logger.info({ userId: user.id, amr }, 'first factor accepted: mfa challenge');
      return sendPage(
        res,
        200,
        mfaPage({ action: `/interaction/${step.uid}/mfa`, csrf: csrf.issue(req, res, step.uid), clientName: step.clientName }),
        step.targets,
      );
    }
    await finishSignIn(req, res, user, amr, step.uid);
  };

  const social = createSocialFlow(hosted, {
    connectors: connectorsFrom(options.social ?? {}).map(
      (config) => new SocialConnector(config, `${options.issuer}/social/callback/${config.id}`),
    ),
    signIn: signInUser,
    sendVerification: registration.sendVerification,
  });

  const consent = createConsent(hosted, rolesOf, expired);

  const interaction = async (req: IncomingMessage, res: ServerResponse, route: InteractionRoute) => {
    const { uid, step } = route;
    const method = req.method ?? 'GET';
    const allowed = STEP_METHODS[step];
    if (!allowed.includes(method as 'GET' | 'POST')) {
      res.writeHead(405, { allow: allowed.join(', ') }).end();
      return;
    }
    const details = await interactionOf(req, res, uid);
    if (!details) return expired(res);
    const action = `/interaction/${uid}/login`;
    const mfaAction = `/interaction/${uid}/mfa`;
    const name = await clientName(details.params.client_id);
    const targets = targetsOf(details);
    const here: InteractionStep = { uid, details, clientName: name, targets };
    const signInPageOf = (extra: { email?: string; error?: string } = {}) =>
      signInPage({
        action,
        csrf: csrf.issue(req, res, uid),
        clientName: name,
        registerUrl: `/interaction/${uid}/register`,
        forgotUrl: '/forgot-password',
        social: social.buttons(uid),
        ...extra,
      });

    if (step === 'show') {
      if (details.prompt.name === 'login') {
        // A first factor already accepted in this interaction waits for its second factor.
        if (await options.kv.get(pendingKey(uid))) {
          return sendPage(res, 200, mfaPage({ action: mfaAction, csrf: csrf.issue(req, res, uid), clientName: name }), targets);
        }
        return sendPage(res, 200, signInPageOf(), targets);
      }
      if (details.prompt.name === 'consent') {
        const grantId = await grantFirstParty(details);
        if (grantId) return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return consent(req, res, here, 'show');
      }
      return sendPage(res, 400, errorPage('This app cannot be authorized here.'), targets);
    }
    if (step === 'consent') {
      const clientId = details.params.client_id;
      if (details.prompt.name !== 'consent' || typeof clientId !== 'string' || clientId in FIRST_PARTY_APPS) {
        return expired(res);
      }
      return consent(req, res, here, 'post');
    }
    // Every other step belongs to signing in.
    if (details.prompt.name !== 'login') return expired(res);
    if (step === 'register') return registration.register(req, res, here);
    if (step === 'social') return social.start(req, res, here, route.connector ?? '');
    if (step === 'social-return') return social.returned(req, res, here, route.connector ?? '');
    if (step === 'link') return social.confirmLink(req, res, here);

    const form = await readForm(req);
    if (!form || !csrf.valid(req, uid, form.get('csrf'))) return formExpired(res, targets);
    const meta = requestMeta(req);

    if (step === 'mfa') {
      const pending = await options.kv.get(pendingKey(uid));
      const pendingUser = pending ? (JSON.parse(pending) as PendingMfa) : null;
      if (!pendingUser) return expired(res);
      const firstFactor = pendingUser.amr ?? ['pwd'];
      const lock = await guard.check(pendingUser.email, meta.ip);
      if (lock.locked) {
        await options.kv.del(pendingKey(uid));
        return lockedPage(res, signInPageOf({ error: SIGN_IN_LOCKED }), lock, targets);
      }
      const [user] = await store.byIds([pendingUser.userId]);
      if (!user || !canSignIn(user.status)) {
        await options.kv.del(pendingKey(uid));
        return sendPage(res, 401, signInPageOf({ error: SIGN_IN_FAILED }), targets);
      }
      const code = (form.get('code') ?? '').trim().slice(0, 64);
      if (looksLikeTotp(code)) {
        const result = await mfa.verifyTotp(user.id, code);
        if (result.ok) {
          await audit({ type: 'mfa.challenge_passed', actorId: user.id, targetId: user.id, ...meta, details: { method: 'totp' } });
          return finishSignIn(req, res, user, [...firstFactor, 'otp', 'mfa'], uid);
        }
        await audit({
          type: 'mfa.challenge_failed',
          actorId: user.id,
          targetId: user.id,
          ...meta,
          details: { method: 'totp', reason: result.reason },
        });
      } else if (code && (await mfa.useRecoveryCode(user.id, code))) {
        const remaining = await mfa.unusedRecoveryCodes(user.id);
        await audit({ type: 'mfa.recovery_code_used', actorId: user.id, targetId: user.id, ...meta, details: { remaining } });
        return finishSignIn(req, res, user, [...firstFactor, 'mfa'], uid);
      } else {
        await audit({
          type: 'mfa.challenge_failed',
          actorId: user.id,
          targetId: user.id,
          ...meta,
          details: { method: 'recovery_code', reason: code ? 'invalid_code' : 'empty' },
        });
      }
      logger.info({ userId: user.id }, 'mfa challenge failed');
      const outcome = await failed(req, user.email, user.id);
      if (outcome.lockedNow.locked) {
        await options.kv.del(pendingKey(uid));
        return lockedPage(res, signInPageOf({ error: SIGN_IN_LOCKED }), outcome.lockedNow, targets);
      }
      return sendPage(
        res,
        401,
        mfaPage({ action: mfaAction, csrf: csrf.issue(req, res, uid), clientName: name, error: MFA_FAILED }),
        targets,
      );
    }

    const email = (form.get('email') ?? '').slice(0, 320);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const accountKey = email.trim().toLowerCase();

    // Locked: refused before the password is looked at, so the answer says nothing about it.
    const lock = await guard.check(accountKey, meta.ip);
    if (lock.locked) {
      const [known] = accountKey ? [await store.credentialsByEmail(accountKey)] : [null];
      logger.info({ userId: known?.user.id, scope: lock.scope, ip: meta.ip }, 'sign-in refused: locked');
      await audit({
        type: 'sign_in.failed',
        targetId: known?.user.id ?? null,
        ...meta,
        details: { reason: 'locked', scope: lock.scope, email: known ? undefined : accountKey },
      });
      return lockedPage(res, signInPageOf({ email, error: SIGN_IN_LOCKED }), lock, targets);
    }

    const found = email ? await store.credentialsByEmail(email) : null;
    const ok = found?.passwordHash ? await verifyPassword(found.passwordHash, password) : await verifyNothing(password);
    if (!found || !ok || !canSignIn(found.user.status)) {
      const reason = !found ? 'unknown_email' : !ok ? 'wrong_password' : `status_${found.user.status.toLowerCase()}`;
      logger.info({ reason }, 'sign-in failed');
      await audit({
        type: 'sign_in.failed',
        targetId: found?.user.id ?? null,
        ...meta,
        details: { reason, email: found ? undefined : accountKey },
      });
      const outcome = await failed(req, accountKey, found?.user.id ?? null);
      if (outcome.lockedNow.locked) {
        return lockedPage(res, signInPageOf({ email, error: SIGN_IN_LOCKED }), outcome.lockedNow, targets);
      }
      return sendPage(res, 401, signInPageOf({ email, error: SIGN_IN_FAILED }), targets);
    }
    await signInUser(req, res, found.user, ['pwd'], here);
  };

  const handle: Oidc['handle'] = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = interactionRoute(path);
    if (route) {
      await interaction(req, res, route);
      return true;
    }
    const account = ACCOUNT_PAGES[path];
    if (account) {
      if (refuseMethod(req, res, ['GET', 'POST'])) return true;
      if (account === 'verify-email') {
        if (refuseMethod(req, res, ['GET'])) return true;
        await registration.verifyEmail(req, res);
      } else if (account === 'forgot-password') await passwordReset.forgot(req, res);
      else if (account === 'reset-password') await passwordReset.reset(req, res);
      else await social.linkByMail(req, res);
      return true;
    }
    const upstream = SOCIAL_CALLBACK.exec(path);
    if (upstream?.[1]) {
      if (refuseMethod(req, res, ['GET'])) return true;
      await social.callback(req, res, upstream[1]);
      return true;
    }
    if (!isProviderPath(path)) return false;
    await callback(req, res);
    return true;
  };

  return { provider, handle };
}

type InteractionStepName = 'show' | 'login' | 'mfa' | 'register' | 'consent' | 'link' | 'social' | 'social-return';

/** Methods each interaction route answers. */
const STEP_METHODS: Record<InteractionStepName, readonly ('GET' | 'POST')[]> = {
  show: ['GET'],
  login: ['POST'],
  mfa: ['POST'],
  register: ['GET', 'POST'],
  consent: ['POST'],
  link: ['POST'],
  social: ['GET'],
  'social-return': ['GET'],
};

interface InteractionRoute {
  uid: string;
  step: InteractionStepName;
  /** The social connector of `social` and `social-return`. */
  connector?: string;
}

const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/(login|mfa|register|consent|link)|\/social\/([a-z0-9-]{1,32})(\/return)?)?$/;

function interactionRoute(path: string): InteractionRoute | null {
  const match = INTERACTION.exec(path);
  if (!match?.[1]) return null;
  if (match[3]) return { uid: match[1], step: match[4] ? 'social-return' : 'social', connector: match[3] };
  return { uid: match[1], step: (match[2] as InteractionStepName | undefined) ?? 'show' };
}

/** Account pages outside any interaction (links from mails, "Forgot password?"). */
const ACCOUNT_PAGES: Record<string, 'verify-email' | 'forgot-password' | 'reset-password' | 'link-identity'> = {
  '/verify-email': 'verify-email',
  '/forgot-password': 'forgot-password',
  '/reset-password': 'reset-password',
  '/link-identity': 'link-identity',
};
const SOCIAL_CALLBACK = /^\/social\/callback\/([a-z0-9-]{1,32})$/;

/** A first factor accepted in an interaction, waiting for the second. */
interface PendingMfa {
  userId: string;
  email: string;
  /** The first factor's amr (`pwd`, or `fed` after a social sign-in); `pwd` when absent (older entries). */
  amr?: string[];
}
