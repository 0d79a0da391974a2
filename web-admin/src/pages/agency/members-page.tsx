import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Group, NativeSelect, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ConfirmModal, ErrorState, FormError, LoadingState, PageHeader, fieldErrors, formatDate, humanizeEnum } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { AgencySwitcher, useCurrentAgency } from '../../components/agency/current-agency';
import { graphql } from '../../gql';
import type { AgencyRole } from '../../gql/graphql';
import { useViewer } from '../../viewer';

const AgencyMembersDocument = graphql(`
  query AgencyMembers($id: ID!) {
    agency(id: $id) {
      id
      name
      viewerRole
      members {
        role
        joinedAt
        user {
          id
          email
        }
      }
      invitations {
        id
        email
        role
        status
        createdAt
        expiresAt
        invitedBy {
          id
          email
        }
      }
    }
  }
`);

const InviteAgencyMemberDocument = graphql(`
  mutation InviteAgencyMember($agencyId: ID!, $email: String!, $role: AgencyRole!) {
    inviteAgencyMember(agencyId: $agencyId, email: $email, role: $role) {
      id
      email
      role
      status
    }
  }
`);

const RevokeAgencyInvitationDocument = graphql(`
  mutation RevokeAgencyInvitation($id: ID!) {
    revokeAgencyInvitation(id: $id) {
      id
      status
    }
  }
`);

const RemoveAgencyMemberDocument = graphql(`
  mutation RemoveAgencyMember($agencyId: ID!, $userId: ID!) {
    removeAgencyMember(agencyId: $agencyId, userId: $userId) {
      id
      members {
        role
        joinedAt
        user {
          id
          email
        }
      }
    }
  }
`);

const INVITATION_COLORS = { PENDING: 'yellow', ACCEPTED: 'teal', REVOKED: 'gray', EXPIRED: 'gray' } as const;

function InviteForm({ agencyId }: { agencyId: string }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<AgencyRole>('STAFF');
  const [invite, { loading, error, reset }] = useMutation(InviteAgencyMemberDocument, {
    refetchQueries: ['AgencyMembers'],
    awaitRefetchQueries: true,
  });
  const errors = fieldErrors(error, ['email', 'role']);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset();
    invite({ variables: { agencyId, email: email.trim(), role } })
      .then(() => setEmail(''))
      .catch(() => undefined);
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} aria-label="Invite a member">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Invite a member
        </Title>
        <Group align="flex-end">
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={errors.fields.email}
            w={280}
          />
          <NativeSelect
            label="Role"
            value={role}
            onChange={(event) => setRole(event.currentTarget.value === 'OWNER' ? 'OWNER' : 'STAFF')}
            data={[
              { value: 'STAFF', label: 'Staff' },
              { value: 'OWNER', label: 'Owner' },
            ]}
            w={140}
          />
          <Button type="submit" loading={loading}>
            Send invitation
          </Button>
        </Group>
        <FormError title="Could not invite" messages={errors.messages} />
      </Stack>
    </Paper>
  );
}

/** Members and invitations; owners invite by email + role, revoke invitations and remove members. */
export function MembersPage() {
  const agency = useCurrentAgency();
  const viewer = useViewer();
  useDocumentTitle(`Members · ${agency.name}`);
  const { data, error, loading, refetch } = useQuery(AgencyMembersDocument, { variables: { id: agency.id } });
  const [revoke, revoking] = useMutation(RevokeAgencyInvitationDocument, { refetchQueries: ['AgencyMembers'], awaitRefetchQueries: true });
  const [remove, removing] = useMutation(RemoveAgencyMemberDocument, { refetchQueries: ['AgencyMembers'], awaitRefetchQueries: true });
  const [removeTarget, setRemoveTarget] = useState<{ id: string; email: string } | null>(null);
  const isOwner = data?.agency?.viewerRole === 'OWNER';

  const header = (
    <PageHeader title="Members" description={`Who works for ${agency.name}, and who is invited.`} actions={<AgencySwitcher />} />
  );
  if (error && !data)
    return (
      <Stack gap={0}>
        {header}
        <ErrorState error={error} onRetry={() => refetch()} />
      </Stack>
    );
  if (loading && !data)
    return (
      <Stack gap={0}>
        {header}
        <LoadingState />
      </Stack>
    );
  const members = data?.agency?.members ?? [];
  const invitations = data?.agency?.invitations ?? [];
  return (
    <Stack gap="lg">
      {header}
      <Paper withBorder radius="md">
        <Table aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Member</Table.Th>
              <Table.Th>Role</Table.Th>
              <Table.Th>Joined</Table.Th>
              {isOwner ? <Table.Th /> : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => (
              <Table.Tr key={member.user.id}>
                <Table.Td>{member.user.email}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={member.role === 'OWNER' ? 'indigo' : 'blue'}>
                    {humanizeEnum(member.role)}
                  </Badge>
                </Table.Td>
                <Table.Td>{formatDate(member.joinedAt)}</Table.Td>
                {isOwner ? (
                  <Table.Td ta="right">
                    {member.user.id === viewer.id ? null : (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setRemoveTarget({ id: member.user.id, email: member.user.email })}
                      >
                        Remove
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {isOwner ? (
        <>
          <InviteForm agencyId={agency.id} />
          <Stack gap="xs">
            <Title order={3} size="h4">
              Invitations
            </Title>
            {revoking.error ? <ErrorState error={revoking.error} title="Could not revoke the invitation" /> : null}
            {invitations.length === 0 ? (
              <Text c="dimmed" size="sm">
                No invitations yet.
              </Text>
            ) : (
              <Paper withBorder radius="md">
                <Table aria-label="Invitations">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Email</Table.Th>
                      <Table.Th>Role</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Invited</Table.Th>
                      <Table.Th>Expires</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {invitations.map((invitation) => (
                      <Table.Tr key={invitation.id}>
                        <Table.Td>{invitation.email}</Table.Td>
                        <Table.Td>{humanizeEnum(invitation.role)}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={INVITATION_COLORS[invitation.status]}>
                            {humanizeEnum(invitation.status)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {formatDate(invitation.createdAt)} by {invitation.invitedBy.email}
                        </Table.Td>
                        <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
                        <Table.Td ta="right">
                          {invitation.status === 'PENDING' ? (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              loading={revoking.loading}
                              onClick={() => void revoke({ variables: { id: invitation.id } }).catch(() => undefined)}
                              aria-label={`Revoke the invitation of ${invitation.email}`}
                            >
                              Revoke
                            </Button>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Paper>
            )}
          </Stack>
        </>
      ) : null}
      <ConfirmModal
        opened={removeTarget !== null}
        title={removeTarget ? `Remove ${removeTarget.email}?` : ''}
        confirmLabel="Remove member"
        loading={removing.loading}
        error={removing.error}
        onClose={() => {
          setRemoveTarget(null);
          removing.reset();
        }}
        onConfirm={() => {
          if (!removeTarget) return;
          remove({ variables: { agencyId: agency.id, userId: removeTarget.id } })
            .then(() => setRemoveTarget(null))
            .catch(() => undefined);
        }}
      >
        <Text size="sm">They lose access to {agency.name}'s orders, chats and back office at once.</Text>
      </ConfirmModal>
    </Stack>
  );
}
