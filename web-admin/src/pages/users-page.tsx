import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Menu, MultiSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDocumentTitle } from '@mantine/hooks';
import { ConnectionTable, PageHeader, formatDate, humanizeEnum, useCursorPages, type Column } from '@market/ui';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { UserRolesPopover } from '../components/identity/user-roles-popover';
import { STATUS_ACTIONS, UserStatusModal, statusActionsFor, type StatusAction } from '../components/identity/user-status-modal';
import { PageSizeSelect } from '../components/page-size-select';
import { RoleBadges, UserStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';
import { Role, UserStatus, type UserFilter, type UsersTableQuery } from '../gql/graphql';
import { usePageSize } from '../hooks/use-page-size';

const UsersTableDocument = graphql(`
  query UsersTable($first: Int!, $after: String, $filter: UserFilter) {
    users(first: $first, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          email
          roles
          status
          statusReason
          createdAt
          lastLoginAt
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

const STATUSES = Object.values(UserStatus);
const ROLES = Object.values(Role);

const isStatus = (value: string): value is UserStatus => STATUSES.some((status) => status === value);
const isRole = (value: string): value is Role => ROLES.some((role) => role === value);

/** The filter in the URL (`?q=ada&status=SUSPENDED&status=BLOCKED&role=ADMIN`), unknown values dropped. */
export function usersFilterFromParams(params: URLSearchParams): { search: string; statuses: UserStatus[]; roles: Role[] } {
  return {
    search: params.get('q')?.trim() ?? '',
    statuses: params.getAll('status').filter(isStatus),
    roles: params.getAll('role').filter(isRole),
  };
}

function UserActions({ user, onAction }: { user: UserRow; onAction: (user: UserRow, action: StatusAction) => void }) {
  return (
    <Group gap="xs" wrap="nowrap" justify="flex-end">
      <UserRolesPopover user={user} />
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button size="xs" variant="default" aria-label={`Status actions for ${user.email}`}>
            Status…
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {statusActionsFor(user.status).map((action) => (
            <Menu.Item
              key={action}
              color={action === 'reactivate' ? undefined : STATUS_ACTIONS[action].color}
              onClick={() => onAction(user, action)}
            >
              {STATUS_ACTIONS[action].label}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}

function columns(onAction: (user: UserRow, action: StatusAction) => void): readonly Column<UserRow>[] {
  return [
    {
      key: 'email',
      header: 'Email',
      render: (user) => (
        <Anchor component={Link} to={`/users/${encodeURIComponent(user.id)}`} size="sm" fw={500}>
          {user.email}
        </Anchor>
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
    {
      key: 'status',
      header: 'Status',
      render: (user) => (
        <Stack gap={2}>
          <UserStatusBadge status={user.status} />
          {user.statusReason ? (
            <Text size="xs" c="dimmed" maw={220} lineClamp={2} title={user.statusReason}>
              {user.statusReason}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'created', nowrap: true, header: 'Joined', render: (user) => formatDate(user.createdAt) },
    {
      key: 'lastLogin',
      nowrap: true,
      header: 'Last sign-in',
      render: (user) => (user.lastLoginAt ? formatDate(user.lastLoginAt) : '—'),
    },
    { key: 'actions', header: 'Actions', align: 'right', render: (user) => <UserActions user={user} onAction={onAction} /> },
  ];
}

function UsersTable({ pageSize, filter, caption }: { pageSize: number; filter: UserFilter | null; caption: string }) {
  const pages = useCursorPages();
  const [pending, setPending] = useState<{ user: UserRow; action: StatusAction } | null>(null);
  const cols = useMemo(() => columns((user, action) => setPending({ user, action })), []);
  const { data, previousData, loading, error, refetch } = useQuery(UsersTableDocument, {
    variables: { first: pageSize, after: pages.after, filter },
    notifyOnNetworkStatusChange: true,
  });
  return (
    <>
      <ConnectionTable
        caption={caption}
        columns={cols}
        connection={(data ?? previousData)?.users}
        rowKey={(user) => user.id}
        pages={pages}
        pageSize={pageSize}
        loading={loading}
        error={error}
        onRetry={() => refetch()}
        emptyMessage={filter ? 'No users match these filters.' : 'No users yet.'}
      />
      <UserStatusModal user={pending?.user ?? null} action={pending?.action ?? null} onClose={() => setPending(null)} />
    </>
  );
}

/** `/users`: search by email, filter by status and role, change status and roles. */
export function UsersPage() {
  useDocumentTitle('Users · Back office');
  const [pageSize, setPageSize] = usePageSize();
  const [params, setParams] = useSearchParams();
  const { search, statuses, roles } = usersFilterFromParams(params);
  const [typed, setTyped] = useState(search);
  const [debounced] = useDebouncedValue(typed.trim(), 300);

  const update = (change: (next: URLSearchParams) => void) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      change(next);
      return next;
    });

  useEffect(() => {
    if (debounced === search) return;
    update((next) => {
      if (debounced === '') next.delete('q');
      else next.set('q', debounced);
    });
    // Only the typed text drives this; the URL side is read fresh inside `update`.
  }, [debounced]);

  const setList = (key: 'status' | 'role', values: string[]) =>
    update((next) => {
      next.delete(key);
      for (const value of values) next.append(key, value);
    });

  const filter: UserFilter | null =
    search === '' && statuses.length === 0 && roles.length === 0
      ? null
      : { ...(search ? { search } : {}), ...(statuses.length > 0 ? { statuses } : {}), ...(roles.length > 0 ? { roles } : {}) };
  const filtered = filter !== null;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Users"
        description="Everyone who can sign in, newest first."
        actions={<PageSizeSelect value={pageSize} onChange={setPageSize} />}
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label="Search by email"
          placeholder="Part of an email"
          value={typed}
          onChange={(event) => setTyped(event.currentTarget.value)}
          w={260}
        />
        <MultiSelect
          label="Status"
          placeholder={statuses.length === 0 ? 'Any status' : undefined}
          data={STATUSES.map((value) => ({ value, label: humanizeEnum(value) }))}
          value={statuses}
          onChange={(values) => setList('status', values)}
          clearable
          w={280}
        />
        <MultiSelect
          label="Role"
          placeholder={roles.length === 0 ? 'Any role' : undefined}
          data={ROLES.map((value) => ({ value, label: humanizeEnum(value) }))}
          value={roles}
          onChange={(values) => setList('role', values)}
          clearable
          w={280}
        />
        {filtered ? (
          <Button
            variant="subtle"
            onClick={() => {
              setTyped('');
              update((next) => ['q', 'status', 'role'].forEach((key) => next.delete(key)));
            }}
          >
            Clear filters
          </Button>
        ) : null}
      </Group>
      {/* A new filter starts again at the first page: remounting drops the cursor stack. */}
      <UsersTable
        key={`${JSON.stringify(filter)}:${pageSize}`}
        pageSize={pageSize}
        filter={filter}
        caption={filtered ? 'Matching users' : 'Users'}
      />
    </Stack>
  );
}
