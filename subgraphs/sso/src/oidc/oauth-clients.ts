import { randomBytes, randomUUID } from 'node:crypto';
import type Provider from 'oidc-provider';
import type { ClientMetadata } from 'oidc-provider';
import { GRANT_TYPE_NAMES, type OAuthClientSettings, type OAuthGrantType } from '../domain/oauth-clients';
import { appScopes } from '../domain/scopes';
import type { OidcPayloadStore } from '../store';
import { FIRST_PARTY_APPS } from './clients';

/** oidc-provider's model name of clients in `oidc_payloads`. */
const CLIENT_MODEL = 'Client';

/** An OAuth client as the admin API shows it. */
export interface OAuthClientRecord extends OAuthClientSettings {
  id: string;
  firstParty: boolean;
  createdAt: Date | null;
  updatedAt: Date | null;
}

/**
 * What is stored for an admin-created client: oidc-provider's metadata (it reads the recognised properties and
 * ignores the rest) plus the API scopes and timestamps of the admin API. oidc-provider compares client secrets
 * itself, so `client_secret` is kept as issued (see the README, "OAuth clients").
 */
interface StoredClient extends ClientMetadata {
  client_id: string;
  client_name: string;
  api_scopes: string[];
  created_at: string;
  updated_at: string;
}

const grantTypeOf = Object.fromEntries(Object.entries(GRANT_TYPE_NAMES).map(([key, name]) => [name, key])) as Record<
  string,
  OAuthGrantType
>;

