import type { IncomingMessage, ServerResponse } from 'node:http';

/** Largest urlencoded form body the hosted pages accept. */
const BODY_LIMIT = 16 * 1024;

/** A cookie of the request, or undefined. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** A urlencoded form body, or null when it is something else or too large. */
export async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** A 303 to `location` (always a URL this service built, never one taken from the request). */
export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' }).end();
}

/** Answers 405 unless the method is one of `allowed`; true when it answered. */
export function refuseMethod(req: IncomingMessage, res: ServerResponse, allowed: readonly ('GET' | 'POST')[]): boolean {
  if (allowed.includes((req.method ?? 'GET') as 'GET' | 'POST')) return false;
  res.writeHead(405, { allow: allowed.join(', ') }).end();
  return true;
}

/** The client's address: the first X-Forwarded-For hop behind a trusted proxy, the socket's otherwise. */
export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        ?.trim()
    : '';
  return (forwarded || req.socket.remoteAddress || 'unknown').replace(/^::ffff:/, '');
}

export interface RequestMeta {
  ip: string;
  userAgent: string | null;
}

/** What the audit trail records about the caller. */
export function requestMeta(req: IncomingMessage, trustProxy: boolean): RequestMeta {
  return { ip: clientIp(req, trustProxy), userAgent: req.headers['user-agent']?.slice(0, 512) ?? null };
}
