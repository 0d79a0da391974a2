import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import type { JWK } from 'oidc-provider';
import type { ProviderKeyRow, UserStore } from '../store';

export interface ProviderKeys {
  /** Private JWKs, the signing key first (oidc-provider signs with the first key of an algorithm). */
  jwks: { keys: JWK[] };
  /** Cookie signing secrets, newest first (the first signs, all verify). */
  cookieKeys: string[];
}

export function newSigningKey(now = new Date()): ProviderKeyRow {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomUUID();
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  return { id: kid, use: 'sig', material: JSON.stringify(jwk), createdAt: now, retiredAt: null };
}

export function newCookieKey(now = new Date()): ProviderKeyRow {
  return { id: randomUUID(), use: 'cookie', material: randomBytes(32).toString('base64url'), createdAt: now, retiredAt: null };
}

/**
 * Loads the signing and cookie keys, creating them on first boot. The newest unretired signing key signs; the
 * older unretired ones stay published so tokens they signed keep verifying; retired keys are no longer published
 * (rotation: `npm run keys:rotate`, see src/oidc/key-rotation.ts and the README).
 */
export async function loadProviderKeys(store: UserStore, now = new Date()): Promise<ProviderKeys> {
  let rows = await store.providerKeys();
  const active = (use: ProviderKeyRow['use']) => rows.filter((row) => row.use === use && !row.retiredAt);
  if (!active('sig').length) await store.addProviderKey(newSigningKey(now));
  if (!active('cookie').length) await store.addProviderKey(newCookieKey(now));
  // Re-read: replicas booting together may each have added one; all of them are used.
  rows = await store.providerKeys();
  const signing = active('sig'); // oldest first
  // oidc-provider signs with the first key of an algorithm: the newest first, then the others newest first.
  const ordered = [...signing].reverse();
  return {
    jwks: { keys: ordered.map((row) => JSON.parse(row.material) as JWK) },
    cookieKeys: active('cookie')
      .reverse()
      .map((row) => row.material),
  };
}
