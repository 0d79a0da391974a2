import type { IncomingMessage, ServerResponse } from 'node:http';
import { canSignIn } from '../domain/scopes';
import { LinkTakenError, type UserRow } from '../store';
import { hashAccountToken, newAccountToken, tokenFrom } from './account-tokens';
import { formExpired, mailLater, type Hosted, type InteractionStep } from './hosted';
import { readForm, redirect } from './http';
import { errorPage, escapeHtml, linkConfirmPage, messagePage, sendPage, type Page } from './pages';
import { verifyNothing, verifyPassword } from './passwords';
import { SocialConnector, type UpstreamIdentity, type UpstreamRequest } from './social';

/** How long an upstream round trip (and a pending link confirmation) may take. */
const ROUND_TRIP_TTL = 10 * 60;
/** How long a mailed link confirmation works. */
export const LINK_IDENTITY_TTL_MS = 60 * 60 * 1000;

/** Said when the password confirming a link is wrong (or the account cannot sign in). */
export const LINK_PASSWORD_FAILED = 'That password is not correct.';

interface PendingRoundTrip extends UpstreamRequest {
  uid: string;
  connector: string;
}

/** An upstream identity whose verified email matches an existing account, waiting for the owner's confirmation. */
interface PendingLink {
  connector: string;
  subject: string;
  email: string;
  userId: string;
}

/** Signs a user in to finish the interaction: the second factor first when they have one. */
export type SignInUser = (req: IncomingMessage, res: ServerResponse, user: UserRow, amr: string[], step: InteractionStep) => Promise<void>;

export interface SocialFlowOptions {
  connectors: readonly SocialConnector[];
  signIn: SignInUser;
  /** Mails a verification link to a new account whose upstream email was not verified. */
  sendVerification: (user: Pick<UserRow, 'id' | 'email'>) => Promise<void>;
}

const LINK_CONFIRM_SCOPE = 'link-identity';

/**
 * Social sign-in inside an interaction: `/interaction/:uid/social/:id` → upstream → `/social/callback/:id` →
 * back into the interaction (whose cookie binds the round trip to this browser) → sign in, link or register.
 */
