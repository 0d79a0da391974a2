import { useMutation } from '@apollo/client/react';
import { Button, Group, Text, Textarea } from '@mantine/core';
import { ConfirmModal } from '@market/ui';
import { useState } from 'react';
import { graphql } from '../../gql';
import { OrderAction } from '../../gql/graphql';

const TransitionOrderDocument = graphql(`
  mutation TransitionOrder($id: ID!, $action: OrderAction!, $note: String) {
    transitionOrder(id: $id, action: $action, note: $note) {
      id
      status
      updatedAt
      availableActions
      statusHistory {
        from
        to
        action
        actorRole
        note
        at
        actor {
          id
          profile {
            displayName
          }
        }
      }
    }
  }
`);

/** The customer's side of the state machine; the agency's actions live in web-admin. */
const CUSTOMER_ACTIONS = {
  [OrderAction.Complete]: {
    button: 'Mark as completed',
    title: 'Complete this order?',
    text: 'Confirm that the agency delivered what you ordered. You can review the agency afterwards.',
    confirm: 'Complete order',
    color: 'teal',
    noteRequired: false,
  },
  [OrderAction.Cancel]: {
    button: 'Cancel order',
    title: 'Cancel this order?',
    text: 'The agency is told that you cancelled. This cannot be undone.',
    confirm: 'Cancel order',
    color: 'red',
    noteRequired: false,
  },
  [OrderAction.Dispute]: {
    button: 'Open a dispute',
    title: 'Open a dispute?',
    text: 'Tell us what went wrong. Support looks at the order and the conversation and resolves it with you and the agency.',
    confirm: 'Open dispute',
    color: 'orange',
    noteRequired: true,
  },
} as const;

type CustomerAction = keyof typeof CUSTOMER_ACTIONS;

const isCustomerAction = (action: OrderAction): action is CustomerAction => action in CUSTOMER_ACTIONS;

/** Whether the customer has anything to do (the agency's own actions are not offered here). */
export const hasCustomerActions = (available: readonly OrderAction[]): boolean => available.some(isCustomerAction);

/** Buttons for the actions the signed-in user may take now (from `availableActions`), each confirmed in a dialog. */
export function OrderActions({ orderId, available }: { orderId: string; available: readonly OrderAction[] }) {
  const [pending, setPending] = useState<CustomerAction | null>(null);
  const [note, setNote] = useState('');
  const [noteProblem, setNoteProblem] = useState<string | null>(null);
  const [transition, { loading, error, reset }] = useMutation(TransitionOrderDocument, {
    // The list of orders shows statuses: load it again when it is next shown.
    update: (cache) => {
      cache.evict({ id: 'ROOT_QUERY', fieldName: 'orders' });
      cache.gc();
    },
  });
  const actions = available.filter(isCustomerAction);
  if (actions.length === 0) return null;

  const open = (action: CustomerAction) => {
    reset();
    setNote('');
    setNoteProblem(null);
    setPending(action);
  };
  const close = () => {
    reset();
    setPending(null);
  };
  const confirm = () => {
    if (!pending) return;
    const spec = CUSTOMER_ACTIONS[pending];
    if (spec.noteRequired && note.trim() === '') {
      setNoteProblem('Say what went wrong.');
      return;
    }
    transition({ variables: { id: orderId, action: pending, note: note.trim() || null } })
      .then((result) => {
        if (result.data) setPending(null);
      })
      .catch(() => undefined);
  };
  const spec = pending ? CUSTOMER_ACTIONS[pending] : null;

  return (
    <>
      <Group gap="sm">
        {actions.map((action) => (
          <Button
            key={action}
            variant={action === OrderAction.Complete ? 'filled' : 'light'}
            color={CUSTOMER_ACTIONS[action].color}
            onClick={() => open(action)}
          >
            {CUSTOMER_ACTIONS[action].button}
          </Button>
        ))}
      </Group>
      <ConfirmModal
        opened={spec !== null}
        title={spec?.title ?? ''}
        confirmLabel={spec?.confirm ?? ''}
        confirmColor={spec?.color ?? 'red'}
        loading={loading}
        error={error}
        onConfirm={confirm}
        onClose={close}
      >
        <Text size="sm">{spec?.text}</Text>
        <Textarea
          label={spec?.noteRequired ? 'What went wrong?' : 'Note (optional)'}
          required={spec?.noteRequired ?? false}
          autosize
          minRows={2}
          value={note}
          onChange={(event) => {
            setNote(event.currentTarget.value);
            setNoteProblem(null);
          }}
          error={noteProblem}
        />
      </ConfirmModal>
    </>
  );
}
