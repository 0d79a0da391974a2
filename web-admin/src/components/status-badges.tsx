import { Badge, Group } from '@mantine/core';
import { StatusBadge, humanizeEnum } from '@market/ui';
import type { AgencyStatus, DocumentStatus, OrderStatus, Role, UserStatus } from '../gql/graphql';

const ORDER_COLORS = {
  PENDING: 'yellow',
  ACCEPTED: 'blue',
  IN_PROGRESS: 'indigo',
  DELIVERED: 'cyan',
  COMPLETED: 'teal',
  CANCELLED: 'gray',
  DISPUTED: 'red',
  RESOLVED: 'grape',
  REFUNDED: 'orange',
} as const satisfies Record<OrderStatus, string>;

const USER_COLORS = {
  ACTIVE: 'teal',
  PENDING_VERIFICATION: 'yellow',
  SUSPENDED: 'orange',
  BLOCKED: 'red',
  DELETED: 'gray',
} as const satisfies Record<UserStatus, string>;

const AGENCY_COLORS = { VERIFIED: 'teal', PENDING_REVIEW: 'yellow', SUSPENDED: 'red' } as const satisfies Record<AgencyStatus, string>;

const ROLE_COLORS = { CUSTOMER: 'gray', AGENCY_STAFF: 'blue', AGENCY_OWNER: 'indigo', ADMIN: 'grape' } as const satisfies Record<
  Role,
  string
>;

export const OrderStatusBadge = ({ status }: { status: OrderStatus }) => <StatusBadge status={status} colors={ORDER_COLORS} />;
export const UserStatusBadge = ({ status }: { status: UserStatus }) => <StatusBadge status={status} colors={USER_COLORS} />;
export const AgencyStatusBadge = ({ status }: { status: AgencyStatus }) => <StatusBadge status={status} colors={AGENCY_COLORS} />;

export function RoleBadges({ roles }: { roles: readonly Role[] }) {
  return (
    <Group gap={4}>
      {roles.map((role) => (
        <Badge key={role} color={ROLE_COLORS[role]} variant="outline" size="sm">
          {humanizeEnum(role)}
        </Badge>
      ))}
    </Group>
  );
}

const DOCUMENT_COLORS = { PENDING: 'yellow', APPROVED: 'teal', REJECTED: 'red' } as const satisfies Record<DocumentStatus, string>;

export const DocumentStatusBadge = ({ status }: { status: DocumentStatus }) => <StatusBadge status={status} colors={DOCUMENT_COLORS} />;
