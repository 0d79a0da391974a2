import { badInput, isUuid, pageSize, toConnection } from '@market/kit';
import { describeDevice } from '../domain/accounts';
import type { QueryResolvers } from '../generated/resolvers-types';
import type { AuditFilter, UserFilter } from '../store/user-store';
import { ADMIN_AUDIT, ADMIN_CLIENTS, ADMIN_USERS, requireScope, requireViewer } from './auth';
import { auditCursor, cursorOf, userCursor } from './cursors';

/** Longest email search text (an email is at most 320 characters). */
const MAX_SEARCH = 320;
const MAX_FILTER_TEXT = 255;

export const Query: QueryResolvers = {
  me: (_parent, _args, ctx) => ctx.loaders.userById.load(requireViewer(ctx).id),

  async sessions(_parent, _args, ctx) {
    const viewer = requireViewer(ctx);
    const rows = await ctx.store.sessionsOf(viewer.id);
    const current = viewer.sessionId ?? null;
    return rows.map((row) => ({
      id: row.id,
      current: row.id === current,
      device: describeDevice(row.userAgent),
      userAgent: row.userAgent,
      ip: row.ip,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
    }));
  },

  async activity(_parent, { first, after }, ctx) {
    const viewer = requireViewer(ctx);
    const size = pageSize(first);
    const page = await ctx.store.listAudit({ targetId: viewer.id }, { limit: size + 1, after: auditCursor(after) });
    return toConnection(page.rows, size, page.totalCount, cursorOf);
  },

  async users(_parent, { filter, first, after }, ctx) {
    requireScope(ctx, ADMIN_USERS);
    const size = pageSize(first);
    const search = filter?.search?.trim() ?? '';
    if (search.length > MAX_SEARCH) throw badInput(`search must be at most ${MAX_SEARCH} characters`, 'filter.search');
    const where: UserFilter = {
      ...(search ? { search } : {}),
      ...(filter?.statuses?.length ? { statuses: filter.statuses } : {}),
      ...(filter?.roles?.length ? { roles: filter.roles } : {}),
    };
    const page = await ctx.store.search(where, size + 1, userCursor(after));
    return toConnection(page.rows, size, page.totalCount, cursorOf);
  },

  async user(_parent, { id }, ctx) {
    requireScope(ctx, ADMIN_USERS);
    return isUuid(id) ? ctx.loaders.userById.load(id.toLowerCase()) : null;
  },

  async auditLog(_parent, { filter, first, after }, ctx) {
    requireScope(ctx, ADMIN_AUDIT);
    const size = pageSize(first, 50);
    for (const [field, value] of [
      ['actorId', filter?.actorId],
      ['targetId', filter?.targetId],
    ] as const) {
      if (value && value.length > MAX_FILTER_TEXT)
        throw badInput(`${field} must be at most ${MAX_FILTER_TEXT} characters`, `filter.${field}`);
    }
    const since = filter?.since ? new Date(filter.since) : undefined;
    const until = filter?.until ? new Date(filter.until) : undefined;
    if (since && until && since.getTime() >= until.getTime()) throw badInput('since must be before until', 'filter.since');
    const where: AuditFilter = {
      ...(filter?.types?.length ? { types: filter.types } : {}),
      ...(filter?.actorId ? { actorId: filter.actorId } : {}),
      ...(filter?.targetId ? { targetId: filter.targetId } : {}),
      ...(since ? { since } : {}),
      ...(until ? { until } : {}),
    };
    const page = await ctx.store.listAudit(where, { limit: size + 1, after: auditCursor(after) });
    return toConnection(page.rows, size, page.totalCount, cursorOf);
  },

  async oauthClients(_parent, _args, ctx) {
    requireScope(ctx, ADMIN_CLIENTS);
    return ctx.accounts.clients.list();
  },
};
