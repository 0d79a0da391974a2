import { StatusBadge } from '@market/ui';
import type { OrderStatus } from '../../gql/graphql';

const COLORS = {
  PENDING: 'yellow',
  ACCEPTED: 'blue',
  IN_PROGRESS: 'indigo',
  DELIVERED: 'violet',
  COMPLETED: 'teal',
  CANCELLED: 'gray',
  DISPUTED: 'red',
  RESOLVED: 'green',
  REFUNDED: 'orange',
} as const satisfies Record<OrderStatus, string>;

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  return <StatusBadge status={status} colors={COLORS} />;
}
