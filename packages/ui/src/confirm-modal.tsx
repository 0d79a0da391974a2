import type { ErrorLike } from '@apollo/client';
import { Button, Group, Modal, Stack, type MantineColor } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorState } from './query-states';

export interface ConfirmModalProps {
  opened: boolean;
  /** The dialog's accessible name, e.g. "Delete client?". */
  title: string;
  /** What will happen, in words. */
  children: ReactNode;
  /** The confirming button's name, e.g. "Delete client". */
  confirmLabel: string;
  confirmColor?: MantineColor;
  /** While the action runs: the confirming button spins and the dialog stays open. */
  loading?: boolean;
  /** The action's failure, shown inside the dialog so it can be retried or cancelled. */
  error?: ErrorLike | undefined;
  onConfirm: () => void;
  onClose: () => void;
}

/** "Are you sure?" for actions that cannot be undone (delete, rotate a secret, end sessions). */
export function ConfirmModal({
  opened,
  title,
  children,
  confirmLabel,
  confirmColor = 'red',
  loading = false,
  error,
  onConfirm,
  onClose,
}: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={loading ? () => undefined : onClose} title={title} centered>
      <Stack gap="md">
        {children}
        {error ? <ErrorState error={error} title={`${confirmLabel} failed`} /> : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={loading}>
            Cancel
          </Button>
          <Button color={confirmColor} onClick={onConfirm} loading={loading}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
