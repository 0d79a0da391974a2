import type { JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';

/**
 * Verified JWTs remembered by their exact text, so a caller that sends the same token again is not verified again:
 * an RS256/ES256 signature check was a measurable share of the CPU of every request (the gateway verifies each
 * client's access token, each subgraph the gateway's identity token, which the gateway reuses for 30 s).
 *
 * A token is remembered until its `exp` and at most `maxAgeMs`, so a key withdrawn from a key set stops being
 * accepted within that time even for tokens still valid. Failures are never remembered: a refused token is refused
 * again by the verifier itself, with its reason.
 */
export interface VerifiedTokenCache {
  /** The token's payload, from the cache or from `verify` (whose payload is frozen and remembered). */
  payload(token: string, verify: () => Promise<JWTPayload>): Promise<JWTPayload>;
  readonly size: number;
}

export function verifiedTokenCache(options: { max?: number; maxAgeMs?: number; now?: () => number } = {}): VerifiedTokenCache {
  const maxAgeMs = options.maxAgeMs ?? 60_000;
  const now = options.now ?? Date.now;
  const cache = new LRUCache<string, { payload: JWTPayload; until: number }>({ max: options.max ?? 10_000 });
  return {
    async payload(token, verify) {
      const hit = cache.get(token);
      const at = now();
      if (hit && at < hit.until) return hit.payload;
      if (hit) cache.delete(token);
      const payload = Object.freeze(await verify());
      const expiresAt = typeof payload.exp === 'number' ? payload.exp * 1000 : at;
      const until = Math.min(expiresAt, at + maxAgeMs);
      if (until > at) cache.set(token, { payload, until });
      return payload;
    },
    get size() {
      return cache.size;
    },
  };
}
