import { badInput, notFound, userError } from '@market/kit';
import type { Context, Viewer } from '../context';
import { looksLikeTotp } from '../domain/mfa';
import type { MutationResolvers } from '../generated/resolvers-types';
import { passwordProblem } from '../oidc/password-policy';
import { hashPassword, verifyPassword } from '../oidc/passwords';
import type { NewAuditEvent, UserRow } from '../store/user-store';
import { requireViewer } from './auth';

/** Longest password or code looked at (bounds the hashing work of a request). */
const MAX_SECRET_INPUT = 1024;

/**
 * Audit events never fail the mutation that records them; a failure to record is logged. The client's address and
 * user agent come from the gateway-signed identity (the subgraph itself only sees the gateway).
 */
export async function audit(ctx: Context, event: NewAuditEvent): Promise<void> {
  try {
    await ctx.store.recordAudit({ ip: ctx.viewer?.ip ?? null, userAgent: ctx.viewer?.userAgent ?? null, ...event });
  } catch (error) {
    ctx.logger.error({ err: error, event: event.type }, 'could not record audit event');
  }
}

/** The signed-in user's row, fresh from the store (after a change, the per-request cache may be stale). */
export async function freshUser(ctx: Context, id: string): Promise<UserRow> {
  ctx.loaders.userById.clear(id);
  const user = await ctx.loaders.userById.load(id);
  if (!user) throw notFound('User', id);
  return user;
}

/** The brute-force guard keys re-authentication failures by the account, and by the user in place of an address. */
const guardKeys = (user: UserRow) => ({ account: user.email.toLowerCase(), ip: `user:${user.id}` });

/**
 * Re-authentication with the password (changing the password, turning MFA off). A wrong password counts as a
 * failed sign-in of the account, so these mutations cannot be used to guess it past the sign-in lockout.
 */
async function checkPassword(ctx: Context, user: UserRow, password: string, field: string): Promise<void> {
  const keys = guardKeys(user);
  await refuseWhileLocked(ctx, keys);
  const hash = await ctx.store.passwordHashOf(user.id);
  if (!hash) throw badInput('This account has no password (it signs in through a linked account)', field);
  if (password.length > MAX_SECRET_INPUT || !(await verifyPassword(hash, password))) {
    await audit(ctx, { type: 'reauthentication.failed', actorId: user.id, targetId: user.id, details: { factor: 'password' } });
    await countFailure(ctx, keys);
    throw badInput('The password is incorrect', field);
  }
}

const TOO_MANY = 'Too many failed attempts. Try again later.';

async function refuseWhileLocked(ctx: Context, keys: ReturnType<typeof guardKeys>): Promise<void> {
  const lock = await ctx.accounts.guard.check(keys.account, keys.ip);
  if (lock.locked) throw userError('RATE_LIMITED', TOO_MANY, { retryAfterSeconds: lock.retryAfterSeconds });
}

/** Counts a failed re-authentication (password or code); RATE_LIMITED when it locks the account. */
async function countFailure(ctx: Context, keys: ReturnType<typeof guardKeys>): Promise<void> {
  const outcome = await ctx.accounts.guard.fail(keys.account, keys.ip);
  if (outcome.lockedNow.locked) {
    ctx.logger.warn({ scope: outcome.lockedNow.scope }, 'account locked after failed re-authentication');
    throw userError('RATE_LIMITED', TOO_MANY, { retryAfterSeconds: outcome.lockedNow.retryAfterSeconds });
  }
}

/** A current TOTP code of the user's confirmed factor; a replayed code is refused. */
async function checkTotp(ctx: Context, user: UserRow, code: string, field: string): Promise<void> {
  const keys = guardKeys(user);
  await refuseWhileLocked(ctx, keys);
  const result = await ctx.accounts.mfa.verifyTotp(user.id, code.replace(/\s+/g, '').slice(0, 16));
  if (result.ok) return;
  await audit(ctx, {
    type: 'mfa.challenge_failed',
    actorId: user.id,
    targetId: user.id,
    details: { method: 'totp', reason: result.reason },
  });
  if (result.reason === 'not_enrolled') throw badInput('Two-factor authentication is not enabled', field);
  await countFailure(ctx, keys);
  if (result.reason === 'replayed_code') throw badInput('That code was already used; wait for the next one', field);
  throw badInput('That code is not valid', field);
}

async function viewerUser(ctx: Context): Promise<{ viewer: Viewer; user: UserRow }> {
  const viewer = requireViewer(ctx);
  const user = await ctx.loaders.userById.load(viewer.id);
  if (!user) throw notFound('User', viewer.id);
  return { viewer, user };
}

