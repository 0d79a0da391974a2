import * as client from 'openid-client';

/**
 * Social sign-in: a generic upstream OAuth 2.0 / OpenID Connect connector with presets. Google and LinkedIn
 * and the generic connector are OpenID Connect (discovery, ID token with nonce); GitHub and Facebook are plain
 * OAuth 2.0 (fixed endpoints; the user and the email are fetched from their APIs).
 */

/** Who the upstream provider says signed in. */
export interface UpstreamIdentity {
  subject: string;
  email: string | null;
  /** Only a verified upstream email may be matched with an existing account or trusted as verified. */
  emailVerified: boolean;
  name: string | null;
}

interface Common {
  /** Route segment and `linked_identities.provider`: google, github, facebook, linkedin, or `oidc`. */
  id: string;
  /** "Continue with …". */
  label: string;
  clientId: string;
  clientSecret: string;
  scope: string;
}

export interface OidcConnectorConfig extends Common {
  kind: 'oidc';
  issuer: string;
}

export interface OAuth2ConnectorConfig extends Common {
  kind: 'oauth2';
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Reads the identity with the access token (the provider's own API). */
  fetchIdentity: (get: (url: string) => Promise<unknown>) => Promise<UpstreamIdentity>;
}

export type ConnectorConfig = OidcConnectorConfig | OAuth2ConnectorConfig;

export interface Credentials {
  clientId: string;
  clientSecret: string;
}

const str = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null;

/** GitHub: `/user`, and the primary verified address from `/user/emails` (the profile email may be unverified or hidden). */
export async function githubIdentity(get: (url: string) => Promise<unknown>): Promise<UpstreamIdentity> {
  const user = (await get('https://api.github.com/user')) as Record<string, unknown>;
  const emails = await get('https://api.github.com/user/emails');
  const list = Array.isArray(emails) ? (emails as Record<string, unknown>[]) : [];
  const primary = list.find((e) => e.primary === true && e.verified === true) ?? list.find((e) => e.verified === true);
  const subject = str(user.id);
  if (!subject) throw new Error('GitHub returned no user id');
  return { subject, email: str(primary?.email), emailVerified: Boolean(primary), name: str(user.name) ?? str(user.login) };
}

/** Facebook: the Graph API's `/me`. It does not say whether the address was verified, so it is not trusted as such. */
export async function facebookIdentity(get: (url: string) => Promise<unknown>): Promise<UpstreamIdentity> {
  const me = (await get('https://graph.facebook.com/v19.0/me?fields=id,name,email')) as Record<string, unknown>;
  const subject = str(me.id);
  if (!subject) throw new Error('Facebook returned no user id');
  return { subject, email: str(me.email), emailVerified: false, name: str(me.name) };
}

/** The presets' fixed parts; credentials come from the environment. */
export const PRESETS = {
  google: (c: Credentials): ConnectorConfig => ({
    kind: 'oidc',
    id: 'google',
    label: 'Google',
    issuer: 'https://accounts.google.com',
    scope: 'openid email profile',
    ...c,
  }),
  linkedin: (c: Credentials): ConnectorConfig => ({
    kind: 'oidc',
    id: 'linkedin',
    label: 'LinkedIn',
    issuer: 'https://www.linkedin.com/oauth',
    scope: 'openid email profile',
    ...c,
  }),
  github: (c: Credentials): ConnectorConfig => ({
    kind: 'oauth2',
    id: 'github',
    label: 'GitHub',
    authorizationEndpoint: 'https://github.com/login/oauth/authorize',
    tokenEndpoint: 'https://github.com/login/oauth/access_token',
    scope: 'read:user user:email',
    fetchIdentity: githubIdentity,
    ...c,
  }),
  facebook: (c: Credentials): ConnectorConfig => ({
    kind: 'oauth2',
    id: 'facebook',
    label: 'Facebook',
    authorizationEndpoint: 'https://www.facebook.com/v19.0/dialog/oauth',
    tokenEndpoint: 'https://graph.facebook.com/v19.0/oauth/access_token',
    scope: 'public_profile email',
    fetchIdentity: facebookIdentity,
    ...c,
  }),
} as const;

/** The environment's social settings (already validated by env.ts). */
export interface SocialSettings {
  google?: Credentials | undefined;
  github?: Credentials | undefined;
  facebook?: Credentials | undefined;
  linkedin?: Credentials | undefined;
  /** The generic OpenID Connect connector. */
  oidc?: (Credentials & { issuer: string; name: string }) | undefined;
}

/** The enabled connectors, in button order. */
export function connectorsFrom(settings: SocialSettings): ConnectorConfig[] {
  const out: ConnectorConfig[] = [];
  for (const id of ['google', 'github', 'facebook', 'linkedin'] as const) {
    const credentials = settings[id];
    if (credentials) out.push(PRESETS[id](credentials));
  }
  if (settings.oidc) {
    const { issuer, name, ...credentials } = settings.oidc;
    out.push({ kind: 'oidc', id: 'oidc', label: name, issuer: issuer.replace(/\/+$/, ''), scope: 'openid email profile', ...credentials });
  }
  return out;
}

/** The state of one upstream round trip, kept server-side under its `state`. */
export interface UpstreamRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Plain http only for a local upstream (tests, development), never for a remote one. */
const isLocal = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);

