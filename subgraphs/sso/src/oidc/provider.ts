import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HttpServiceOptions, Logger } from '@market/kit';
import type { KeyValueStore } from '@market/stores';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ALL_API_SCOPES, appScopes, canSignIn, grantableScopes } from '../domain/scopes';
import { sortRoles } from '../domain/user';
import type { UserStore } from '../store';
import { adapterFactory } from './adapter';
import { clientOrigins, FIRST_PARTY_APPS, staticClients } from './clients';
import type { ProviderKeys } from './keys';
import { errorPage, logoutPage, pageHeaders, renderPage, sendPage, signedOutPage, signInPage } from './pages';
import { verifyNothing, verifyPassword } from './passwords';

export interface OidcOptions {
  issuer: string;
  apiAudience: string;
  trustProxy: boolean;
  store: UserStore;
  kv: KeyValueStore;
  keys: ProviderKeys;
  logger: Logger;
}

/** Said for every failed sign-in, whichever part was wrong (no account enumeration). */
export const SIGN_IN_FAILED = 'The email or password is incorrect, or this account cannot sign in.';

/** Paths oidc-provider serves (its default routes); everything else falls through to the subgraph. */
const PROVIDER_PATHS = ['/.well-known', '/auth', '/token', '/jwks', '/me', '/session/end', '/request', '/device', '/reg', '/backchannel'];
const isProviderPath = (path: string) => PROVIDER_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
const INTERACTION = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/;
const CSRF_COOKIE = 'sso_csrf';
const BODY_LIMIT = 16 * 1024;

/** Access tokens (JWTs for the API) live 15 minutes; the apps renew them with rotating refresh tokens. */
const ACCESS_TOKEN_TTL = 15 * 60;

export interface Oidc {
  provider: Provider;
  /** The HTTP routes to mount before /graphql: the provider's endpoints and the hosted pages. */
  handle: NonNullable<HttpServiceOptions['handle']>;
}

export function createOidc(options: OidcOptions): Oidc {
  const { store, apiAudience, logger } = options;

  const setPageHeaders = (ctx: KoaContextWithOIDC): string => {
    const nonce = randomBytes(16).toString('base64');
    ctx.set(pageHeaders(nonce, clientOrigins));
    return nonce;
  };

  const rolesOf = async (userId: string) => sortRoles((await store.rolesOf([userId])).map((row) => row.role));

  const configuration: Configuration = {
    adapter: adapterFactory(store.oidc, options.kv),
    clients: staticClients,
    jwks: options.keys.jwks,
    cookies: { keys: options.keys.cookieKeys },
    scopes: ['openid', 'offline_access', 'email', 'roles'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], roles: ['roles'] },
    async findAccount(_ctx, sub) {
      const [user] = await store.byIds([sub]);
      // A suspended, blocked or deleted account has no claims: its refresh tokens and sessions stop working.
      if (!user || !canSignIn(user.status)) return undefined;
      const roles = await rolesOf(user.id);
      return {
        accountId: user.id,
        claims: () => ({ sub: user.id, email: user.email, email_verified: user.status === 'ACTIVE', roles }),
      };
    },
    async extraTokenClaims(_ctx, token) {
      // The gateway authorizes from the JWT alone: roles ride along with the scopes.
      if (token.kind !== 'AccessToken' || !('accountId' in token) || typeof token.accountId !== 'string') return undefined;
      return { roles: await rolesOf(token.accountId) };
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
        getResourceServerInfo(_ctx, resource, client) {
          if (resource !== apiAudience) throw new errors.InvalidTarget();
          const app = FIRST_PARTY_APPS[client.clientId];
          return {
            scope: app ? appScopes(app).join(' ') : (client.scope ?? ''),
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
  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'oidc-provider server error'));
  provider.on('grant.revoked', (_ctx, grantId) => logger.info({ grantId }, 'grant revoked'));
  const callback = provider.callback();

  // CSRF: a random cookie, and in each form an HMAC of it bound to the interaction, under the cookie keys.
  const csrfToken = (secret: string, cookie: string, uid: string) =>
    createHmac('sha256', secret).update(`${cookie}:${uid}`).digest('base64url');
  const issueCsrf = (req: IncomingMessage, res: ServerResponse, uid: string): string => {
    let cookie = readCookie(req, CSRF_COOKIE);
    if (!cookie || !/^[\w-]{43}$/.test(cookie)) {
      cookie = randomBytes(32).toString('base64url');
      const secure = new URL(options.issuer).protocol === 'https:' ? '; Secure' : '';
      res.appendHeader('set-cookie', `${CSRF_COOKIE}=${cookie}; Path=/interaction; HttpOnly; SameSite=Lax${secure}`);
    }
    return csrfToken(options.keys.cookieKeys[0] ?? '', cookie, uid);
  };
  const csrfValid = (req: IncomingMessage, uid: string, token: string | null): boolean => {
    const cookie = readCookie(req, CSRF_COOKIE);
    if (!cookie || !token) return false;
    const given = Buffer.from(token);
    return options.keys.cookieKeys.some((secret) => {
      const expected = Buffer.from(csrfToken(secret, cookie, uid));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  };

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

  const interaction = async (req: IncomingMessage, res: ServerResponse, uid: string, login: boolean) => {
    const method = req.method ?? 'GET';
    if ((login && method !== 'POST') || (!login && method !== 'GET')) {
      res.writeHead(405, { allow: login ? 'POST' : 'GET' }).end();
      return;
    }
    const details = await interactionOf(req, res, uid);
    if (!details) return expired(res);
    const action = `/interaction/${uid}/login`;
    const name = await clientName(details.params.client_id);

    if (!login) {
      if (details.prompt.name === 'login') {
        return sendPage(res, 200, signInPage({ action, csrf: issueCsrf(req, res, uid), clientName: name }), clientOrigins);
      }
      if (details.prompt.name === 'consent') {
        const grantId = await grantFirstParty(details);
        if (grantId) return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      }
      return sendPage(res, 400, errorPage('This app cannot be authorized here yet.'), clientOrigins);
    }

    const form = await readForm(req);
    if (!form || !csrfValid(req, uid, form.get('csrf'))) {
      return sendPage(res, 403, errorPage('This form has expired.', 'Go back to the app and sign in again.'), clientOrigins);
    }
    if (details.prompt.name !== 'login') return expired(res);
    const email = (form.get('email') ?? '').slice(0, 320);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const found = email ? await store.credentialsByEmail(email) : null;
    const ok = found?.passwordHash ? await verifyPassword(found.passwordHash, password) : await verifyNothing(password);
    if (!found || !ok || !canSignIn(found.user.status)) {
      logger.info({ reason: !found ? 'unknown email' : !ok ? 'wrong password' : `status ${found.user.status}` }, 'sign-in failed');
      return sendPage(
        res,
        401,
        signInPage({ action, csrf: issueCsrf(req, res, uid), clientName: name, email, error: SIGN_IN_FAILED }),
        clientOrigins,
      );
    }
    logger.info({ userId: found.user.id }, 'signed in');
    await provider.interactionFinished(req, res, { login: { accountId: found.user.id, amr: ['pwd'] } }, { mergeWithLastSubmission: false });
  };

  const handle: Oidc['handle'] = async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const match = INTERACTION.exec(path);
    if (match?.[1]) {
      await interaction(req, res, match[1], Boolean(match[2]));
      return true;
    }
    if (!isProviderPath(path)) return false;
    await callback(req, res);
    return true;
  };

  return { provider, handle };
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** A urlencoded form body, or null when it is something else or too large. */
async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
