import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, Paper, ScrollArea, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ConfirmModal, ErrorState, LoadingState, PageHeader, formatDate, humanizeEnum } from '@market/ui';
import { useState } from 'react';
import { ClientSecretModal } from '../components/identity/client-secret-modal';
import { EMPTY_CLIENT_FORM, OAuthClientFormModal, lines, type ClientForm } from '../components/identity/oauth-client-form';
import { graphql } from '../gql';
import { OAuthClientType, type OAuthClientsQuery } from '../gql/graphql';

const OAuthClientsDocument = graphql(`
  query OAuthClients {
    oauthClients {
      id
      name
      type
      firstParty
      grantTypes
      redirectUris
      postLogoutRedirectUris
      scopes
      createdAt
      updatedAt
    }
  }
`);

const CreateOAuthClientDocument = graphql(`
  mutation CreateOAuthClient($input: CreateOAuthClientInput!) {
    createOAuthClient(input: $input) {
      client {
        id
        name
      }
      clientSecret
    }
  }
`);

const UpdateOAuthClientDocument = graphql(`
  mutation UpdateOAuthClient($id: ID!, $input: UpdateOAuthClientInput!) {
    updateOAuthClient(id: $id, input: $input) {
      id
      name
      redirectUris
      postLogoutRedirectUris
      scopes
      updatedAt
    }
  }
`);

const RotateOAuthClientSecretDocument = graphql(`
  mutation RotateOAuthClientSecret($id: ID!) {
    rotateOAuthClientSecret(id: $id) {
      client {
        id
        name
      }
      clientSecret
    }
  }
`);

const DeleteOAuthClientDocument = graphql(`
  mutation DeleteOAuthClient($id: ID!) {
    deleteOAuthClient(id: $id)
  }
`);

type Client = OAuthClientsQuery['oauthClients'][number];

const REFRESH = { refetchQueries: ['OAuthClients', 'AuditLog'], awaitRefetchQueries: true };

function formOf(client: Client): ClientForm {
  return {
    name: client.name,
    type: client.type,
    grantTypes: [...client.grantTypes],
    redirectUris: client.redirectUris.join('\n'),
    postLogoutRedirectUris: client.postLogoutRedirectUris.join('\n'),
    scopes: [...client.scopes],
  };
}

