import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

/** The subset of a pino logger the server uses (a `Logger` from ./logger fits). */
export interface SpaLogger {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface SpaServerOptions {
  /** Which app this is (`web-client`, `web-admin`); shown by `/health` and in logs. */
  name: string;
  /** 0 picks a free port; the chosen one is in `url`. */
  port: number;
  /** Interface to bind; `127.0.0.1` unless given (containers pass `0.0.0.0`). */
  host?: string;
  /** The Vite production build (the folder holding `index.html`). */
  distDir: string;
  /** Served as `/config.json`: what the app reads at start-up (e.g. `{ graphqlUrl }`). */
  config: Readonly<Record<string, unknown>>;
  logger?: SpaLogger;
}

export interface SpaServer {
  /** Base URL, e.g. `http://127.0.0.1:3008`. */
  url: string;
  stop(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.pdf': 'application/pdf',
};

/** Vite fingerprints everything under /assets/, so those files never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and un-hashed files: always revalidate, so a release is picked up at once. */
const REVALIDATE = 'no-cache';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
};

type Resolved =
  | { kind: 'file'; path: string; stats: Stats }
  | { kind: 'fallback' }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'bad-request' };

function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Splits and decodes the request path; `null` when it is not a valid path. */
function decodeSegments(rawUrl: string): string[] | null {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '/';
  if (!rawPath.startsWith('/')) return null;
  try {
    return rawPath
      .split('/')
      .filter((segment) => segment !== '')
      .map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

async function resolveRequest(root: string, rawUrl: string): Promise<Resolved> {
  const segments = decodeSegments(rawUrl);
  if (segments === null) return { kind: 'bad-request' };
  // Refuse traversal outright rather than normalising it away: `..`, encoded
  // separators (`..%2f`), backslashes and NUL bytes never name a file of the build.
  if (segments.some((s) => s === '..' || s === '.' || s.includes('/') || s.includes('\\') || s.includes('\0'))) {
    return { kind: 'forbidden' };
  }
  const path = resolve(root, ...segments);
  const inside = relative(root, path);
  if (inside.startsWith('..') || isAbsolute(inside)) return { kind: 'forbidden' };

  const stats = await statOrNull(path);
  if (stats?.isFile()) return { kind: 'file', path, stats };
  const last = segments.at(-1) ?? '';
  // `/orders/42` is a client-side route; `/assets/missing.js` is a missing file.
  return extname(last) === '' ? { kind: 'fallback' } : { kind: 'not-found' };
}

function isPrematureClose(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ERR_STREAM_PREMATURE_CLOSE';
}

function etagOf(stats: Stats): string {
  return `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

function sendText(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

function sendJson(req: IncomingMessage, res: ServerResponse, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, stats: Stats, cacheControl: string): Promise<void> {
  const etag = etagOf(stats);
  const headers = {
    ...SECURITY_HEADERS,
    'content-type': contentType(path),
    'cache-control': cacheControl,
    etag,
    'last-modified': stats.mtime.toUTCString(),
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': stats.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await pipeline(createReadStream(path), res);
}

/**
 * Serves a Vite production build: static files with content types and caching,
 * `/config.json` from `config`, `/health`, and `index.html` for client-side
 * routes. Node built-ins only.
 */
export async function startSpaServer({ name, port, host = '127.0.0.1', distDir, config, logger }: SpaServerOptions): Promise<SpaServer> {
  const root = resolve(distDir);
  const indexPath = resolve(root, 'index.html');
  const indexStats = await statOrNull(indexPath);
  if (!indexStats?.isFile()) throw new Error(`${name}: no index.html in ${root}; build the app first`);

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(res, 405, 'Method Not Allowed\n', { allow: 'GET, HEAD' });
      return;
    }
    const rawUrl = req.url ?? '/';
    const path = rawUrl.split(/[?#]/, 1)[0];
    if (path === '/health') {
      sendJson(req, res, { status: 'ok', name });
      return;
    }
    if (path === '/config.json') {
      sendJson(req, res, config);
      return;
    }
    const resolved = await resolveRequest(root, rawUrl);
    switch (resolved.kind) {
      case 'bad-request':
        sendText(res, 400, 'Bad Request\n');
        return;
      case 'forbidden':
        sendText(res, 403, 'Forbidden\n');
        return;
      case 'not-found':
        sendText(res, 404, 'Not Found\n');
        return;
      case 'fallback': {
        // Re-read on each request: a redeploy may replace the build under a running server.
        const stats = await statOrNull(indexPath);
        if (!stats) {
          sendText(res, 503, 'Service Unavailable\n');
          return;
        }
        await sendFile(req, res, indexPath, stats, REVALIDATE);
        return;
      }
      case 'file': {
        const underAssets = relative(root, resolved.path).startsWith(`assets${sep}`);
        await sendFile(req, res, resolved.path, resolved.stats, underAssets ? IMMUTABLE : REVALIDATE);
        return;
      }
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A browser that navigates away mid-download is not an error of ours.
      if (isPrematureClose(error)) return;
      logger?.error({ err: error, url: req.url, app: name }, 'static file request failed');
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error\n');
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${address.port}`;
  logger?.info({ app: name, url, distDir: root }, 'serving web app');

  return {
    url,
    stop: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        server.close((error) => (error ? rejectClose(error) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
