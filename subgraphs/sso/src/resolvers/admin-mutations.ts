import { badInput, forbidden, isUuid, notFound, userError } from '@market/kit';
import type { Context } from '../context';
import { BARRING_STATUSES, canRevokeRole, statusChangeProblem } from '../domain/accounts';
import { clientSettingsProblems, type OAuthClientSettings } from '../domain/oauth-clients';
import type { MutationResolvers } from '../generated/resolvers-types';
import type { UserRow } from '../store/user-store';
import { audit, freshUser } from './account-mutations';
import { ADMIN_CLIENTS, ADMIN_USERS, requireScope } from './auth';

/** The user an admin operation is about; NOT_FOUND for unknown or malformed ids. */
async function targetUser(ctx: Context, id: string): Promise<UserRow> {
  const user = isUuid(id) ? await ctx.loaders.userById.load(id.toLowerCase()) : null;
  if (!user) throw notFound('User', id);
  return user;
}

/** Every problem of the settings as one BAD_USER_INPUT error, naming the first field (all listed in `problems`). */
function checkClientSettings(settings: OAuthClientSettings): void {
  const problems = clientSettingsProblems(settings);
  const [first] = problems;
  if (first) {
    throw userError('BAD_USER_INPUT', problems.map((problem) => problem.message).join('; '), {
      field: `input.${first.field}`,
      problems: problems.map((problem) => ({ field: `input.${problem.field}`, message: problem.message })),
    });
  }
}

/** An admin of users, by scope and by role (role changes are for admins only, whatever else a token carries). */
function requireUserAdmin(ctx: Context) {
  const viewer = requireScope(ctx, ADMIN_USERS);
  if (!viewer.roles.includes('ADMIN')) throw forbidden('Only admins can do this');
  return viewer;
}

export const adminMutations: MutationResolvers = {
  async setUserStatus(_parent, { id, status, reason }, ctx) {
    const viewer = requireUserAdmin(ctx);
    const trimmed = reason?.trim() ?? '';
    const problem = statusChangeProblem(viewer.id, id, status, trimmed);
    if (problem) throw userError(problem.code, problem.message, { field: problem.field });
    const user = await targetUser(ctx, id);
    await ctx.store.setStatusWithReason(user.id, status, trimmed || null);
    let sessionsEnded = 0;
    if (BARRING_STATUSES.has(status)) {
      // At once: every session, grant and refresh token of the user (access tokens expire within minutes).
      sessionsEnded = await ctx.accounts.sessions.endUserSessions(user.id, null);
    }
    await audit(ctx, {
      type: 'user.status_changed',
      actorId: viewer.id,
      targetId: user.id,
      details: { from: user.status, to: status, reason: trimmed || null, sessionsEnded },
    });
    ctx.logger.info({ actorId: viewer.id, userId: user.id, from: user.status, to: status }, 'user status changed');
    return freshUser(ctx, user.id);
  },

  async grantRole(_parent, { userId, role }, ctx) {
    const viewer = requireUserAdmin(ctx);
    const user = await targetUser(ctx, userId);
    const held = (await ctx.loaders.rolesByUser.load(user.id)).some((row) => row.role === role);
    if (!held) {
      await ctx.store.addRole(user.id, role);
      await audit(ctx, { type: 'user.role_granted', actorId: viewer.id, targetId: user.id, details: { role } });
    }
    ctx.loaders.rolesByUser.clear(user.id);
    return freshUser(ctx, user.id);
  },

  async revokeRole(_parent, { userId, role }, ctx) {
    const viewer = requireUserAdmin(ctx);
    if (!canRevokeRole(viewer.id, userId, role)) throw forbidden('You cannot revoke your own ADMIN role');
    const user = await targetUser(ctx, userId);
    const held = (await ctx.loaders.rolesByUser.load(user.id)).some((row) => row.role === role);
    if (held) {
      await ctx.store.removeRole(user.id, role);
      await audit(ctx, { type: 'user.role_revoked', actorId: viewer.id, targetId: user.id, details: { role } });
    }
    ctx.loaders.rolesByUser.clear(user.id);
    return freshUser(ctx, user.id);
  },

  async createOAuthClient(_parent, { input }, ctx) {
    const viewer = requireScope(ctx, ADMIN_CLIENTS);
    const settings: OAuthClientSettings = {
      name: input.name,
      type: input.type,
      grantTypes: [...new Set(input.grantTypes)],
      redirectUris: input.redirectUris ?? [],
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? [],
      scopes: [...new Set(input.scopes)],
    };
    checkClientSettings(settings);
    const { client, secret } = await ctx.accounts.clients.create(settings);
    await audit(ctx, {
      type: 'client.created',
      actorId: viewer.id,
      targetId: client.id,
      details: { name: client.name, type: client.type, grantTypes: client.grantTypes, scopes: client.scopes },
    });
    return { client, clientSecret: secret };
  },

  async updateOAuthClient(_parent, { id, input }, ctx) {
    const viewer = requireScope(ctx, ADMIN_CLIENTS);
    if (ctx.accounts.clients.isFirstParty(id)) throw forbidden('First-party apps are configured in code and cannot be edited');
    const current = await ctx.accounts.clients.find(id);
    if (!current) throw notFound('OAuth client', id);
    const settings: OAuthClientSettings = {
      name: input.name ?? current.name,
      type: current.type,
      grantTypes: current.grantTypes,
      redirectUris: input.redirectUris ?? current.redirectUris,
      postLogoutRedirectUris: input.postLogoutRedirectUris ?? current.postLogoutRedirectUris,
      scopes: input.scopes ? [...new Set(input.scopes)] : current.scopes,
    };
    checkClientSettings(settings);
    const client = await ctx.accounts.clients.update(id, settings);
    if (!client) throw notFound('OAuth client', id);
    const changed = Object.keys(input).filter((key) => input[key as keyof typeof input] != null);
    await audit(ctx, { type: 'client.updated', actorId: viewer.id, targetId: id, details: { changed } });
    return client;
  },

  async rotateOAuthClientSecret(_parent, { id }, ctx) {
    const viewer = requireScope(ctx, ADMIN_CLIENTS);
    if (ctx.accounts.clients.isFirstParty(id)) throw forbidden('First-party apps are public clients without a secret');
    const current = await ctx.accounts.clients.find(id);
    if (!current) throw notFound('OAuth client', id);
    if (current.type !== 'CONFIDENTIAL') throw badInput('A PUBLIC client has no secret', 'id');
    const rotated = await ctx.accounts.clients.rotateSecret(id);
    if (!rotated) throw notFound('OAuth client', id);
    await audit(ctx, { type: 'client.secret_rotated', actorId: viewer.id, targetId: id });
    return { client: rotated.client, clientSecret: rotated.secret };
  },

  async deleteOAuthClient(_parent, { id }, ctx) {
    const viewer = requireScope(ctx, ADMIN_CLIENTS);
    if (ctx.accounts.clients.isFirstParty(id)) throw forbidden('First-party apps are configured in code and cannot be deleted');
    // The registration goes first, so no new token is issued while the existing grants are revoked.
    if (!(await ctx.accounts.clients.delete(id))) throw notFound('OAuth client', id);
    const grants = await ctx.accounts.sessions.revokeClientGrants(id);
    await audit(ctx, { type: 'client.deleted', actorId: viewer.id, targetId: id, details: { grantsRevoked: grants } });
    return true;
  },
};
