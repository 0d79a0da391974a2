import type { IncomingMessage, ServerResponse } from 'node:http';
import { EmailTakenError, type UserRow } from '../store';
import { newAccountToken, hashAccountToken, tokenFrom } from './account-tokens';
import { formExpired, mailLater, tooMany, type Hosted, type InteractionStep } from './hosted';
import { readForm } from './http';
import { escapeHtml, messagePage, registerPage, sendPage } from './pages';
import { passwordProblem } from './password-policy';
import { hashPassword } from './passwords';

/** How long an email verification link works. */
export const VERIFY_EMAIL_TTL_MS = 24 * 60 * 60 * 1000;

/** Said when the email of a registration already has an account (registration reveals it anyway). */
export const EMAIL_TAKEN = 'An account with this email already exists. Sign in, or reset your password if you forgot it.';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Signs the new user in to finish the interaction (the provider's own sign-in step, with its audit and hooks). */
export type FinishSignIn = (
  req: IncomingMessage,
  res: ServerResponse,
  user: { id: string; email: string },
  amr: string[],
  uid: string,
) => Promise<void>;

/** Registration inside a sign-in, and email verification by mailed link. */
export function createRegistration(hosted: Hosted, finishSignIn: FinishSignIn) {
  const { store, logger } = hosted;

  /** Mails a new verification link (earlier unused ones stop working). */
  const sendVerification = async (user: Pick<UserRow, 'id' | 'email'>): Promise<void> => {
    await store.revokeAccountTokens(user.id, 'verify_email');
    const { token, tokenHash } = newAccountToken();
    await store.createAccountToken({
      tokenHash,
      purpose: 'verify_email',
      userId: user.id,
      data: {},
      expiresAt: new Date(Date.now() + VERIFY_EMAIL_TTL_MS),
    });
    const link = `${hosted.issuer}/verify-email?token=${token}`;
    await hosted.mailer.send({
      to: user.email,
      subject: 'Confirm your email address',
      text: `Welcome to Marketplace.\n\nConfirm your email address by opening this link (it works once, for 24 hours):\n\n${link}\n\nIf you did not create an account, ignore this message.`,
      html: `<p>Welcome to Marketplace.</p><p>Confirm your email address by opening this link (it works once, for 24 hours):</p><p><a href="${escapeHtml(link)}">Confirm my email address</a></p><p>If you did not create an account, ignore this message.</p>`,
    });
  };

  const page = (
    req: IncomingMessage,
    res: ServerResponse,
    step: InteractionStep,
    status: number,
    fields: { email?: string; error?: string } = {},
  ) =>
    sendPage(
      res,
      status,
      registerPage({
        action: `/interaction/${step.uid}/register`,
        csrf: hosted.csrf.issue(req, res, step.uid),
        clientName: step.clientName,
        signInUrl: `/interaction/${step.uid}`,
        ...fields,
      }),
      step.targets,
    );

  /** GET shows the form; POST creates the account, mails the link and signs the new user in. */
  const register = async (req: IncomingMessage, res: ServerResponse, step: InteractionStep): Promise<void> => {
    if (req.method !== 'POST') return page(req, res, step, 200);
    const form = await readForm(req);
    if (!form || !hosted.csrf.valid(req, step.uid, form.get('csrf'))) return formExpired(res, step.targets);
    const meta = hosted.meta(req);
    const retryAfter = await hosted.limits.registration(meta.ip);
    if (retryAfter) {
      logger.warn({ ip: meta.ip }, 'registration refused: rate limited');
      return tooMany(res, retryAfter, step.targets);
    }
    const email = (form.get('email') ?? '').trim().slice(0, 320);
    const password = (form.get('password') ?? '').slice(0, 1024);
    const confirm = (form.get('confirm') ?? '').slice(0, 1024);
    if (!EMAIL.test(email) || email.length > 254) return page(req, res, step, 400, { email, error: 'Enter a valid email address.' });
    const problem = passwordProblem(password, confirm, email);
    if (problem) return page(req, res, step, 400, { email, error: problem });
    if (await store.credentialsByEmail(email)) return page(req, res, step, 409, { email, error: EMAIL_TAKEN });

    const passwordHash = await hashPassword(password);
    let user: UserRow | undefined;
    try {
      [user] = await store.insertMany([{ email: email.toLowerCase(), status: 'PENDING_VERIFICATION', roles: ['CUSTOMER'] }]);
    } catch (error) {
      // Lost a race with another registration of the same address.
      if (error instanceof EmailTakenError) return page(req, res, step, 409, { email, error: EMAIL_TAKEN });
      throw error;
    }
    if (!user) throw new Error('insertMany returned no user');
    await store.setPasswordHashes([{ userId: user.id, passwordHash }]);
    logger.info({ userId: user.id }, 'account registered');
    await hosted.audit({ type: 'account.registered', actorId: user.id, targetId: user.id, ...meta, details: { method: 'password' } });
    const created = user;
    mailLater(hosted, () => sendVerification(created), 'verify_email');
    await finishSignIn(req, res, user, ['pwd'], step.uid);
  };

  /** `/verify-email?token=…`: marks the address verified, once. */
  const verifyEmail = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const token = tokenFrom(new URL(req.url ?? '/', 'http://localhost').searchParams.get('token'));
    const spent = token ? await store.useAccountToken(hashAccountToken(token), 'verify_email') : null;
    if (!spent) {
      return sendPage(
        res,
        400,
        messagePage('Link not valid', 'This verification link has expired or was already used.', {
          tone: 'error',
          detail: 'A verification link works once, for 24 hours.',
        }),
        hosted.formTargets,
      );
    }
    const [user] = await store.byIds([spent.userId]);
    if (!user || !(await store.markEmailVerified(user.id))) {
      return sendPage(res, 400, messagePage('Link not valid', 'This account no longer exists.', { tone: 'error' }), hosted.formTargets);
    }
    logger.info({ userId: user.id }, 'email verified');
    await hosted.audit({ type: 'email.verified', actorId: user.id, targetId: user.id, ...hosted.meta(req), details: { method: 'link' } });
    sendPage(
      res,
      200,
      messagePage('Email verified', `Thank you: ${user.email} is verified.`, { tone: 'success', detail: 'You can close this page.' }),
      hosted.formTargets,
    );
  };

  return { register, verifyEmail, sendVerification };
}
