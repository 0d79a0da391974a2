import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig, parseRuntimeConfig } from '../src/runtime-config';

const fallback = { graphqlUrl: 'http://localhost:3000/graphql', issuer: 'http://localhost:3001', clientId: 'web-client' };
const defaults = { issuer: fallback.issuer, clientId: fallback.clientId };

function fetchReturning(response: Response | Error): typeof fetch {
  return () => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response));
}

describe('runtime config', () => {
  it('uses /config.json when it names a gateway, and the app’s own issuer and client id when it names none', async () => {
    const config = await loadRuntimeConfig({
      fallback,
      url: 'http://app.test/config.json',
      fetchImpl: fetchReturning(Response.json({ graphqlUrl: 'https://api.example.com/graphql' })),
    });
    expect(config).toEqual({
      graphqlUrl: 'https://api.example.com/graphql',
      issuer: 'http://localhost:3001',
      clientId: 'web-client',
      source: 'config.json',
    });
  });

  it('takes the issuer and client id from /config.json, without a trailing slash on the issuer', async () => {
    const config = await loadRuntimeConfig({
      fallback,
      url: 'http://app.test/config.json',
      fetchImpl: fetchReturning(
        Response.json({ graphqlUrl: '/graphql', issuer: 'https://sso.example.com/', clientId: 'web-client-staging' }),
      ),
    });
    expect(config).toEqual({
      graphqlUrl: 'http://app.test/graphql',
      issuer: 'https://sso.example.com',
      clientId: 'web-client-staging',
      source: 'config.json',
    });
  });

  it('resolves a relative gateway URL against the config document', () => {
    expect(parseRuntimeConfig({ graphqlUrl: '/graphql' }, 'http://app.test/config.json', defaults)).toEqual({
      graphqlUrl: 'http://app.test/graphql',
      ...defaults,
    });
  });

  it('refuses an issuer that is not an absolute http(s) URL, and an empty client id', () => {
    const base = 'http://app.test/config.json';
    for (const issuer of ['/sso', 'sso.example.com', 'javascript:alert(1)', 42, '']) {
      expect(parseRuntimeConfig({ graphqlUrl: '/graphql', issuer }, base, defaults), String(issuer)).toBeNull();
    }
    for (const clientId of ['', '  ', 7, null]) {
      expect(parseRuntimeConfig({ graphqlUrl: '/graphql', clientId }, base, defaults), String(clientId)).toBeNull();
    }
  });

  it('falls back when the file is missing, malformed or unreachable', async () => {
    const url = 'http://app.test/config.json';
    for (const fetchImpl of [
      fetchReturning(new Response('not found', { status: 404 })),
      fetchReturning(Response.json({ graphql: 'typo' })),
      fetchReturning(Response.json({ graphqlUrl: '/graphql', issuer: 'not a url' })),
      fetchReturning(new Response('{', { status: 200 })),
      fetchReturning(new TypeError('network down')),
    ]) {
      expect(await loadRuntimeConfig({ fallback, url, fetchImpl })).toEqual({ ...fallback, source: 'fallback' });
    }
  });
});
