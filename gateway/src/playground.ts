import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { sendText } from '@market/kit';

/** Where `npm run build -w gateway` puts GraphiQL (see playground/vite.config.ts). */
export const PLAYGROUND_DIST = fileURLToPath(new URL('../playground/dist', import.meta.url));
/** URL prefix of the playground's bundled assets (Vite `base`). */
export const PLAYGROUND_BASE = '/playground/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** A browser navigating to /graphql (as opposed to a GraphQL client doing a GET query). */
export function wantsPlayground(req: IncomingMessage): boolean {
  return req.method === 'GET' && (req.headers.accept ?? '').includes('text/html');
}

async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, cacheControl: string): Promise<boolean> {
  const stats = await stat(path).catch(() => undefined);
  if (!stats?.isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': stats.size,
    'cache-control': cacheControl,
    'x-content-type-options': 'nosniff',
  });
  if (req.method === 'HEAD') res.end();
  else {
    await pipeline(createReadStream(path), res).catch((error: unknown) => {
      // A browser that navigates away mid-download is not an error of ours.
      if (!(error instanceof Error && 'code' in error && error.code === 'ERR_STREAM_PREMATURE_CLOSE')) throw error;
    });
  }
  return true;
}

/** GraphiQL's page. Everything it loads comes from this gateway: it works offline. */
export async function servePlaygroundPage(req: IncomingMessage, res: ServerResponse, distDir = PLAYGROUND_DIST): Promise<void> {
  if (await sendFile(req, res, join(distDir, 'index.html'), 'no-cache')) return;
  sendText(res, 503, 'The GraphQL playground is not built. Run `npm run build -w gateway` (npm start does it for you).\n');
}

/** Serves /playground/* (hashed, immutable assets); false when the path is not the playground's. */
export async function servePlaygroundAsset(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  distDir = PLAYGROUND_DIST,
): Promise<boolean> {
  if (!pathname.startsWith(PLAYGROUND_BASE) || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname.slice(PLAYGROUND_BASE.length)));
  } catch {
    return false;
  }
  // Only files inside dist/, never index.html by another name, never ../ escapes.
  if (relative.startsWith('..') || relative.includes(`${sep}..`) || relative.includes('\0') || relative === 'index.html') return false;
  return sendFile(req, res, join(distDir, relative), 'public, max-age=31536000, immutable');
}
