import { Text, Timeline } from '@mantine/core';
import { formatDateTime, humanizeEnum } from '@market/ui';
import type { OrderAction, OrderPageQuery } from '../../gql/graphql';

type Change = NonNullable<OrderPageQuery['order']>['statusHistory'][number];

const DONE: Record<OrderAction, string> = {
  ACCEPT: 'Accepted',
  START: 'Started',
  DELIVER: 'Delivered',
  COMPLETE: 'Completed',
  CANCEL: 'Cancelled',
  DISPUTE: 'Disputed',
  RESOLVE: 'Resolved',
  REFUND: 'Refunded',
};

function who(change: Change): string {
  const name = change.actor?.profile?.displayName;
  const side = change.actorRole === 'SYSTEM' ? 'the platform' : `the ${change.actorRole.toLowerCase()}`;
  return name ? `${name} (${change.actorRole.toLowerCase()})` : side;
}

/** Every status change, oldest first: what happened, who did it, when, and their note. */
export function StatusTimeline({ history }: { history: readonly Change[] }) {
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2} aria-label="Status history">
      {history.map((change, index) => (
        <Timeline.Item
          key={`${change.at}-${index}`}
          title={change.from ? `${humanizeEnum(change.from)} → ${humanizeEnum(change.to)}` : `Placed (${humanizeEnum(change.to)})`}
        >
          <Text size="xs" c="dimmed">
            {change.action ? `${DONE[change.action]} by ` : 'By '}
            {who(change)} · {formatDateTime(change.at)}
          </Text>
          {change.note ? (
            <Text size="sm" mt={4}>
              “{change.note}”
            </Text>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