export const accountMutations: MutationResolvers = {
  async startTotpEnrollment(_parent, _args, ctx) {
    const { user } = await viewerUser(ctx);
    if (await ctx.accounts.mfa.enabled(user.id)) throw badInput('Two-factor authentication is already enabled; turn it off first');
    const enrollment = await ctx.accounts.mfa.startEnrollment(user);
    return { secret: enrollment.secret, otpauthUri: enrollment.uri, qrCodeSvg: enrollment.qrSvg };
  },

  async confirmTotpEnrollment(_parent, { code }, ctx) {
    const { user } = await viewerUser(ctx);
    const result = await ctx.accounts.mfa.confirmEnrollment(user.id, code.replace(/\s+/g, '').slice(0, 16));
    if (!result.ok) {
      if (result.reason === 'no_enrollment') throw badInput('Start the enrollment first', 'code');
      if (result.reason === 'already_confirmed') throw badInput('Two-factor authentication is already enabled', 'code');
      throw badInput('That code is not valid', 'code');
    }
    await audit(ctx, { type: 'mfa.enabled', actorId: user.id, targetId: user.id, details: { method: 'totp' } });
    ctx.logger.info({ userId: user.id }, 'mfa enabled');
    return { codes: result.recoveryCodes };
  },

  async disableTotp(_parent, { password, code }, ctx) {
    const { user } = await viewerUser(ctx);
    if (!(await ctx.accounts.mfa.enabled(user.id))) throw badInput('Two-factor authentication is not enabled', 'code');
    await checkPassword(ctx, user, password, 'password');
    const trimmed = code.trim().slice(0, 64);
    let method: 'totp' | 'recovery_code';
    if (looksLikeTotp(trimmed)) {
      await checkTotp(ctx, user, trimmed, 'code');
      method = 'totp';
    } else if (await ctx.accounts.mfa.useRecoveryCode(user.id, trimmed)) {
      method = 'recovery_code';
    } else {
      await audit(ctx, {
        type: 'mfa.challenge_failed',
        actorId: user.id,
        targetId: user.id,
        details: { method: 'recovery_code', reason: 'invalid_code' },
      });
      await countFailure(ctx, guardKeys(user));
      throw badInput('That code is not valid', 'code');
    }
    await ctx.accounts.mfa.disable(user.id);
    await audit(ctx, { type: 'mfa.disabled', actorId: user.id, targetId: user.id, details: { method } });
    ctx.loaders.mfaEnabled.clear(user.id);
    return freshUser(ctx, user.id);
  },

  async regenerateRecoveryCodes(_parent, { code }, ctx) {
    const { user } = await viewerUser(ctx);
    await checkTotp(ctx, user, code, 'code');
    const codes = await ctx.accounts.mfa.regenerateRecoveryCodes(user.id);
    await audit(ctx, { type: 'mfa.recovery_codes_regenerated', actorId: user.id, targetId: user.id });
    return { codes };
  },

  async changePassword(_parent, { currentPassword, newPassword }, ctx) {
    const { viewer, user } = await viewerUser(ctx);
    // The new password is checked first: a policy mistake does not count as a failed attempt.
    const problem = passwordProblem(newPassword, newPassword, user.email);
    if (problem) throw badInput(problem, 'newPassword');
    await checkPassword(ctx, user, currentPassword, 'currentPassword');
    if (currentPassword === newPassword) throw badInput('Choose a password different from the current one', 'newPassword');
    await ctx.store.setPasswordHashes([{ userId: user.id, passwordHash: await hashPassword(newPassword) }]);
    await ctx.accounts.guard.succeed(guardKeys(user).account);
    const ended = await ctx.accounts.sessions.endUserSessions(user.id, viewer.sessionId ?? null);
    await audit(ctx, { type: 'password.changed', actorId: user.id, targetId: user.id, details: { sessionsEnded: ended } });
    ctx.logger.info({ userId: user.id, sessionsEnded: ended }, 'password changed');
    return freshUser(ctx, user.id);
  },

  async revokeSession(_parent, { id }, ctx) {
    const viewer = requireViewer(ctx);
    const row = await ctx.store.sessionById(id);
    // Someone else's session is "not found" too: its existence is none of the caller's business.
    if (!row || row.userId !== viewer.id.toLowerCase()) throw notFound('Session', id);
    await ctx.accounts.sessions.revokeSession(id);
    await audit(ctx, { type: 'session.revoked', actorId: viewer.id, targetId: viewer.id, details: { sessionId: id } });
    return true;
  },

  async revokeOtherSessions(_parent, _args, ctx) {
    const viewer = requireViewer(ctx);
    const ended = await ctx.accounts.sessions.endUserSessions(viewer.id, viewer.sessionId ?? null);
    await audit(ctx, { type: 'session.revoked', actorId: viewer.id, targetId: viewer.id, details: { others: true, sessionsEnded: ended } });
    return ended;
  },

  async signOutEverywhere(_parent, _args, ctx) {
    const viewer = requireViewer(ctx);
    const ended = await ctx.accounts.sessions.endUserSessions(viewer.id, null);
    await audit(ctx, { type: 'sign_out.everywhere', actorId: viewer.id, targetId: viewer.id, details: { sessionsEnded: ended } });
    return ended;
  },

  async unlinkIdentity(_parent, { provider, subject }, ctx) {
    const { user } = await viewerUser(ctx);
    const links = await ctx.store.linkedIdentitiesOf([user.id]);
    if (!links.some((link) => link.provider === provider && link.subject === subject)) {
      throw notFound('Linked identity', `${provider}:${subject}`);
    }
    if (links.length === 1 && !(await ctx.store.passwordHashOf(user.id))) {
      throw badInput('This is the only way left to sign in: set a password (reset it by email) before unlinking it', 'provider');
    }
    await ctx.store.unlinkIdentity(user.id, provider, subject);
    await audit(ctx, { type: 'identity.unlinked', actorId: user.id, targetId: user.id, details: { provider } });
    ctx.loaders.linkedIdentitiesByUser.clear(user.id);
    return freshUser(ctx, user.id);
  },
};
