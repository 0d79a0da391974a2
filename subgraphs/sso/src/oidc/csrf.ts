import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readCookie } from './http';

const CSRF_COOKIE = 'sso_csrf';

/**
 * CSRF protection of every hosted form (double-submit): a random `sso_csrf` cookie, and in each form an HMAC,
 * under the cookie keys, of that cookie and the form's scope (the interaction id, or the page's name). A form
 * copied from another browser, or from another interaction, does not verify.
 */
export interface Csrf {
  /** The token for a form of `scope`; sets the cookie when the browser has none. */
  issue(req: IncomingMessage, res: ServerResponse, scope: string): string;
  valid(req: IncomingMessage, scope: string, token: string | null | undefined): boolean;
}

export function createCsrf(options: { cookieKeys: readonly string[]; secure: boolean }): Csrf {
  const sign = (secret: string, cookie: string, scope: string) =>
    createHmac('sha256', secret).update(`${cookie}:${scope}`).digest('base64url');
  return {
    issue(req, res, scope) {
      let cookie = readCookie(req, CSRF_COOKIE);
      if (!cookie || !/^[\w-]{43}$/.test(cookie)) {
        cookie = randomBytes(32).toString('base64url');
        // Path=/: the interaction pages and the account pages (reset, link confirmation) share it.
        res.appendHeader('set-cookie', `${CSRF_COOKIE}=${cookie}; Path=/; HttpOnly; SameSite=Lax${options.secure ? '; Secure' : ''}`);
        // The same request may issue more than one token: later calls must see the new cookie.
        req.headers.cookie = `${req.headers.cookie ? `${req.headers.cookie}; ` : ''}${CSRF_COOKIE}=${cookie}`;
      }
      return sign(options.cookieKeys[0] ?? '', cookie, scope);
    },
    valid(req, scope, token) {
      const cookie = readCookie(req, CSRF_COOKIE);
      if (!cookie || !token) return false;
      const given = Buffer.from(token);
      return options.cookieKeys.some((secret) => {
        const expected = Buffer.from(sign(secret, cookie, scope));
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
    },
  };
}
