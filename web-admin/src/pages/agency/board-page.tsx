import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Box, Card, Group, Paper, ScrollArea, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, PageHeader, formatDate, formatMoney, humanizeEnum } from '@market/ui';
import { Link } from 'react-router';
import { AgencySwitcher, useCurrentAgency } from '../../components/agency/current-agency';
import { OrderActionButtons } from '../../components/orders/order-actions';
import { OrderStatusBadge } from '../../components/status-badges';
import { graphql } from '../../gql';
import type { BoardOrderFieldsFragment, OrderStatus } from '../../gql/graphql';

const AgencyBoardDocument = graphql(`
  query AgencyBoard($agencyId: ID!, $first: Int!) {
    pending: orders(filter: { agencyId: $agencyId, status: [PENDING] }, first: $first) {
      totalCount
      edges {
        node {
          ...BoardOrderFields
        }
      }
    }
    accepted: orders(filter: { agencyId: $agencyId, status: [ACCEPTED] }, first: $first) {
      totalCount
      edges {
        node {
          ...BoardOrderFields
        }
      }
    }
    inProgress: orders(filter: { agencyId: $agencyId, status: [IN_PROGRESS] }, first: $first) {
      totalCount
      edges {
        node {
          ...BoardOrderFields
        }
      }
    }
    delivered: orders(filter: { agencyId: $agencyId, status: [DELIVERED] }, first: $first) {
      totalCount
      edges {
        node {
          ...BoardOrderFields
        }
      }
    }
    disputed: orders(filter: { agencyId: $agencyId, status: [DISPUTED] }, first: $first) {
      totalCount
      edges {
        node {
          ...BoardOrderFields
        }
      }
    }
    done: orders(filter: { agencyId: $agencyId, status: [COMPLETED, CANCELLED, RESOLVED, REFUNDED] }, first: $first) {
      totalCount
      edges {
        node {
          ...BoardOrderFields
        }
      }
    }
  }
`);

const AgencyStatsDocument = graphql(`
  query AgencyStats($agencyId: ID!) {
    agency(id: $agencyId) {
      id
      stats {
        byStatus {
          status
          count
        }
        revenue {
          amount
          currency
        }
        averageRating
        reviewCount
      }
    }
  }
`);

/** How many cards each column shows; the column header says how many there are in all. */
const CARDS_PER_COLUMN = 25;

const COLUMNS = [
  { key: 'pending', title: 'Pending' },
  { key: 'accepted', title: 'Accepted' },
  { key: 'inProgress', title: 'In progress' },
  { key: 'delivered', title: 'Delivered' },
  { key: 'disputed', title: 'Disputed' },
  { key: 'done', title: 'Done' },
] as const;

const REFETCH = ['AgencyBoard', 'AgencyStats'];

function OrderCard({ order, showStatus }: { order: BoardOrderFieldsFragment; showStatus: boolean }) {
  return (
    <Card withBorder padding="sm" radius="md" component="article" aria-label={order.number}>
      <Stack gap={6}>
        <Group justify="space-between" gap={4}>
          <Anchor component={Link} to={`/orders/${order.id}`} ff="monospace" size="xs" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {order.number}
          </Anchor>
          {/* Every other column is one status; "Done" mixes four. */}
          {showStatus ? <OrderStatusBadge status={order.status} /> : null}
        </Group>
        <Text size="sm" fw={500} lineClamp={2}>
          {order.title}
        </Text>
        <Group justify="space-between" gap="xs">
          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(order.amount, order.currency)}
          </Text>
          {order.dueDate ? (
            <Text size="xs" c="dimmed">
              due {formatDate(order.dueDate)}
            </Text>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" truncate>
          {order.customer.email}
        </Text>
        <OrderActionButtons order={order} refetchQueries={REFETCH} />
      </Stack>
    </Card>
  );
}

function AgencyStats({ agencyId }: { agencyId: string }) {
  const { data, error } = useQuery(AgencyStatsDocument, { variables: { agencyId } });
  if (error && !data) return <ErrorState error={error} title="Could not load the statistics" />;
  const stats = data?.agency?.stats;
  if (!stats) return null;
  const count = (statuses: readonly OrderStatus[]) =>
    stats.byStatus.filter((entry) => statuses.includes(entry.status)).reduce((sum, entry) => sum + entry.count, 0);
  return (
    <Stack gap="sm" mb="lg" component="section" aria-label="Agency statistics">
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Open orders
          </Text>
          <Text size="xl" fw={700}>
            {count(['PENDING', 'ACCEPTED', 'IN_PROGRESS', 'DELIVERED', 'DISPUTED'])}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Completed
          </Text>
          <Text size="xl" fw={700}>
            {count(['COMPLETED', 'RESOLVED'])}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Revenue
          </Text>
          <Text size="xl" fw={700}>
            {stats.revenue.length === 0 ? '–' : stats.revenue.map((money) => formatMoney(money.amount, money.currency)).join(' · ')}
          </Text>
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Average rating
          </Text>
          <Text size="xl" fw={700}>
            {stats.averageRating === null || stats.averageRating === undefined ? '–' : stats.averageRating.toFixed(2)}{' '}
            <Text span size="sm" c="dimmed">
              ({stats.reviewCount} reviews)
            </Text>
          </Text>
        </Paper>
      </SimpleGrid>
      <Group gap={6} aria-label="Orders by status">
        {stats.byStatus.map((entry) => (
          <Badge key={entry.status} variant="light" color="gray" tt="none">
            {humanizeEnum(entry.status)}: {entry.count}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

export function BoardPage() {
  const agency = useCurrentAgency();
  useDocumentTitle(`Orders board · ${agency.name}`);
  const { data, error, loading, refetch } = useQuery(AgencyBoardDocument, {
    variables: { agencyId: agency.id, first: CARDS_PER_COLUMN },
  });
  return (
    <Stack gap={0}>
      <PageHeader
        title="Orders board"
        description={`${agency.name}: every order by status, with what you can do next.`}
        actions={<AgencySwitcher />}
      />
      <AgencyStats agencyId={agency.id} />
      {error && !data ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {loading && !data ? <LoadingState /> : null}
      {data ? (
        <ScrollArea type="auto">
          <Box
            pb="md"
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(${COLUMNS.length}, minmax(210px, 1fr))`,
              gap: 'var(--mantine-spacing-sm)',
              alignItems: 'start',
            }}
          >
            {COLUMNS.map((column) => {
              const connection = data[column.key];
              return (
                <Paper key={column.key} component="section" aria-label={`${column.title} orders`} bg="gray.0" p="xs" radius="md">
                  <Group justify="space-between" mb="sm">
                    <Title order={3} size="h5">
                      {column.title}
                    </Title>
                    <Badge variant="white" color="gray">
                      {connection.totalCount}
                    </Badge>
                  </Group>
                  <Stack gap="sm">
                    {connection.edges.map(({ node }) => (
                      <OrderCard key={node.id} order={node} showStatus={column.key === 'done'} />
                    ))}
                    {connection.edges.length === 0 ? (
                      <Text size="sm" c="dimmed" ta="center" py="md">
                        No orders
                      </Text>
                    ) : null}
                    {connection.totalCount > connection.edges.length ? (
                      <Text size="xs" c="dimmed" ta="center">
                        {connection.totalCount - connection.edges.length} more (newest shown)
                      </Text>
                    ) : null}
                  </Stack>
                </Paper>
              );
            })}
          </Box>
        </ScrollArea>
      ) : null}
    </Stack>
  );
}
