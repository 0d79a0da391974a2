import { useMutation } from '@apollo/client/react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { FormError, fieldErrors } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import type { UserStatus } from '../../gql/graphql';

const SetUserStatusDocument = graphql(`
  mutation SetUserStatus($id: ID!, $status: UserStatus!, $reason: String) {
    setUserStatus(id: $id, status: $status, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);

/** What an admin can do to an account's status, and how each action is worded. */
export const STATUS_ACTIONS = {
  suspend: {
    label: 'Suspend',
    status: 'SUSPENDED',
    reasonRequired: true,
    color: 'orange',
    effect: 'They cannot sign in until reactivated.',
  },
  block: { label: 'Block', status: 'BLOCKED', reasonRequired: true, color: 'red', effect: 'They cannot sign in again unless reactivated.' },
  reactivate: { label: 'Reactivate', status: 'ACTIVE', reasonRequired: false, color: 'teal', effect: 'They can sign in again.' },
  delete: {
    label: 'Delete',
    status: 'DELETED',
    reasonRequired: true,
    color: 'red',
    effect: 'The account is closed; its orders and messages are kept for the records.',
  },
} as const satisfies Record<string, { label: string; status: UserStatus; reasonRequired: boolean; color: string; effect: string }>;

export type StatusAction = keyof typeof STATUS_ACTIONS;

/** The actions that change something for a user in `status` (no "Suspend" for a suspended user …). */
export function statusActionsFor(status: UserStatus): StatusAction[] {
  return (Object.keys(STATUS_ACTIONS) as StatusAction[]).filter((action) => STATUS_ACTIONS[action].status !== status);
}

export interface UserStatusModalProps {
  user: { id: string; email: string } | null;
  action: StatusAction | null;
  onClose: () => void;
}

/** Asks for the reason (required except to reactivate), then sets the status; the tables refresh. */
export function UserStatusModal({ user, action, onClose }: UserStatusModalProps) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const [setStatus, { loading, error, reset }] = useMutation(SetUserStatusDocument, {
    refetchQueries: ['UsersTable', 'AuditLog', 'UserDetail'],
    awaitRefetchQueries: true,
  });
  const { fields, messages } = fieldErrors(error, ['reason']);
  const spec = action ? STATUS_ACTIONS[action] : null;

  const close = () => {
    setReason('');
    setMissing(null);
    reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!user || !spec) return;
    const trimmed = reason.trim();
    if (spec.reasonRequired && trimmed === '') {
      setMissing(`Say why you ${spec.label.toLowerCase()} this account; the reason is recorded in the audit log.`);
      return;
    }
    setMissing(null);
    void setStatus({ variables: { id: user.id, status: spec.status, reason: trimmed === '' ? null : trimmed } })
      .then((result) => {
        if (result.data) close();
      })
      .catch(() => undefined);
  };

  return (
    <Modal opened={user !== null && spec !== null} onClose={close} title={spec && user ? `${spec.label} ${user.email}?` : ''} centered>
      {spec ? (
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Text size="sm">{spec.effect}</Text>
            <Textarea
              label="Reason"
              description={spec.reasonRequired ? 'Required. Kept with the account and in the audit log.' : 'Optional.'}
              required={spec.reasonRequired}
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={missing ?? fields.reason}
              data-autofocus
            />
            <FormError title={`Could not ${spec.label.toLowerCase()} the account`} messages={messages} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={loading}>
                Cancel
              </Button>
              <Button type="submit" color={spec.color} loading={loading}>
                {spec.label}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}
