import { badInput, forbidden, newestFirstConnection, pageArgs } from '@market/kit';
import type { QueryResolvers } from '../generated/resolvers-types';
import { isOrderAdmin } from '../domain/access';
import { canSee, requireViewer } from './access';

const DAY_MS = 86_400_000;

export const Query: QueryResolvers = {
  async orders(_parent, { filter, first, after }, { repo, loaders, viewer }) {
    const me = requireViewer(viewer);
    const { size, limit, after: keyset } = pageArgs(first, after);
    const admin = isOrderAdmin(me);
    const agencyIds = admin ? [] : await loaders.agenciesOf(me.id);
    if (filter?.agencyId && !admin && !agencyIds.includes(filter.agencyId)) {
      throw userForbidden('agencyId', 'only members of the agency and admins may list its orders');
    }
    if (filter?.customerId && !admin && filter.customerId !== me.id) {
      throw userForbidden('customerId', "only admins may list another customer's orders");
    }
    const createdAfter = filter?.createdAfter ? new Date(filter.createdAfter) : null;
    const createdBefore = filter?.createdBefore ? new Date(filter.createdBefore) : null;
    if (createdAfter && createdBefore && createdAfter >= createdBefore) {
      throw badInput('createdBefore must be later than createdAfter', 'createdBefore');
    }
    const search = filter?.search?.trim() ?? null;
    if (search && search.length > 200) throw badInput('search must be at most 200 characters', 'search');
    const page = await repo.search(admin ? { all: true } : { all: false, customerId: me.id, agencyIds }, {
      limit,
      after: keyset,
      statuses: filter?.status ?? null,
      agencyId: filter?.agencyId ?? null,
      customerId: filter?.customerId ?? null,
      search: search || null,
      createdAfter,
      createdBefore,
    });
    return newestFirstConnection(page.rows, size, page.totalCount);
  },

  // Unknown ids, malformed ids and orders the viewer takes no part in are all null: nothing is revealed.
  async order(_parent, { id }, ctx) {
    requireViewer(ctx.viewer);
    const order = await ctx.loaders.orderById.load(id);
    return order && (await canSee(order, ctx)) ? order : null;
  },

  async orderDashboard(_parent, { days }, { repo, viewer }) {
    const me = requireViewer(viewer);
    if (!isOrderAdmin(me)) throw forbidden('only admins with the admin:orders scope see the order dashboard');
    const span = days ?? 30;
    if (!Number.isInteger(span) || span < 1 || span > 366) throw badInput('days must be 1 to 366', 'days');
    const since = new Date(Date.now() - span * DAY_MS);
    const figures = await repo.dashboard(since);
    return {
      ordersPerDay: figures.perDay,
      revenuePerDay: figures.revenuePerDay.map((r) => ({ date: r.date, revenue: { amount: r.amount, currency: r.currency } })),
      topAgencies: figures.top,
      byStatus: figures.byStatus,
    };
  },
};

function userForbidden(field: string, message: string) {
  const error = forbidden(message);
  error.extensions.field = field;
  return error;
}
