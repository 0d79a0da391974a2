import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, describeAuditEvent, formatDate, formatDateTime } from '@market/ui';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { UserRolesPopover } from '../components/identity/user-roles-popover';
import { STATUS_ACTIONS, UserStatusModal, statusActionsFor, type StatusAction } from '../components/identity/user-status-modal';
import { RoleBadges, UserStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';

const UserDetailDocument = graphql(`
  query UserDetail($id: ID!, $targetId: String!) {
    user(id: $id) {
      id
      email
      emailVerified
      roles
      status
      statusReason
      mfaEnabled
      createdAt
      lastLoginAt
      linkedIdentities {
        provider
        subject
        email
        linkedAt
      }
      profile {
        displayName
      }
    }
    recent: auditLog(filter: { targetId: $targetId }, first: 10) {
      edges {
        node {
          id
          type
          createdAt
          ip
          actor {
            id
            email
          }
        }
      }
      totalCount
    }
  }
`);

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm">
        {children}
      </Text>
    </Stack>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/users" size="sm">
      ← All users
    </Anchor>
  );
}

/** `/users/:id`: one account, its sign-in factors and the latest events about it, with the same actions as the list. */
export function UserPage() {
  const { id = '' } = useParams();
  const [action, setAction] = useState<StatusAction | null>(null);
  const { data, error, refetch } = useQuery(UserDetailDocument, { variables: { id, targetId: id }, fetchPolicy: 'cache-and-network' });
  const user = data?.user;
  useDocumentTitle(user ? `${user.email} · Back office` : 'User · Back office');

  if (error && !data) {
    return (
      <Stack>
        <BackLink />
        <ErrorState error={error} onRetry={() => refetch()} />
      </Stack>
    );
  }
  if (!data) return <LoadingState label="Loading user…" />;
  if (!user) {
    return (
      <Stack align="center" py="xl" gap="sm">
        <Title order={2}>User not found</Title>
        <Text c="dimmed">There is no user with id “{id}”.</Text>
        <BackLink />
      </Stack>
    );
  }

  const events = data.recent.edges;
  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{user.email}</Title>
          <Text c="dimmed">{user.profile?.displayName ?? 'No profile'}</Text>
        </Stack>
        <Group gap="xs">
          <UserRolesPopover user={user} />
          {statusActionsFor(user.status).map((next) => (
            <Button key={next} size="xs" variant="light" color={STATUS_ACTIONS[next].color} onClick={() => setAction(next)}>
              {STATUS_ACTIONS[next].label}
            </Button>
          ))}
        </Group>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card component="section" aria-labelledby="account-heading">
            <Title order={3} size="h4" id="account-heading" mb="md">
              Account
            </Title>
            <SimpleGrid cols={2} spacing="md">
              <Fact label="Status">
                <Stack gap={2} align="flex-start">
                  <UserStatusBadge status={user.status} />
                  {user.statusReason ? <Text size="xs">{user.statusReason}</Text> : null}
                </Stack>
              </Fact>
              <Fact label="Roles">
                <RoleBadges roles={user.roles} />
              </Fact>
              <Fact label="Email">{user.emailVerified ? 'Verified' : 'Not verified'}</Fact>
              <Fact label="Two-step verification">{user.mfaEnabled ? 'On' : 'Off'}</Fact>
              <Fact label="Joined">{formatDate(user.createdAt)}</Fact>
              <Fact label="Last sign-in">{user.lastLoginAt ? formatDateTime(user.lastLoginAt) : 'Never'}</Fact>
            </SimpleGrid>
            <Title order={4} size="h5" mt="lg" mb="xs">
              Linked accounts
            </Title>
            {user.linkedIdentities && user.linkedIdentities.length > 0 ? (
              <Stack component="ul" gap={4} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Linked accounts">
                {user.linkedIdentities.map((identity) => (
                  <Text component="li" size="sm" key={`${identity.provider}:${identity.subject}`}>
                    {identity.provider} · {identity.email ?? identity.subject} · {formatDate(identity.linkedAt)}
                  </Text>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                None
              </Text>
            )}
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Card component="section" aria-labelledby="events-heading">
            <Group justify="space-between" mb="md">
              <Title order={3} size="h4" id="events-heading">
                Latest events about this user
              </Title>
              <Anchor component={Link} to={`/audit-log?target=${encodeURIComponent(user.id)}`} size="sm">
                All {data.recent.totalCount} in the audit log
              </Anchor>
            </Group>
            {events.length === 0 ? (
              <Text size="sm" c="dimmed">
                No events yet.
              </Text>
            ) : (
              <Stack component="ol" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Latest events">
                {events.map(({ node }) => (
                  <Group component="li" key={node.id} justify="space-between" wrap="nowrap" align="flex-start">
                    <Stack gap={0}>
                      <Text size="sm" fw={500}>
                        {describeAuditEvent(node.type)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {[node.actor ? `by ${node.actor.email}` : null, node.ip].filter(Boolean).join(' · ')}
                      </Text>
                    </Stack>
                    <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(node.createdAt)}
                    </Text>
                  </Group>
                ))}
              </Stack>
            )}
          </Card>
        </Grid.Col>
      </Grid>
      <UserStatusModal user={action ? user : null} action={action} onClose={() => setAction(null)} />
    </Stack>
  );
}
