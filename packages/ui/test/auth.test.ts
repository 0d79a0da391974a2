import { describe, expect, it } from 'vitest';
import { safeReturnPath, userFromAccessToken } from '../src/auth';

const jwt = (claims: object) =>
  ['{"alg":"RS256"}', JSON.stringify(claims)].map((part) => Buffer.from(part).toString('base64url')).join('.') + '.signature';

describe('auth helpers', () => {
  it('reads the user, roles and scopes of an access token', () => {
    const token = jwt({ sub: 'u1', roles: ['ADMIN', 7], scope: 'openid orders:read admin:users', aud: 'api' });
    expect(userFromAccessToken(token)).toEqual({ id: 'u1', roles: ['ADMIN'], scopes: ['openid', 'orders:read', 'admin:users'] });
  });

  it('reads non-ASCII claims (base64url of UTF-8)', () => {
    expect(userFromAccessToken(jwt({ sub: 'é-ü-✓', roles: [] }))?.id).toBe('é-ü-✓');
  });

  it('returns null for what is not a JWT with a subject', () => {
    for (const token of ['', 'opaque-token', 'a.b.c', jwt({ roles: ['ADMIN'] }), jwt({ sub: 42 })]) {
      expect(userFromAccessToken(token), token).toBeNull();
    }
  });

  it('goes back only to a path of this app after sign-in', () => {
    expect(safeReturnPath('/agencies/x?tab=docs#top', '/callback')).toBe('/agencies/x?tab=docs#top');
    for (const value of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'agencies', '', 42, undefined]) {
      expect(safeReturnPath(value, '/callback'), String(value)).toBe('/');
    }
    // Never back to the callback itself (the code is single-use).
    expect(safeReturnPath('/callback?code=x&state=y', '/callback')).toBe('/');
  });
});
