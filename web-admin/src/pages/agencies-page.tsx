import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useDocumentTitle } from '@mantine/hooks';
import { ConnectionTable, PageHeader, formatDate, useCursorPages, type Column } from '@market/ui';
import { PageSizeSelect } from '../components/page-size-select';
import { AgencyStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';
import type { AgenciesTableQuery } from '../gql/graphql';
import { usePageSize } from '../hooks/use-page-size';

const AgenciesTableDocument = graphql(`
  query AgenciesTable($first: Int!, $after: String) {
    agencies(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          slug
          name
          city
          region
          status
          rating
          reviewCount
          createdAt
          businessTypes {
            code
            label
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

type AgencyRow = AgenciesTableQuery['agencies']['edges'][number]['node'];

const COLUMNS: readonly Column<AgencyRow>[] = [
  {
    key: 'name',
    header: 'Agency',
    render: (agency) => (
      <Stack gap={0}>
        <Anchor component={Link} to={`/agencies/${agency.id}`} size="sm" fw={600}>
          {agency.name}
        </Anchor>
        <Text size="xs" c="dimmed" ff="monospace">
          {agency.slug}
        </Text>
      </Stack>
    ),
  },
  {
    key: 'types',
    header: 'Business types',
    render: (agency) => (
      <Group gap={4}>
        {agency.businessTypes.map((type) => (
          <Badge key={type.code} variant="outline" color="gray" size="sm" tt="none">
            {type.label}
          </Badge>
        ))}
      </Group>
    ),
  },
  { key: 'city', nowrap: true, header: 'City', render: (agency) => `${agency.city} (${agency.region})` },
  { key: 'status', nowrap: true, header: 'Status', render: (agency) => <AgencyStatusBadge status={agency.status} /> },
  {
    key: 'rating',
    nowrap: true,
    header: 'Rating',
    align: 'right',
    render: (agency) =>
      agency.rating === null ? (
        <Text size="sm" c="dimmed">
          –
        </Text>
      ) : (
        <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {agency.rating.toFixed(1)}{' '}
          <Text span size="xs" c="dimmed">
            ({agency.reviewCount})
          </Text>
        </Text>
      ),
  },
  { key: 'created', nowrap: true, header: 'Joined', render: (agency) => formatDate(agency.createdAt) },
];

function AgenciesTable({ pageSize }: { pageSize: number }) {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(AgenciesTableDocument, {
    variables: { first: pageSize, after: pages.after },
    notifyOnNetworkStatusChange: true,
  });
  return (
    <ConnectionTable
      caption="Agencies"
      columns={COLUMNS}
      connection={(data ?? previousData)?.agencies}
      rowKey={(agency) => agency.id}
      pages={pages}
      pageSize={pageSize}
      loading={loading}
      error={error}
      onRetry={() => refetch()}
      emptyMessage="No agencies yet."
    />
  );
}

export function AgenciesPage() {
  useDocumentTitle('Agencies · Back office');
  const [pageSize, setPageSize] = usePageSize();
  return (
    <Stack gap={0}>
      <PageHeader
        title="Agencies"
        description="All agencies, by name."
        actions={<PageSizeSelect value={pageSize} onChange={setPageSize} />}
      />
      <AgenciesTable key={pageSize} pageSize={pageSize} />
    </Stack>
  );
}
