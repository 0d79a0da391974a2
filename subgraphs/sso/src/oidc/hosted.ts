import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@market/kit';
import type { KeyValueStore } from '@market/stores';
import type Provider from 'oidc-provider';
import type { NewAuditEvent, UserStore } from '../store';
import type { BruteForceGuard } from './brute-force';
import type { Csrf } from './csrf';
import type { RequestMeta } from './http';
import type { AccountLimits } from './limits';
import type { Mailer } from './mailer';
import { errorPage, sendPage } from './pages';

/** What every hosted flow (sign-in, registration, reset, consent, social) works with. */
export interface Hosted {
  /** The issuer URL: links in mails and upstream redirect URIs start with it. */
  issuer: string;
  provider: Provider;
  store: UserStore;
  kv: KeyValueStore;
  logger: Logger;
  mailer: Mailer;
  csrf: Csrf;
  guard: BruteForceGuard;
  limits: AccountLimits;
  /** Origins the first-party apps' redirects go to (CSP form-action of pages outside an interaction). */
  formTargets: readonly string[];
  /** Records an audit event; never fails the request (a failure is logged). */
  audit(event: NewAuditEvent): Promise<void>;
  meta(req: IncomingMessage): RequestMeta;
}

export type InteractionDetails = Awaited<ReturnType<Provider['interactionDetails']>>;

/** The interaction a flow step runs in. */
export interface InteractionStep {
  uid: string;
  details: InteractionDetails;
  /** The client's name, for "to continue to …". */
  clientName: string;
  /** CSP form-action targets of this interaction's pages: the apps and this client's redirect URI. */
  targets: readonly string[];
}

/** Sent when a form's CSRF token does not verify (another browser's or another interaction's form, or none). */
export function formExpired(res: ServerResponse, targets: readonly string[]): void {
  sendPage(res, 403, errorPage('This form has expired.', 'Go back to the app and sign in again.'), targets);
}

/** Sent when a flow is over its rate limit. */
export function tooMany(res: ServerResponse, retryAfterSeconds: number, targets: readonly string[]): void {
  res.setHeader('retry-after', String(retryAfterSeconds));
  sendPage(res, 429, errorPage('Too many attempts from your network.', 'Wait a while and try again.'), targets);
}

/** Sends a mail in the background: the answer's timing says nothing about the account, and a failure is logged. */
export function mailLater(hosted: Hosted, send: () => Promise<void>, what: string): void {
  void send().catch((error: unknown) => hosted.logger.error({ err: error, mail: what }, 'could not send account mail'));
}
