import { describe, expect, it } from 'vitest';
import { clientSettingsProblems, redirectUriProblem, type OAuthClientSettings } from './oauth-clients';

describe('redirectUriProblem', () => {
  it('accepts exact https URLs and http on loopback only', () => {
    expect(redirectUriProblem('https://partner.example/callback')).toBeNull();
    expect(redirectUriProblem('http://localhost:7000/cb')).toBeNull();
    expect(redirectUriProblem('http://127.0.0.1/cb')).toBeNull();
    expect(redirectUriProblem('http://partner.example/cb')).toMatch(/https/);
    expect(redirectUriProblem('https://partner.example/cb#frag')).toMatch(/fragment/);
    expect(redirectUriProblem('https://*.partner.example/cb')).toMatch(/wildcard|not a URL/);
    expect(redirectUriProblem('https://user:pw@partner.example/cb')).toMatch(/credentials/);
    expect(redirectUriProblem('javascript:alert(1)')).toMatch(/https/);
    expect(redirectUriProblem('not a url')).toMatch(/not a URL/);
  });
});

describe('clientSettingsProblems', () => {
  const valid: OAuthClientSettings = {
    name: 'Partner',
    type: 'CONFIDENTIAL',
    grantTypes: ['AUTHORIZATION_CODE', 'REFRESH_TOKEN'],
    redirectUris: ['https://partner.example/cb'],
    postLogoutRedirectUris: [],
    scopes: ['orders:read'],
  };
  const fields = (change: Partial<OAuthClientSettings>) => clientSettingsProblems({ ...valid, ...change }).map((p) => p.field);

  it('accepts valid settings, service clients without redirect URIs included', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ grantTypes: ['CLIENT_CREDENTIALS'], redirectUris: [] })).toEqual([]);
  });
  it('names every problem by its field', () => {
    expect(fields({ type: 'PUBLIC', grantTypes: ['CLIENT_CREDENTIALS'], redirectUris: [] })).toEqual(['grantTypes']);
    expect(fields({ redirectUris: [] })).toEqual(['redirectUris']);
    expect(fields({ grantTypes: ['CLIENT_CREDENTIALS'] })).toEqual(['redirectUris']);
    expect(fields({ grantTypes: [], redirectUris: [] })).toEqual(['grantTypes']);
    expect(fields({ scopes: ['orders:read', 'openid'] })).toEqual(['scopes']);
    expect(fields({ name: ' ', postLogoutRedirectUris: ['ftp://x'] })).toEqual(['name', 'postLogoutRedirectUris']);
  });
});
