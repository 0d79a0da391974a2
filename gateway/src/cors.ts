import type { IncomingMessage, ServerResponse } from 'node:http';

const ALLOWED_HEADERS = [
  'content-type',
  'authorization',
  'x-request-id',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
].join(', ');

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Which browser origins may call the gateway. An explicit list (CORS_ORIGINS)
 * wins; without one, development and test allow any loopback origin, so the
 * web apps on 3008/3009 and the ones browser tests start on random ports work,
 * and production allows none.
 */
export function corsPolicy(options: { origins: readonly string[]; allowLoopback: boolean }) {
  const listed = new Set(options.origins);
  const allowed = (origin: string) => {
    if (listed.has(origin)) return true;
    if (!options.allowLoopback) return false;
    try {
      const url = new URL(origin);
      return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
    } catch {
      return false;
    }
  };
  /** Adds CORS headers; answers preflights. True when the request was fully handled. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    res.setHeader('vary', 'origin');
    if (typeof origin !== 'string' || !allowed(origin)) {
      if (req.method === 'OPTIONS' && origin !== undefined) {
        res.writeHead(403).end();
        return true;
      }
      return false;
    }
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'x-request-id, retry-after');
    if (req.method !== 'OPTIONS') return false;
    res.writeHead(204, {
      'access-control-allow-methods': 'GET, POST, OPTIONS',
      'access-control-allow-headers': ALLOWED_HEADERS,
      'access-control-max-age': '600',
    });
    res.end();
    return true;
  };
}