/** One connector: builds the upstream authorization URL and turns the callback into an identity. */
export class SocialConnector {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    readonly config: ConnectorConfig,
    /** `ISSUER/social/callback/:id`: registered at the upstream provider. */
    readonly redirectUri: string,
  ) {}

  get id(): string {
    return this.config.id;
  }

  get label(): string {
    return this.config.label;
  }

  /** The client configuration (discovered once for OIDC; a failed discovery is retried on the next use). */
  private configure(): Promise<client.Configuration> {
    const { config } = this;
    this.configuration ??= (async () => {
      const metadata = { client_secret: config.clientSecret, redirect_uris: [this.redirectUri] };
      if (config.kind === 'oidc') {
        const local = isLocal(config.issuer);
        return client.discovery(
          new URL(config.issuer),
          config.clientId,
          metadata,
          client.ClientSecretPost(config.clientSecret),
          local ? { execute: [client.allowInsecureRequests] } : undefined,
        );
      }
      const server = {
        issuer: new URL(config.authorizationEndpoint).origin,
        authorization_endpoint: config.authorizationEndpoint,
        token_endpoint: config.tokenEndpoint,
      };
      const configuration = new client.Configuration(server, config.clientId, metadata, client.ClientSecretPost(config.clientSecret));
      if (isLocal(config.tokenEndpoint)) client.allowInsecureRequests(configuration);
      return configuration;
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  /** A fresh state, nonce and PKCE verifier for one round trip. */
  static newRequest(): UpstreamRequest {
    return { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
  }

  /** Where to send the browser: code flow with state, PKCE (S256) and, for OIDC, a nonce. */
  async authorizationUrl(request: UpstreamRequest): Promise<URL> {
    const configuration = await this.configure();
    const parameters: Record<string, string> = {
      redirect_uri: this.redirectUri,
      response_type: 'code',
      scope: this.config.scope,
      state: request.state,
      code_challenge: await client.calculatePKCECodeChallenge(request.codeVerifier),
      code_challenge_method: 'S256',
    };
    if (this.config.kind === 'oidc') parameters.nonce = request.nonce;
    return client.buildAuthorizationUrl(configuration, parameters);
  }

  /**
   * Redeems the code of the callback (`callbackUrl`: the redirect URI with the upstream's query) and reads the
   * identity: from the verified ID token for OIDC, from the provider's API otherwise.
   */
  async identity(callbackUrl: URL, request: UpstreamRequest): Promise<UpstreamIdentity> {
    const configuration = await this.configure();
    const { config } = this;
    if (config.kind === 'oidc') {
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: request.codeVerifier,
        expectedState: request.state,
        expectedNonce: request.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new Error('the upstream provider returned no ID token');
      let email = str(claims.email);
      let verified = claims.email_verified === true;
      let name = str(claims.name);
      if (!email) {
        // Some providers put the email in userinfo only.
        const info = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub);
        email = str(info.email);
        verified = info.email_verified === true;
        name ??= str(info.name);
      }
      return { subject: claims.sub, email: email?.toLowerCase() ?? null, emailVerified: Boolean(email) && verified, name };
    }
    const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: request.codeVerifier,
      expectedState: request.state,
    });
    const get = async (url: string) => {
      const response = await client.fetchProtectedResource(configuration, tokens.access_token, new URL(url), 'GET');
      if (!response.ok) throw new Error(`${config.label} API answered ${response.status}`);
      const body: unknown = await response.json();
      return body;
    };
    const identity = await config.fetchIdentity(get);
    return { ...identity, email: identity.email?.toLowerCase() ?? null };
  }
}
