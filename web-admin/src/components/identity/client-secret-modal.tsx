import { Alert, Button, CopyButton, Group, Modal, Stack, TextInput } from '@mantine/core';

export interface ClientSecretModalProps {
  /** The client and its new secret; the modal is closed when null. */
  shown: { clientId: string; name: string; secret: string } | null;
  onClose: () => void;
}

/** A confidential client's secret, shown this once: SSO keeps no readable copy. */
export function ClientSecretModal({ shown, onClose }: ClientSecretModalProps) {
  return (
    <Modal opened={shown !== null} onClose={onClose} title={shown ? `Client secret of ${shown.name}` : 'Client secret'} centered size="lg">
      {shown ? (
        <Stack gap="md">
          <Alert color="yellow" variant="light" role="note" title="Copy the secret now">
            It is shown only this once. If it is lost, rotate the secret and update the application.
          </Alert>
          <TextInput label="Client id" value={shown.clientId} readOnly ff="monospace" onFocus={(event) => event.currentTarget.select()} />
          <TextInput label="Client secret" value={shown.secret} readOnly ff="monospace" onFocus={(event) => event.currentTarget.select()} />
          <Group justify="flex-end" gap="sm">
            <CopyButton value={shown.secret}>
              {({ copied, copy }) => (
                <Button variant="default" onClick={copy}>
                  {copied ? 'Copied' : 'Copy secret'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
