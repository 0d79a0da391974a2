import { useQuery } from '@apollo/client/react';
import { Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ConnectionTable, PageHeader, formatDate, useCursorPages, type Column } from '@market/ui';
import { PageSizeSelect } from '../components/page-size-select';
import { RoleBadges, UserStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';
import type { UsersTableQuery } from '../gql/graphql';
import { usePageSize } from '../hooks/use-page-size';

const UsersTableDocument = graphql(`
  query UsersTable($first: Int!, $after: String) {
    users(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          email
          roles
          status
          createdAt
          profile {
            displayName
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      totalCount
    }
  }
`);

type UserRow = UsersTableQuery['users']['edges'][number]['node'];

const COLUMNS: readonly Column<UserRow>[] = [
  {
    key: 'email',
    header: 'Email',
    render: (user) => (
      <Text size="sm" fw={500}>
        {user.email}
      </Text>
    ),
  },
  {
    key: 'name',
    header: 'Name',
    render: (user) =>
      user.profile ? (
        user.profile.displayName
      ) : (
        <Text size="sm" c="dimmed">
          No profile
        </Text>
      ),
  },
  { key: 'roles', header: 'Roles', render: (user) => <RoleBadges roles={user.roles} /> },
  { key: 'status', nowrap: true, header: 'Status', render: (user) => <UserStatusBadge status={user.status} /> },
  { key: 'created', nowrap: true, header: 'Joined', render: (user) => formatDate(user.createdAt) },
];

function UsersTable({ pageSize }: { pageSize: number }) {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(UsersTableDocument, {
    variables: { first: pageSize, after: pages.after },
    notifyOnNetworkStatusChange: true,
  });
  return (
    <ConnectionTable
      caption="Users"
      columns={COLUMNS}
      connection={(data ?? previousData)?.users}
      rowKey={(user) => user.id}
      pages={pages}
      pageSize={pageSize}
      loading={loading}
      error={error}
      onRetry={() => refetch()}
      emptyMessage="No users yet."
    />
  );
}

export function UsersPage() {
  useDocumentTitle('Users · Back office');
  const [pageSize, setPageSize] = usePageSize();
  return (
    <Stack gap={0}>
      <PageHeader
        title="Users"
        description="Everyone who can sign in, newest first."
        actions={<PageSizeSelect value={pageSize} onChange={setPageSize} />}
      />
      <UsersTable key={pageSize} pageSize={pageSize} />
    </Stack>
  );
}
