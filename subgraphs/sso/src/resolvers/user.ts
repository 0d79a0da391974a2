import { isUuid } from '@market/kit';
import { sortRoles } from '../domain/user';
import type { AuditEventResolvers, LinkedIdentityResolvers, UserResolvers } from '../generated/resolvers-types';
import { requireSelfOrAdmin } from './auth';

export const User: UserResolvers = {
  // Every subgraph references users by id; the loader turns N references into one query.
  __resolveReference: (reference, { loaders }) => loaders.userById.load(reference.id),
  roles: async (user, _args, { loaders }) => sortRoles((await loaders.rolesByUser.load(user.id)).map((row) => row.role)),
  emailVerified: (user) => user.emailVerifiedAt !== null,
  // "Self or admin": null with a FORBIDDEN error at the field's path for anyone else.
  statusReason: (user, _args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return user.statusReason;
  },
  mfaEnabled: (user, _args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return ctx.loaders.mfaEnabled.load(user.id);
  },
  lastLoginAt: (user, _args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return user.lastLoginAt;
  },
  linkedIdentities: (user, _args, ctx) => {
    requireSelfOrAdmin(ctx, user.id);
    return ctx.loaders.linkedIdentitiesByUser.load(user.id);
  },
};

export const LinkedIdentity: LinkedIdentityResolvers = {
  linkedAt: (row) => row.createdAt,
};

export const AuditEvent: AuditEventResolvers = {
  actor: (event, _args, { loaders }) =>
    event.actorId && isUuid(event.actorId) ? loaders.userById.load(event.actorId.toLowerCase()) : null,
  target: (event, _args, { loaders }) =>
    event.targetId && isUuid(event.targetId) ? loaders.userById.load(event.targetId.toLowerCase()) : null,
  details: (event) => JSON.stringify(event.details),
};
