import type { KeyValueStore } from '@market/stores';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcPayloadStore } from '../store';

/**
 * Models that outlive a sign-in go to SQL (`oidc_payloads`): grants, refresh tokens and clients
 * must survive a Redis flush. Everything else — sessions, interactions, codes, access tokens,
 * replay detection — is short-lived and goes to the key-value store (Redis, or in-process).
 */
export const LONG_LIVED_MODELS: ReadonlySet<string> = new Set([
  'Grant',
  'RefreshToken',
  'Client',
  'InitialAccessToken',
  'RegistrationAccessToken',
]);

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** oidc-provider's adapter over the SQL store. */
export class SqlAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: OidcPayloadStore,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    await this.store.upsert({
      type: this.model,
      id,
      payload: payload,
      grantId: payload.grantId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      consumedAt: null,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return toPayload(await this.store.find(this.model, id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return toPayload(await this.store.findBy(this.model, 'uid', uid));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return toPayload(await this.store.findBy(this.model, 'userCode', userCode));
  }

  async consume(id: string): Promise<void> {
    await this.store.consume(this.model, id, new Date());
  }

  async destroy(id: string): Promise<void> {
    await this.store.destroy(this.model, id);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.store.revokeByGrantId(this.model, grantId);
  }
}

function toPayload(row: { payload: Record<string, unknown>; consumedAt: Date | null } | null): AdapterPayload | undefined {
  if (!row) return undefined;
  return row.consumedAt ? { ...row.payload, consumed: epochSeconds(row.consumedAt) } : row.payload;
}

/** oidc-provider's adapter over the key-value store, with secondary keys for uid, user code and grant. */
export class KeyValueAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly kv: KeyValueStore,
  ) {}

  private key(id: string) {
    return `oidc:${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.key(id);
    await this.kv.set(key, JSON.stringify(payload), expiresIn);
    if (payload.uid) await this.kv.set(`oidc:${this.model}:uid:${payload.uid}`, id, expiresIn);
    if (payload.userCode) await this.kv.set(`oidc:${this.model}:userCode:${payload.userCode}`, id, expiresIn);
    if (payload.grantId) await this.remember(payload.grantId, key, expiresIn);
  }

  /** Adds a key to its grant's list, so revoking the grant finds every artifact it issued. */
  private async remember(grantId: string, key: string, expiresIn?: number) {
    const listKey = `oidc:grant:${grantId}`;
    const keys = new Set(JSON.parse((await this.kv.get(listKey)) ?? '[]') as string[]);
    keys.add(key);
    const remaining = await this.kv.ttl(listKey);
    const ttl = expiresIn ? Math.max(expiresIn, remaining) : undefined;
    await this.kv.set(listKey, JSON.stringify([...keys]), ttl && ttl > 0 ? ttl : undefined);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const value = await this.kv.get(this.key(id));
    return value ? (JSON.parse(value) as AdapterPayload) : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.kv.get(`oidc:${this.model}:uid:${uid}`);
    return id ? this.find(id) : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.kv.get(`oidc:${this.model}:userCode:${userCode}`);
    return id ? this.find(id) : undefined;
  }

  async consume(id: string): Promise<void> {
    const key = this.key(id);
    const payload = await this.find(id);
    if (!payload) return;
    const ttl = await this.kv.ttl(key);
    await this.kv.set(key, JSON.stringify({ ...payload, consumed: epochSeconds(new Date()) }), ttl > 0 ? ttl : undefined);
  }

  async destroy(id: string): Promise<void> {
    await this.kv.del(this.key(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const listKey = `oidc:grant:${grantId}`;
    const keys = JSON.parse((await this.kv.get(listKey)) ?? '[]') as string[];
    for (const key of keys) await this.kv.del(key);
    await this.kv.del(listKey);
  }
}

/** The adapter factory oidc-provider calls once per model name. */
export function adapterFactory(sql: OidcPayloadStore, kv: KeyValueStore): (model: string) => Adapter {
  return (model) => (LONG_LIVED_MODELS.has(model) ? new SqlAdapter(model, sql) : new KeyValueAdapter(model, kv));
}