function UriList({ uris }: { uris: readonly string[] }) {
  if (uris.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Stack gap={0}>
      {uris.map((uri) => (
        <Text key={uri} size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {uri}
        </Text>
      ))}
    </Stack>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit' | 'rotate' | 'delete'; client: Client } | null;

/** `/oauth-clients`: the apps registered with SSO; first-party apps are configured in code and read-only. */
export function OAuthClientsPage() {
  useDocumentTitle('OAuth clients · Back office');
  const { data, error, refetch } = useQuery(OAuthClientsDocument, { fetchPolicy: 'cache-and-network' });
  const [dialog, setDialog] = useState<Dialog>(null);
  const [secret, setSecret] = useState<{ clientId: string; name: string; secret: string } | null>(null);
  const [create, creating] = useMutation(CreateOAuthClientDocument, REFRESH);
  const [update, updating] = useMutation(UpdateOAuthClientDocument, REFRESH);
  const [rotate, rotating] = useMutation(RotateOAuthClientSecretDocument, REFRESH);
  const [remove, removing] = useMutation(DeleteOAuthClientDocument, REFRESH);

  const close = () => {
    creating.reset();
    updating.reset();
    rotating.reset();
    removing.reset();
    setDialog(null);
  };

  const submitCreate = (form: ClientForm) => {
    const input = {
      name: form.name.trim(),
      type: form.type,
      grantTypes: form.grantTypes,
      redirectUris: lines(form.redirectUris),
      postLogoutRedirectUris: lines(form.postLogoutRedirectUris),
      scopes: form.scopes,
    };
    void create({ variables: { input } })
      .then((result) => {
        const created = result.data?.createOAuthClient;
        if (!created) return;
        close();
        if (created.clientSecret) setSecret({ clientId: created.client.id, name: created.client.name, secret: created.clientSecret });
      })
      .catch(() => undefined);
  };

  const submitEdit = (client: Client, form: ClientForm) => {
    const input = {
      name: form.name.trim(),
      redirectUris: lines(form.redirectUris),
      postLogoutRedirectUris: lines(form.postLogoutRedirectUris),
      scopes: form.scopes,
    };
    void update({ variables: { id: client.id, input } })
      .then((result) => {
        if (result.data) close();
      })
      .catch(() => undefined);
  };

  const confirmRotate = (client: Client) => {
    void rotate({ variables: { id: client.id } })
      .then((result) => {
        const rotated = result.data?.rotateOAuthClientSecret;
        if (!rotated) return;
        close();
        if (rotated.clientSecret) setSecret({ clientId: rotated.client.id, name: rotated.client.name, secret: rotated.clientSecret });
      })
      .catch(() => undefined);
  };

  const confirmDelete = (client: Client) => {
    void remove({ variables: { id: client.id } })
      .then((result) => {
        if (result.data) close();
      })
      .catch(() => undefined);
  };

  const clients = data?.oauthClients;
  return (
    <Stack gap={0}>
      <PageHeader
        title="OAuth clients"
        description="Applications that sign people in through SSO or call the API as a service."
        actions={<Button onClick={() => setDialog({ kind: 'create' })}>New OAuth client</Button>}
      />
      {error && !clients ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {!error && !clients ? <LoadingState label="Loading clients…" /> : null}
      {clients ? (
        <Paper radius="md">
          <ScrollArea type="auto">
            <Table aria-label="OAuth clients" verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Type</Table.Th>
                  <Table.Th scope="col">Grant types</Table.Th>
                  <Table.Th scope="col">Redirect URIs</Table.Th>
                  <Table.Th scope="col">Scopes</Table.Th>
                  <Table.Th scope="col">Created</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clients.map((client) => (
                  <Table.Tr key={client.id}>
                    <Table.Td>
                      <Stack gap={2}>
                        <Text size="sm" fw={600}>
                          {client.name}
                        </Text>
                        <Text size="xs" ff="monospace" c="dimmed">
                          {client.id}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={4} align="flex-start">
                        <Badge variant="light" color={client.type === OAuthClientType.Public ? 'blue' : 'grape'} miw="max-content">
                          {humanizeEnum(client.type)}
                        </Badge>
                        {client.firstParty ? (
                          <Badge variant="outline" color="gray" miw="max-content">
                            First-party · read-only
                          </Badge>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{client.grantTypes.map(humanizeEnum).join(', ')}</Text>
                    </Table.Td>
                    <Table.Td>
                      <UriList uris={client.redirectUris} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {client.scopes.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        ) : (
                          client.scopes.map((scope) => (
                            <Badge key={scope} size="sm" variant="default" tt="none">
                              {scope}
                            </Badge>
                          ))
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{client.createdAt ? formatDate(client.createdAt) : '—'}</Table.Td>
                    <Table.Td>
                      {client.firstParty ? null : (
                        <Group gap="xs" wrap="nowrap" justify="flex-end">
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setDialog({ kind: 'edit', client })}
                            aria-label={`Edit ${client.name}`}
                          >
                            Edit
                          </Button>
                          {client.type === OAuthClientType.Confidential ? (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setDialog({ kind: 'rotate', client })}
                              aria-label={`Rotate secret of ${client.name}`}
                            >
                              Rotate secret
                            </Button>
                          ) : null}
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            onClick={() => setDialog({ kind: 'delete', client })}
                            aria-label={`Delete ${client.name}`}
                          >
                            Delete
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      ) : null}

      <OAuthClientFormModal
        key={dialog?.kind === 'edit' ? `edit:${dialog.client.id}` : dialog?.kind === 'create' ? 'create' : 'closed'}
        opened={dialog?.kind === 'create' || dialog?.kind === 'edit'}
        title={dialog?.kind === 'edit' ? `Edit ${dialog.client.name}` : 'New OAuth client'}
        initial={dialog?.kind === 'edit' ? formOf(dialog.client) : EMPTY_CLIENT_FORM}
        editing={dialog?.kind === 'edit'}
        submitLabel={dialog?.kind === 'edit' ? 'Save changes' : 'Create client'}
        loading={creating.loading || updating.loading}
        error={dialog?.kind === 'edit' ? updating.error : creating.error}
        onSubmit={(form) => {
          if (dialog?.kind === 'edit') submitEdit(dialog.client, form);
          else submitCreate(form);
        }}
        onClose={close}
      />
      <ConfirmModal
        opened={dialog?.kind === 'rotate'}
        title={dialog?.kind === 'rotate' ? `Rotate the secret of ${dialog.client.name}?` : 'Rotate secret?'}
        confirmLabel="Rotate secret"
        loading={rotating.loading}
        error={rotating.error}
        onConfirm={() => {
          if (dialog?.kind === 'rotate') confirmRotate(dialog.client);
        }}
        onClose={close}
      >
        <Text size="sm">The current secret stops working at once; the application needs the new one to get tokens.</Text>
      </ConfirmModal>
      <ConfirmModal
        opened={dialog?.kind === 'delete'}
        title={dialog?.kind === 'delete' ? `Delete ${dialog.client.name}?` : 'Delete client?'}
        confirmLabel="Delete client"
        loading={removing.loading}
        error={removing.error}
        onConfirm={() => {
          if (dialog?.kind === 'delete') confirmDelete(dialog.client);
        }}
        onClose={close}
      >
        <Text size="sm">Every grant and token issued to it is revoked. This cannot be undone.</Text>
      </ConfirmModal>
      <ClientSecretModal shown={secret} onClose={() => setSecret(null)} />
    </Stack>
  );
}
