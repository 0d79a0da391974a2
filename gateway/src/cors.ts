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

/** Chromium caps a cached preflight at two hours; asking for more gains nothing. */
const PREFLIGHT_MAX_AGE_S = 7_200;

/**
 * Which browser origins may call the gateway: exactly those listed
 * (CORS_ORIGINS, by default the two web apps), in every mode. The allowed
 * origin is echoed, never `*`, and `Vary: Origin` keeps caches from serving one
 * origin's answer to another. The apps authenticate with an `Authorization`
 * header, so `Access-Control-Allow-Credentials` is not sent: a browser never
 * attaches cookies to a cross-origin call to the gateway.
 */
export function corsPolicy(options: { origins: readonly string[] }) {
  const allowed = new Set(options.origins);
  /** Adds CORS headers; answers preflights. True when the request was fully handled. */
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const origin = req.headers.origin;
    res.setHeader('vary', 'origin');
    if (typeof origin !== 'string' || !allowed.has(origin)) {
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
      'access-control-max-age': String(PREFLIGHT_MAX_AGE_S),
    });
    res.end();
    return true;
  };
}
