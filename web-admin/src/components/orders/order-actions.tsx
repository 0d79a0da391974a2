import { useMutation } from '@apollo/client/react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import { ConfirmModal, humanizeEnum } from '@market/ui';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { OrderAction } from '../../gql/graphql';

const BackOfficeTransitionOrderDocument = graphql(`
  mutation BackOfficeTransitionOrder($id: ID!, $action: OrderAction!, $note: String) {
    transitionOrder(id: $id, action: $action, note: $note) {
      id
      status
      availableActions
      updatedAt
      statusHistory {
        from
        to
        action
        actorRole
        note
        at
        actor {
          id
          email
        }
      }
    }
  }
`);

/** Actions that end or contest the order: red, and worth a second look. */
const DESTRUCTIVE: ReadonlySet<OrderAction> = new Set(['CANCEL', 'DISPUTE', 'REFUND']);

const EXPLANATIONS: Record<OrderAction, string> = {
  ACCEPT: 'The agency takes the order on.',
  START: 'Work on the order begins.',
  DELIVER: 'The work is done and handed over; the customer can complete the order.',
  COMPLETE: 'The customer confirms the delivery.',
  CANCEL: 'The order is cancelled. This cannot be undone.',
  DISPUTE: 'The order is disputed and waits for an admin.',
  RESOLVE: 'The dispute is settled.',
  REFUND: 'The customer is refunded. This cannot be undone.',
};

export interface OrderActionButtonsProps {
  order: { id: string; number: string; availableActions: readonly OrderAction[] };
  /** Queries to refetch after a transition (the board's columns, stats, lists). */
  refetchQueries?: string[];
  size?: 'xs' | 'sm';
}

/** One button per action the server allows the viewer now (`availableActions`); each asks for a note and a confirmation. */
export function OrderActionButtons({ order, refetchQueries = [], size = 'xs' }: OrderActionButtonsProps) {
  const [action, setAction] = useState<OrderAction | null>(null);
  const [note, setNote] = useState('');
  const [transition, { loading, error, reset }] = useMutation(BackOfficeTransitionOrderDocument, {
    refetchQueries,
    awaitRefetchQueries: true,
  });
  const close = () => {
    setAction(null);
    setNote('');
    reset();
  };
  if (order.availableActions.length === 0) return null;
  return (
    <>
      <Group gap={6} role="group" aria-label={`Actions for ${order.number}`}>
        {order.availableActions.map((candidate) => (
          <Button
            key={candidate}
            size={size}
            variant={DESTRUCTIVE.has(candidate) ? 'light' : 'filled'}
            color={DESTRUCTIVE.has(candidate) ? 'red' : 'blue'}
            onClick={() => setAction(candidate)}
          >
            {humanizeEnum(candidate)}
          </Button>
        ))}
      </Group>
      <ConfirmModal
        opened={action !== null}
        title={action ? `${humanizeEnum(action)} ${order.number}?` : ''}
        confirmLabel={action ? humanizeEnum(action) : ''}
        confirmColor={action && DESTRUCTIVE.has(action) ? 'red' : 'blue'}
        loading={loading}
        error={error}
        onClose={close}
        onConfirm={() => {
          if (!action) return;
          const trimmed = note.trim();
          transition({ variables: { id: order.id, action, note: trimmed === '' ? null : trimmed } })
            .then(close)
            .catch(() => undefined);
        }}
      >
        {action ? <Text size="sm">{EXPLANATIONS[action]}</Text> : null}
        <Textarea
          label="Note"
          description="Optional; kept in the order's history."
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          autosize
          minRows={2}
        />
      </ConfirmModal>
    </>
  );
}