export function createSocialFlow(hosted: Hosted, options: SocialFlowOptions) {
  const { store, kv, logger } = hosted;
  const byId = new Map(options.connectors.map((c) => [c.id, c]));
  const stateKey = (state: string) => `social-state:${state}`;
  const linkKey = (uid: string) => `social-link:${uid}`;

  const failure = (res: ServerResponse, step: InteractionStep | null, message: string, detail?: string, status = 400) =>
    sendPage(res, status, errorPage(message, detail), step?.targets ?? hosted.formTargets);

  /** Buttons of the sign-in page. */
  const buttons = (uid: string) => options.connectors.map((c) => ({ label: c.label, url: `/interaction/${uid}/social/${c.id}` }));

  /** GET `/interaction/:uid/social/:id`: off to the upstream provider. */
  const start = async (req: IncomingMessage, res: ServerResponse, step: InteractionStep, connectorId: string) => {
    const connector = byId.get(connectorId);
    if (!connector) return failure(res, step, 'This sign-in option is not available.', undefined, 404);
    const request = SocialConnector.newRequest();
    let url: URL;
    try {
      url = await connector.authorizationUrl(request);
    } catch (error) {
      logger.error({ err: error, connector: connector.id }, 'social connector unavailable');
      return failure(
        res,
        step,
        `${connector.label} sign-in is unavailable right now.`,
        'Try again later, or sign in with your password.',
        502,
      );
    }
    const pending: PendingRoundTrip = { ...request, uid: step.uid, connector: connector.id };
    await kv.set(stateKey(request.state), JSON.stringify(pending), ROUND_TRIP_TTL);
    redirect(res, url.toString());
  };

  /**
   * GET `/social/callback/:id` (the redirect URI registered upstream): outside the interaction's cookie path, so
   * it only finds the interaction of the `state` and hands the answer over to it.
   */
  const callback = async (req: IncomingMessage, res: ServerResponse, connectorId: string) => {
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const state = query.get('state') ?? '';
    const raw = /^[\w-]{1,128}$/.test(state) ? await kv.get(stateKey(state)) : null;
    const pending = raw ? (JSON.parse(raw) as PendingRoundTrip) : null;
    if (!pending || pending.connector !== connectorId) {
      return failure(res, null, 'This sign-in attempt has expired.', 'Start signing in again from the app.');
    }
    redirect(res, `/interaction/${pending.uid}/social/${connectorId}/return?${query.toString()}`);
  };

  /** GET `/interaction/:uid/social/:id/return`: redeems the code in the interaction it was started from. */
  const returned = async (req: IncomingMessage, res: ServerResponse, step: InteractionStep, connectorId: string) => {
    const connector = byId.get(connectorId);
    const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
    const state = query.get('state') ?? '';
    const raw = connector && /^[\w-]{1,128}$/.test(state) ? await kv.get(stateKey(state)) : null;
    const pending = raw ? (JSON.parse(raw) as PendingRoundTrip) : null;
    // Bound to this interaction (and so to this browser's interaction cookie), and used once.
    if (!connector || !pending || pending.uid !== step.uid || pending.connector !== connectorId) {
      return failure(res, step, 'This sign-in attempt has expired.', 'Start signing in again from the app.');
    }
    await kv.del(stateKey(state));
    if (query.get('error')) {
      logger.info({ connector: connector.id, error: query.get('error')?.slice(0, 64) }, 'social sign-in cancelled upstream');
      return redirect(res, `/interaction/${step.uid}`);
    }
    const callbackUrl = new URL(connector.redirectUri);
    callbackUrl.search = query.toString();
    let identity: UpstreamIdentity;
    try {
      identity = await connector.identity(callbackUrl, pending);
    } catch (error) {
      logger.warn({ err: error, connector: connector.id }, 'social sign-in failed upstream');
      return failure(res, step, `Signing in with ${connector.label} did not work.`, 'Try again, or sign in with your password.', 502);
    }
    await resolve(req, res, step, connector, identity);
  };

  /** Signs in the linked account, asks to confirm a link to an existing one, or registers a new one. */
  const resolve = async (
    req: IncomingMessage,
    res: ServerResponse,
    step: InteractionStep,
    connector: SocialConnector,
    identity: UpstreamIdentity,
  ) => {
    const meta = hosted.meta(req);
    const linked = await store.userByLinkedIdentity(connector.id, identity.subject);
    if (linked) {
      if (!canSignIn(linked.status)) {
        logger.info({ userId: linked.id, connector: connector.id }, 'social sign-in refused: account cannot sign in');
        await hosted.audit({
          type: 'sign_in.failed',
          targetId: linked.id,
          ...meta,
          details: { reason: `status_${linked.status.toLowerCase()}`, provider: connector.id },
        });
        return failure(res, step, 'This account cannot sign in.', undefined, 403);
      }
      await hosted.audit({
        type: 'social.signed_in',
        actorId: linked.id,
        targetId: linked.id,
        ...meta,
        details: { provider: connector.id },
      });
      return options.signIn(req, res, linked, ['fed'], step);
    }

    if (!identity.email) {
      return failure(
        res,
        step,
        `${connector.label} did not share an email address.`,
        'Allow access to your email address there, or create an account with a password.',
      );
    }
    const existing = await store.credentialsByEmail(identity.email);
    if (existing) {
      if (!identity.emailVerified || !canSignIn(existing.user.status)) {
        return failure(
          res,
          step,
          'An account with this email already exists.',
          `Sign in with your password. ${connector.label} has not confirmed that this address is yours, so it cannot be linked.`,
          409,
        );
      }
      const link: PendingLink = {
        connector: connector.id,
        subject: identity.subject,
        email: existing.user.email,
        userId: existing.user.id,
      };
      await kv.set(linkKey(step.uid), JSON.stringify(link), ROUND_TRIP_TTL);
      return sendPage(res, 200, linkPage(req, res, step, connector, link, Boolean(existing.passwordHash)), step.targets);
    }

    // A new account, linked at once.
    const verified = identity.emailVerified;
    const [user] = await store.insertMany([
      {
        email: identity.email,
        status: verified ? 'ACTIVE' : 'PENDING_VERIFICATION',
        emailVerifiedAt: verified ? new Date() : null,
        roles: ['CUSTOMER'],
      },
    ]);
    if (!user) throw new Error('insertMany returned no user');
    await store.linkIdentity({ provider: connector.id, subject: identity.subject, userId: user.id, email: identity.email });
    logger.info({ userId: user.id, connector: connector.id }, 'account registered through social sign-in');
    await hosted.audit({
      type: 'account.registered',
      actorId: user.id,
      targetId: user.id,
      ...meta,
      details: { method: connector.id, emailVerified: verified },
    });
    await hosted.audit({ type: 'social.linked', actorId: user.id, targetId: user.id, ...meta, details: { provider: connector.id } });
    if (!verified) mailLater(hosted, () => options.sendVerification(user), 'verify_email');
    await options.signIn(req, res, user, ['fed'], step);
  };

  const linkPage = (
    req: IncomingMessage,
    res: ServerResponse,
    step: InteractionStep,
    connector: SocialConnector,
    link: PendingLink,
    hasPassword: boolean,
    error?: string,
  ): Page =>
    linkConfirmPage({
      action: `/interaction/${step.uid}/link`,
      csrf: hosted.csrf.issue(req, res, step.uid),
      providerLabel: connector.label,
      email: link.email,
      hasPassword,
      ...(error ? { error } : {}),
    });

  /** POST `/interaction/:uid/link`: the owner confirms the link with the password (or asks for a mailed link). */
  const confirmLink = async (req: IncomingMessage, res: ServerResponse, step: InteractionStep) => {
    const form = await readForm(req);
    if (!form || !hosted.csrf.valid(req, step.uid, form.get('csrf'))) return formExpired(res, step.targets);
    const raw = await kv.get(linkKey(step.uid));
    const link = raw ? (JSON.parse(raw) as PendingLink) : null;
    const connector = link ? byId.get(link.connector) : undefined;
    if (!link || !connector) return failure(res, step, 'This sign-in attempt has expired.', 'Start signing in again from the app.');
    const meta = hosted.meta(req);
    const [user] = await store.byIds([link.userId]);
    const passwordHash = user ? await store.passwordHashOf(user.id) : null;

    if (user && !passwordHash) {
      // No password to confirm with: a link to the account's mailbox confirms instead.
      await kv.del(linkKey(step.uid));
      const { token, tokenHash } = newAccountToken();
      await store.createAccountToken({
        tokenHash,
        purpose: 'link_identity',
        userId: user.id,
        data: { provider: link.connector, subject: link.subject, email: link.email },
        expiresAt: new Date(Date.now() + LINK_IDENTITY_TTL_MS),
      });
      const url = `${hosted.issuer}/link-identity?token=${token}`;
      mailLater(
        hosted,
        () =>
          hosted.mailer.send({
            to: user.email,
            subject: `Link your ${connector.label} account`,
            text: `Someone signed in with ${connector.label} using your address. To link that ${connector.label} account to your Marketplace account, open this link (it works once, for one hour):\n\n${url}\n\nIf it was not you, ignore this message.`,
            html: `<p>Someone signed in with ${escapeHtml(connector.label)} using your address.</p><p><a href="${escapeHtml(url)}">Link my ${escapeHtml(connector.label)} account</a> (the link works once, for one hour).</p><p>If it was not you, ignore this message.</p>`,
          }),
        'link_identity',
      );
      return sendPage(
        res,
        200,
        messagePage('Check your email', `We sent a confirmation link to ${link.email}.`, {
          tone: 'success',
          detail: `After confirming, continue with ${connector.label} again to sign in.`,
        }),
        step.targets,
      );
    }

    const lock = await hosted.guard.check(link.email, meta.ip);
    if (lock.locked) {
      res.setHeader('retry-after', String(lock.retryAfterSeconds));
      return failure(res, step, 'Too many failed sign-in attempts. Signing in is temporarily locked; try again later.', undefined, 429);
    }
    const password = (form.get('password') ?? '').slice(0, 1024);
    const ok = user && passwordHash ? await verifyPassword(passwordHash, password) : await verifyNothing(password);
    if (!user || !ok || !canSignIn(user.status)) {
      await hosted.audit({
        type: 'sign_in.failed',
        targetId: link.userId,
        ...meta,
        details: { reason: 'wrong_password', provider: link.connector, step: 'link' },
      });
      await hosted.guard.fail(link.email, meta.ip);
      return sendPage(res, 401, linkPage(req, res, step, connector, link, true, LINK_PASSWORD_FAILED), step.targets);
    }
    await kv.del(linkKey(step.uid));
    if (!(await linkOrRefuse(res, step, link, user.id))) return;
    await hosted.audit({
      type: 'social.linked',
      actorId: user.id,
      targetId: user.id,
      ...meta,
      details: { provider: link.connector, confirmedBy: 'password' },
    });
    await options.signIn(req, res, user, ['fed', 'pwd'], step);
  };

  /**
   * Links; false (after answering) when the upstream account was linked to someone else meanwhile. The upstream
   * provider verified this very address, so an account still waiting for its verification is verified too.
   */
  const linkOrRefuse = async (res: ServerResponse, step: InteractionStep | null, link: PendingLink, userId: string): Promise<boolean> => {
    try {
      await store.linkIdentity({ provider: link.connector, subject: link.subject, userId, email: link.email });
      const [user] = await store.byIds([userId]);
      if (user && !user.emailVerifiedAt && user.email.toLowerCase() === link.email.toLowerCase()) await store.markEmailVerified(userId);
      return true;
    } catch (error) {
      if (!(error instanceof LinkTakenError)) throw error;
      failure(res, step, 'This account is already linked to another Marketplace account.', undefined, 409);
      return false;
    }
  };

  /** `/link-identity?token=…`: GET a confirmation form, POST links (a mail scanner opening the link changes nothing). */
  const linkByMail = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') {
      const token = tokenFrom(new URL(req.url ?? '/', 'http://localhost').searchParams.get('token'));
      if (!token) return failure(res, null, 'This link has expired or was already used.');
      const csrf = hosted.csrf.issue(req, res, LINK_CONFIRM_SCOPE);
      return sendPage(
        res,
        200,
        {
          title: 'Link your account',
          body: `<h1>Link your account?</h1>
<p>Link the other sign-in you used to your Marketplace account? You can then continue with it to sign in.</p>
<form method="post" action="/link-identity">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<input type="hidden" name="token" value="${escapeHtml(token)}">
<button type="submit">Link my account</button>
</form>`,
        },
        hosted.formTargets,
      );
    }
    const form = await readForm(req);
    if (!form || !hosted.csrf.valid(req, LINK_CONFIRM_SCOPE, form.get('csrf'))) return formExpired(res, hosted.formTargets);
    const token = tokenFrom(form.get('token'));
    const spent = token ? await store.useAccountToken(hashAccountToken(token), 'link_identity') : null;
    const data = spent?.data as { provider?: unknown; subject?: unknown; email?: unknown } | undefined;
    if (!spent || typeof data?.provider !== 'string' || typeof data.subject !== 'string') {
      return failure(res, null, 'This link has expired or was already used.');
    }
    const link: PendingLink = {
      connector: data.provider,
      subject: data.subject,
      email: typeof data.email === 'string' ? data.email : '',
      userId: spent.userId,
    };
    if (!(await linkOrRefuse(res, null, link, spent.userId))) return;
    await hosted.audit({
      type: 'social.linked',
      actorId: spent.userId,
      targetId: spent.userId,
      ...hosted.meta(req),
      details: { provider: link.connector, confirmedBy: 'mail' },
    });
    const label = byId.get(link.connector)?.label ?? link.connector;
    sendPage(
      res,
      200,
      messagePage('Account linked', `Your ${label} account is linked.`, { tone: 'success', detail: `Continue with ${label} to sign in.` }),
      hosted.formTargets,
    );
  };

  return { buttons, start, callback, returned, confirmLink, linkByMail };
}