function metadataOf(id: string, settings: OAuthClientSettings, secret: string | null, createdAt: string, updatedAt: string): StoredClient {
  const authorizationCode = settings.grantTypes.includes('AUTHORIZATION_CODE');
  return {
    client_id: id,
    client_name: settings.name.trim(),
    ...(settings.type === 'CONFIDENTIAL' && secret
      ? { client_secret: secret, token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    grant_types: [...new Set(settings.grantTypes)].map((grant) => GRANT_TYPE_NAMES[grant]),
    response_types: authorizationCode ? ['code'] : [],
    redirect_uris: settings.redirectUris,
    post_logout_redirect_uris: settings.postLogoutRedirectUris,
    api_scopes: [...new Set(settings.scopes)],
    created_at: createdAt,
    updated_at: updatedAt,
  };
}

function recordOf(stored: StoredClient): OAuthClientRecord {
  return {
    id: stored.client_id,
    name: stored.client_name,
    type: stored.token_endpoint_auth_method === 'none' ? 'PUBLIC' : 'CONFIDENTIAL',
    firstParty: false,
    grantTypes: (stored.grant_types ?? []).map((grant) => grantTypeOf[grant]).filter((grant): grant is OAuthGrantType => Boolean(grant)),
    redirectUris: [...(stored.redirect_uris ?? [])],
    postLogoutRedirectUris: [...(stored.post_logout_redirect_uris ?? [])],
    scopes: stored.api_scopes ?? [],
    createdAt: new Date(stored.created_at),
    updatedAt: new Date(stored.updated_at),
  };
}

function firstPartyRecord(metadata: ClientMetadata): OAuthClientRecord {
  const app = FIRST_PARTY_APPS[metadata.client_id];
  return {
    id: metadata.client_id,
    name: metadata.client_name ?? metadata.client_id,
    type: metadata.token_endpoint_auth_method === 'none' ? 'PUBLIC' : 'CONFIDENTIAL',
    firstParty: true,
    grantTypes: (metadata.grant_types ?? []).map((grant) => grantTypeOf[grant]).filter((grant): grant is OAuthGrantType => Boolean(grant)),
    redirectUris: [...(metadata.redirect_uris ?? [])],
    postLogoutRedirectUris: [...(metadata.post_logout_redirect_uris ?? [])],
    scopes: app ? appScopes(app) : [],
    createdAt: null,
    updatedAt: null,
  };
}

/**
 * The API scopes an admin-registered client may obtain for the API audience (oidc-provider's client `scope` only
 * holds OpenID scopes, so they are kept beside its metadata); empty for unknown clients.
 */
export async function registeredApiScopes(payloads: OidcPayloadStore, clientId: string): Promise<string[]> {
  const row = await payloads.find(CLIENT_MODEL, clientId);
  const scopes = row?.payload.api_scopes;
  return Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [];
}

/** A new client secret: 256 random bits. */
const newSecret = () => randomBytes(32).toString('base64url');

/**
 * The registry behind the admin API's OAuth clients: the first-party apps (configured in code, read-only) and
 * admin-created clients, stored as oidc-provider `Client` payloads so the provider finds them by id.
 */
export class OAuthClientRegistry {
  constructor(
    private readonly provider: Provider,
    private readonly payloads: OidcPayloadStore,
    private readonly firstParty: readonly ClientMetadata[],
  ) {}

  isFirstParty(id: string): boolean {
    return this.firstParty.some((client) => client.client_id === id);
  }

  /** First-party apps first, then the registered clients oldest first. */
  async list(): Promise<OAuthClientRecord[]> {
    const stored = (await this.payloads.listByType(CLIENT_MODEL)).map((row) => recordOf(row.payload as unknown as StoredClient));
    stored.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0) || a.id.localeCompare(b.id));
    return [...this.firstParty.map(firstPartyRecord), ...stored];
  }

  /** A registered (not first-party) client, or null. */
  async find(id: string): Promise<OAuthClientRecord | null> {
    const stored = await this.storedClient(id);
    return stored ? recordOf(stored) : null;
  }

  /** Registers a client (settings already checked); a confidential client's secret is returned, once. */
  async create(settings: OAuthClientSettings, now = new Date()): Promise<{ client: OAuthClientRecord; secret: string | null }> {
    const secret = settings.type === 'CONFIDENTIAL' ? newSecret() : null;
    const metadata = metadataOf(randomUUID(), settings, secret, now.toISOString(), now.toISOString());
    await this.save(metadata);
    return { client: recordOf(metadata), secret };
  }

  /** Replaces a registered client's settings (type and grant types stay); null when unknown. */
  async update(id: string, settings: OAuthClientSettings, now = new Date()): Promise<OAuthClientRecord | null> {
    const stored = await this.storedClient(id);
    if (!stored) return null;
    const metadata = metadataOf(id, settings, stored.client_secret ?? null, stored.created_at, now.toISOString());
    await this.save(metadata);
    return recordOf(metadata);
  }

  /** A new secret for a confidential client; the old one stops working at once. Null when unknown. */
  async rotateSecret(id: string, now = new Date()): Promise<{ client: OAuthClientRecord; secret: string } | null> {
    const stored = await this.storedClient(id);
    if (!stored) return null;
    const secret = newSecret();
    const metadata: StoredClient = { ...stored, client_secret: secret, updated_at: now.toISOString() };
    await this.save(metadata);
    return { client: recordOf(metadata), secret };
  }

  /** Removes a registered client's registration (its grants are revoked by the caller). */
  async delete(id: string): Promise<boolean> {
    if (!(await this.storedClient(id))) return false;
    await this.payloads.destroy(CLIENT_MODEL, id);
    return true;
  }

  private async storedClient(id: string): Promise<StoredClient | null> {
    if (this.isFirstParty(id)) return null;
    const row = await this.payloads.find(CLIENT_MODEL, id);
    return row ? (row.payload as unknown as StoredClient) : null;
  }

  /** Validated by oidc-provider itself before it is stored, so the provider can always load it. */
  private async save(metadata: StoredClient) {
    const { api_scopes: _scopes, created_at: _created, updated_at: _updated, ...clientMetadata } = metadata;
    await this.provider.Client.validate(clientMetadata);
    await this.payloads.upsert({
      type: CLIENT_MODEL,
      id: metadata.client_id,
      payload: metadata,
      grantId: null,
      userCode: null,
      uid: null,
      expiresAt: null,
      consumedAt: null,
    });
  }
}
