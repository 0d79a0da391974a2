import type { NotificationResolvers } from '../generated/resolvers-types';

export const Notification: NotificationResolvers = {
  __resolveReference: (reference, { loaders }) => loaders.notificationById.load(reference.id),
  // A stub: the user subgraph resolves the rest of the recipient.
  recipient: (notification) => ({ __typename: 'User', id: notification.recipientId }),
};
