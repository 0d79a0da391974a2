import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, ScrollArea, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { ConfirmModal, ErrorState, LoadingState, describeUserAgent, formatDateTime } from '@market/ui';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { SecuritySessionsQuery } from '../../gql/graphql';

const SecuritySessionsDocument = graphql(`
  query SecuritySessions {
    sessions {
      id
      current
      device
      userAgent
      ip
      createdAt
      lastSeenAt
    }
  }
`);

const RevokeSessionDocument = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

const RevokeOtherSessionsDocument = graphql(`
  mutation RevokeOtherSessions {
    revokeOtherSessions
  }
`);

type Session = SecuritySessionsQuery['sessions'][number];

function deviceName(session: Session): string {
  return session.device ?? describeUserAgent(session.userAgent) ?? session.userAgent ?? 'Unknown device';
}

/** Where the signed-in user is signed in; end any session but this one, or all others at once. */
export function SessionsSection() {
  const { data, error, refetch } = useQuery(SecuritySessionsDocument, { fetchPolicy: 'cache-and-network' });
  const [pending, setPending] = useState<Session | 'others' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [revoke, revoking] = useMutation(RevokeSessionDocument, {
    refetchQueries: ['SecuritySessions', 'SecurityActivity'],
    awaitRefetchQueries: true,
  });
  const [revokeOthers, revokingOthers] = useMutation(RevokeOtherSessionsDocument, {
    refetchQueries: ['SecuritySessions', 'SecurityActivity'],
    awaitRefetchQueries: true,
  });

  const close = () => {
    revoking.reset();
    revokingOthers.reset();
    setPending(null);
  };
  const confirm = () => {
    if (pending === null) return;
    if (pending === 'others') {
      void revokeOthers()
        .then((result) => {
          if (result.data === undefined) return;
          const count = result.data.revokeOtherSessions;
          setNotice(count === 1 ? 'Signed out 1 other session.' : `Signed out ${count} other sessions.`);
          close();
        })
        .catch(() => undefined);
      return;
    }
    const device = deviceName(pending);
    void revoke({ variables: { id: pending.id } })
      .then((result) => {
        if (result.data === undefined) return;
        setNotice(`Signed out ${device}.`);
        close();
      })
      .catch(() => undefined);
  };

  const sessions = data?.sessions;
  const others = sessions?.filter((session) => !session.current).length ?? 0;
  return (
    <Card component="section" aria-labelledby="sessions-heading">
      <Stack gap="md">
        <Group justify="space-between">
          <Title order={3} size="h4" id="sessions-heading">
            Where you are signed in
          </Title>
          <Button variant="light" color="red" disabled={others === 0} onClick={() => setPending('others')}>
            Sign out all other sessions
          </Button>
        </Group>
        {notice ? (
          <Text size="sm" c="teal.8" role="status">
            {notice}
          </Text>
        ) : null}
        {error && !sessions ? <ErrorState error={error} title="Could not load your sessions" onRetry={() => refetch()} /> : null}
        {!error && !sessions ? <LoadingState label="Loading sessions…" /> : null}
        {sessions ? (
          <ScrollArea type="auto">
            <Table aria-label="Sessions" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Device</Table.Th>
                  <Table.Th scope="col">IP address</Table.Th>
                  <Table.Th scope="col">Signed in</Table.Th>
                  <Table.Th scope="col">Last seen</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sessions.map((session) => (
                  <Table.Tr key={session.id}>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Text size="sm" fw={500} title={session.userAgent ?? undefined}>
                          {deviceName(session)}
                        </Text>
                        {session.current ? (
                          <Badge color="indigo" variant="light" miw="max-content">
                            This device
                          </Badge>
                        ) : null}
                      </Group>
                    </Table.Td>
                    <Table.Td ff="monospace">{session.ip ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.createdAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(session.lastSeenAt)}</Table.Td>
                    <Table.Td ta="right">
                      {session.current ? null : (
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setPending(session)}
                          aria-label={`Revoke session on ${deviceName(session)}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        ) : null}
      </Stack>
      <ConfirmModal
        opened={pending !== null}
        title={pending === 'others' ? 'Sign out all other sessions?' : 'Revoke this session?'}
        confirmLabel={pending === 'others' ? 'Sign out others' : 'Revoke session'}
        loading={revoking.loading || revokingOthers.loading}
        error={revoking.error ?? revokingOthers.error}
        onConfirm={confirm}
        onClose={close}
      >
        <Text size="sm">
          {pending === 'others'
            ? 'Every browser and device but this one will have to sign in again.'
            : pending
              ? `${deviceName(pending)} will have to sign in again.`
              : null}
        </Text>
      </ConfirmModal>
    </Card>
  );
}
