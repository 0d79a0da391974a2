import type { LineItemResolvers, OrderStatusChangeResolvers, ReviewReplyResolvers, ReviewResolvers } from '../generated/resolvers-types';

export const Review: ReviewResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.reviewById.load(reference.id),
  author: (review) => ({ __typename: 'User', id: review.authorId }),
  agency: (review) => ({ __typename: 'Agency', id: review.agencyId }),
  // Reviews are public and so is the order they are about (its title, number and amount).
  async order(review, _args, { loaders }) {
    const order = await loaders.orderById.load(review.orderId);
    if (!order) throw new Error(`review ${review.id} has no order`);
    return order;
  },
  reply: (review) => (review.replyBody !== null ? review : null),
};

export const ReviewReply: ReviewReplyResolvers = {
  body: (review) => review.replyBody ?? '',
  author: (review) => ({ __typename: 'User', id: review.replyAuthorId ?? '' }),
  createdAt: (review) => review.replyAt ?? review.createdAt,
};

export const OrderStatusChange: OrderStatusChangeResolvers = {
  actor: (change) => (change.actorId ? { __typename: 'User', id: change.actorId } : null),
};

export const LineItem: LineItemResolvers = {
  amount: (line) => line.quantity * line.unitAmount,
};
