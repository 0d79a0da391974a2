import { createHash, randomBytes } from 'node:crypto';

/** The shape of every emailed token: 32 random bytes, base64url. */
const TOKEN_SHAPE = /^[\w-]{43}$/;

/** The store keeps only this: a leaked table does not hold working links. */
export function hashAccountToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new one-time token for a mailed link, and the hash to store. */
export function newAccountToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashAccountToken(token) };
}

/** The token of a link, or null when it cannot be one of ours (checked before any lookup). */
export function tokenFrom(value: string | null | undefined): string | null {
  return value && TOKEN_SHAPE.test(value) ? value : null;
}
