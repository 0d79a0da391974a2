import { describe, expect, it } from 'vitest';
import { loadRuntimeConfig, parseRuntimeConfig } from '../src/runtime-config';

const fallback = { graphqlUrl: 'http://localhost:3000/graphql' };

function fetchReturning(response: Response | Error): typeof fetch {
  return () => (response instanceof Error ? Promise.reject(response) : Promise.resolve(response));
}

describe('runtime config', () => {
  it('uses /config.json when it names a gateway', async () => {
    const config = await loadRuntimeConfig({
      fallback,
      url: 'http://app.test/config.json',
      fetchImpl: fetchReturning(Response.json({ graphqlUrl: 'https://api.example.com/graphql' })),
    });
    expect(config).toEqual({ graphqlUrl: 'https://api.example.com/graphql', source: 'config.json' });
  });

  it('resolves a relative gateway URL against the config document', () => {
    expect(parseRuntimeConfig({ graphqlUrl: '/graphql' }, 'http://app.test/config.json')).toEqual({
      graphqlUrl: 'http://app.test/graphql',
    });
  });

  it('falls back when the file is missing, malformed or unreachable', async () => {
    const url = 'http://app.test/config.json';
    for (const fetchImpl of [
      fetchReturning(new Response('not found', { status: 404 })),
      fetchReturning(Response.json({ graphql: 'typo' })),
      fetchReturning(new Response('{', { status: 200 })),
      fetchReturning(new TypeError('network down')),
    ]) {
      expect(await loadRuntimeConfig({ fallback, url, fetchImpl })).toEqual({ ...fallback, source: 'fallback' });
    }
  });
});
