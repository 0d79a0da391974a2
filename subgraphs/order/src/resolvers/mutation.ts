import { badInput, forbidden, userError } from '@market/kit';
import type { MutationResolvers } from '../generated/resolvers-types';
import { validatePlaceOrder, validateReply, validateReview } from '../domain/order-input';
import { decide, type Decision } from '../domain/state-machine';
import type { OrderRow } from '../store/schema';
import { participantOrder, requireViewer } from './access';

const MAX_NOTE = 2000;

/** A refused transition as its GraphQL error (nothing was changed). */
function refusal(decision: Exclude<Decision, { ok: true }>, order: OrderRow) {
  if (decision.reason === 'role') return userError('FORBIDDEN', decision.message, { field: 'action', allowedRoles: decision.allowedRoles });
  return userError('BAD_USER_INPUT', decision.message, { field: 'action', status: order.status });
}

export const Mutation: MutationResolvers = {
  async placeOrder(_parent, { input }, { repo, viewer }) {
    const me = requireViewer(viewer);
    const now = new Date();
    const order = validatePlaceOrder(
      {
        agencyId: input.agencyId,
        title: input.title,
        description: input.description,
        lineItems: input.lineItems,
        amount: input.amount,
        currency: input.currency,
        dueDate: input.dueDate ?? null,
      },
      now,
    );
    const agency = await repo.agencyById(input.agencyId);
    if (!agency) throw badInput(`agency ${input.agencyId} was not found`, 'agencyId');
    if (agency.status !== 'VERIFIED') throw badInput(`agency ${agency.name} is not verified (it is ${agency.status})`, 'agencyId');
    if ((await repo.agencyIdsOfMember(me.id)).includes(agency.id)) {
      throw badInput('you cannot order from an agency you are a member of', 'agencyId');
    }
    return repo.place(order, me.id, now);
  },

  async transitionOrder(_parent, { id, action, note }, ctx) {
    const me = requireViewer(ctx.viewer);
    const text = note?.trim() || null;
    if (text && text.length > MAX_NOTE) throw badInput(`note must be at most ${MAX_NOTE} characters`, 'note');
    const { order, roles } = await participantOrder(id, ctx);
    const decision = decide({ status: order.status, paid: order.paidAt !== null }, action, roles);
    if (!decision.ok) throw refusal(decision, order);
    const moved = await ctx.repo.transition({
      orderId: order.id,
      from: order.status,
      to: decision.to,
      action,
      actor: { id: me.id, role: decision.actorRole },
      note: text,
      now: new Date(),
    });
    if (moved) return moved;
    // Another transition won the compare-and-set: refuse from the state it left.
    const [current] = await ctx.repo.byIds([order.id]);
    if (!current) throw badInput(`order ${id} is gone`, 'id');
    const again = decide({ status: current.status, paid: current.paidAt !== null }, action, roles);
    throw again.ok ? userError('CONFLICT', 'the order changed meanwhile; try again', { status: current.status }) : refusal(again, current);
  },

  async reviewOrder(_parent, { id, rating, comment }, ctx) {
    const me = requireViewer(ctx.viewer);
    const { order, roles } = await participantOrder(id, ctx);
    if (!roles.includes('CUSTOMER')) throw forbidden('only the customer may review an order');
    if (order.status !== 'COMPLETED' && order.status !== 'RESOLVED') {
      throw userError('BAD_USER_INPUT', `cannot review an order that is ${order.status}`, { field: 'id', status: order.status });
    }
    const review = validateReview(rating, comment);
    const saved = await ctx.repo.review(order, { authorId: me.id, ...review }, new Date());
    if (!saved) throw badInput('this order has been reviewed already', 'id');
    ctx.loaders.reviewOfOrder.clear(order.id).prime(order.id, saved);
    return order;
  },

  async replyToReview(_parent, { orderId, body }, ctx) {
    const me = requireViewer(ctx.viewer);
    const { order, roles } = await participantOrder(orderId, ctx);
    if (!roles.includes('AGENCY')) throw forbidden("only the agency's members may reply to a review");
    const text = validateReply(body);
    const review = await ctx.loaders.reviewOfOrder.load(order.id);
    if (!review) throw badInput('this order has no review to reply to', 'orderId');
    const saved = await ctx.repo.reply(order.id, me.id, text, new Date());
    if (!saved) throw badInput('the review has been replied to already', 'orderId');
    ctx.loaders.reviewOfOrder.clear(order.id).prime(order.id, saved);
    return order;
  },

  async markOrderPaidSandbox(_parent, { id }, ctx) {
    requireViewer(ctx.viewer);
    const { order, roles } = await participantOrder(id, ctx);
    if (!ctx.paymentsSandbox) throw forbidden('sandbox payments are disabled here (PAYMENTS_SANDBOX)');
    if (!roles.includes('CUSTOMER') && !roles.includes('ADMIN')) throw forbidden('only the customer or an admin may mark an order paid');
    if (order.status === 'CANCELLED' || order.status === 'REFUNDED') {
      throw userError('BAD_USER_INPUT', `cannot mark an order paid that is ${order.status}`, { field: 'id', status: order.status });
    }
    if (order.paidAt) throw badInput('this order has been paid already', 'id');
    const paid = await ctx.repo.markPaid(order, new Date());
    if (!paid) throw badInput('this order has been paid or cancelled meanwhile', 'id');
    return paid;
  },
};
