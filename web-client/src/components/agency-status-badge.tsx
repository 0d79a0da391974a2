import { StatusBadge } from '@market/ui';
import type { AgencyStatus } from '../gql/graphql';

const COLORS = { VERIFIED: 'teal', PENDING_REVIEW: 'yellow', SUSPENDED: 'red' } as const satisfies Record<AgencyStatus, string>;

export function AgencyStatusBadge({ status }: { status: AgencyStatus }) {
  return <StatusBadge status={status} colors={COLORS} />;
}
