import type { IncomingMessage, ServerResponse } from 'node:http';
import { canSignIn } from '../domain/scopes';
import { hashAccountToken, newAccountToken, tokenFrom } from './account-tokens';
import { sessionControl } from './accounts';
import { formExpired, mailLater, tooMany, type Hosted } from './hosted';
import { readForm } from './http';
import { escapeHtml, forgotPasswordPage, messagePage, resetPasswordPage, sendPage } from './pages';
import { passwordProblem } from './password-policy';
import { hashPassword } from './passwords';

/** How long a reset link works. */
export const RESET_PASSWORD_TTL_MS = 60 * 60 * 1000;

/** The one answer to every reset request, whether or not the account exists. */
export const RESET_REQUESTED =
  'If an account exists for this address, we have sent it a link to choose a new password. The link works for one hour.';

/** Said for a reset link that is unknown, expired or already used. */
export const RESET_LINK_INVALID = 'This password reset link has expired or was already used.';

const FORGOT_SCOPE = 'forgot-password';
const RESET_SCOPE = 'reset-password';

/** "Forgot password?" and the reset link's page: outside any interaction, with their own CSRF scope. */
export function createPasswordReset(hosted: Hosted) {
  const { store, logger, formTargets } = hosted;
  const sessions = sessionControl(hosted.provider, store);

  const forgotPage = (req: IncomingMessage, res: ServerResponse, status: number, fields: { email?: string; error?: string } = {}) =>
    sendPage(
      res,
      status,
      forgotPasswordPage({ action: '/forgot-password', csrf: hosted.csrf.issue(req, res, FORGOT_SCOPE), ...fields }),
      formTargets,
    );

  const resetPage = (req: IncomingMessage, res: ServerResponse, status: number, token: string, error?: string) =>
    sendPage(
      res,
      status,
      resetPasswordPage({ action: '/reset-password', csrf: hosted.csrf.issue(req, res, RESET_SCOPE), token, ...(error ? { error } : {}) }),
      formTargets,
    );

  const invalidLink = (res: ServerResponse) =>
    sendPage(
      res,
      400,
      messagePage('Link not valid', RESET_LINK_INVALID, {
        tone: 'error',
        detail: 'Ask for a new link with “Forgot password?” on the sign-in page.',
      }),
      formTargets,
    );

  /** Mails a reset link (earlier unused ones stop working) when the address has an account that may sign in. */
  const deliver = async (email: string) => {
    const found = await store.credentialsByEmail(email);
    if (!found || !canSignIn(found.user.status)) return;
    if (await hosted.limits.resetMail(found.user.email)) {
      logger.warn({ userId: found.user.id }, 'password reset mail not sent: too many for this address');
      return;
    }
    await store.revokeAccountTokens(found.user.id, 'reset_password');
    const { token, tokenHash } = newAccountToken();
    await store.createAccountToken({
      tokenHash,
      purpose: 'reset_password',
      userId: found.user.id,
      data: {},
      expiresAt: new Date(Date.now() + RESET_PASSWORD_TTL_MS),
    });
    const link = `${hosted.issuer}/reset-password?token=${token}`;
    await hosted.mailer.send({
      to: found.user.email,
      subject: 'Reset your Marketplace password',
      text: `Someone asked to reset the password of your Marketplace account.\n\nChoose a new password here (the link works once, for one hour):\n\n${link}\n\nIf it was not you, ignore this message: your password stays as it is.`,
      html: `<p>Someone asked to reset the password of your Marketplace account.</p><p><a href="${escapeHtml(link)}">Choose a new password</a> (the link works once, for one hour).</p><p>If it was not you, ignore this message: your password stays as it is.</p>`,
    });
    logger.info({ userId: found.user.id }, 'password reset link sent');
  };

  /** `/forgot-password`: GET the form, POST an address (always the same answer). */
  const forgot = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return forgotPage(req, res, 200);
    const form = await readForm(req);
    if (!form || !hosted.csrf.valid(req, FORGOT_SCOPE, form.get('csrf'))) return formExpired(res, formTargets);
    const email = (form.get('email') ?? '').trim().slice(0, 320);
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return forgotPage(req, res, 400, { email, error: 'Enter the email address of your account.' });
    const meta = hosted.meta(req);
    const retryAfter = await hosted.limits.resetRequest(meta.ip);
    if (retryAfter) return tooMany(res, retryAfter, formTargets);
    mailLater(hosted, () => deliver(email), 'reset_password');
    sendPage(res, 200, messagePage('Check your email', RESET_REQUESTED, { tone: 'success' }), formTargets);
  };

  /** `/reset-password`: GET the form of a link, POST the new password. */
  const reset = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== 'POST') {
      const token = tokenFrom(new URL(req.url ?? '/', 'http://localhost').searchParams.get('token'));
      // The token is checked (and spent) with the new password: opening the link alone changes nothing.
      return token ? resetPage(req, res, 200, token) : invalidLink(res);
    }
    const form = await readForm(req);
    if (!form || !hosted.csrf.valid(req, RESET_SCOPE, form.get('csrf'))) return formExpired(res, formTargets);
    const token = tokenFrom(form.get('token'));
    if (!token) return invalidLink(res);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const confirm = (form.get('confirm') ?? '').slice(0, 1024);
    const early = passwordProblem(password, confirm, '');
    if (early) return resetPage(req, res, 400, token, early);

    const spent = await store.useAccountToken(hashAccountToken(token), 'reset_password');
    const [user] = spent ? await store.byIds([spent.userId]) : [];
    if (!spent || !user || !canSignIn(user.status)) return invalidLink(res);
    const problem = passwordProblem(password, confirm, user.email);
    if (problem) {
      // The link's token is spent: the form continues with a new one that expires when the old one would have.
      const next = newAccountToken();
      await store.createAccountToken({
        tokenHash: next.tokenHash,
        purpose: 'reset_password',
        userId: user.id,
        data: {},
        expiresAt: spent.expiresAt,
      });
      return resetPage(req, res, 400, next.token, problem);
    }

    await store.setPasswordHashes([{ userId: user.id, passwordHash: await hashPassword(password) }]);
    await store.revokeAccountTokens(user.id, 'reset_password');
    // Every session and grant (refresh tokens included) of the account ends: whoever knew the old password is out.
    const signedOutSessions = await sessions.endUserSessions(user.id, null);
    await hosted.guard.succeed(user.email);
    // The link reached the mailbox: that verifies the address as well as a verification link would.
    if (!user.emailVerifiedAt) await store.markEmailVerified(user.id);
    logger.info({ userId: user.id, signedOutSessions }, 'password reset');
    await hosted.audit({
      type: 'password.reset',
      actorId: user.id,
      targetId: user.id,
      ...hosted.meta(req),
      details: { signedOutSessions },
    });
    sendPage(
      res,
      200,
      messagePage('Password changed', 'Your password has been changed, and every device signed in to your account has been signed out.', {
        tone: 'success',
        detail: 'Go back to the app and sign in with your new password.',
      }),
      formTargets,
    );
  };

  return { forgot, reset };
}
