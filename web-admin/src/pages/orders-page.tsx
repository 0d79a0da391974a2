import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, MultiSelect, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ConnectionTable, PageHeader, formatDate, formatMoney, humanizeEnum, useCursorPages, type Column } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageSizeSelect } from '../components/page-size-select';
import { OrderStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';
import { OrderStatus, type OrderFilter, type OrdersTableQuery } from '../gql/graphql';
import { usePageSize } from '../hooks/use-page-size';

const OrdersTableDocument = graphql(`
  query OrdersTable($first: Int!, $after: String, $filter: OrderFilter) {
    orders(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          number
          title
          status
          amount
          currency
          createdAt
          customer {
            id
            email
          }
          agency {
            id
            name
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

const AgencyOptionsDocument = graphql(`
  query AgencyOptions {
    agencies(sort: NEWEST, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

type OrderRow = OrdersTableQuery['orders']['edges'][number]['node'];

const STATUSES = Object.values(OrderStatus);

function isOrderStatus(value: string | null): value is OrderStatus {
  return STATUSES.some((status) => status === value);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `yyyy-mm-dd` from the URL as the start of that day in local time (ISO), or null. */
function startOfDay(day: string | null, plusDays = 0): string | null {
  if (!day || !DAY.test(day)) return null;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const start = new Date(year, month - 1, date + plusDays);
  return Number.isNaN(start.getTime()) ? null : start.toISOString();
}

const COLUMNS: readonly Column<OrderRow>[] = [
  {
    key: 'number',
    nowrap: true,
    header: 'Number',
    render: (order) => (
      <Anchor component={Link} to={`/orders/${order.id}`} ff="monospace" size="sm" fw={600}>
        {order.number}
      </Anchor>
    ),
  },
  { key: 'title', header: 'Title', render: (order) => order.title },
  { key: 'status', nowrap: true, header: 'Status', render: (order) => <OrderStatusBadge status={order.status} /> },
  {
    key: 'amount',
    nowrap: true,
    header: 'Amount',
    align: 'right',
    render: (order) => (
      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatMoney(order.amount, order.currency)}
      </Text>
    ),
  },
  {
    key: 'customer',
    header: 'Customer',
    render: (order) => (
      <Anchor href={`mailto:${order.customer.email}`} size="sm">
        {order.customer.email}
      </Anchor>
    ),
  },
  { key: 'agency', header: 'Agency', render: (order) => order.agency.name },
  { key: 'created', nowrap: true, header: 'Placed', render: (order) => formatDate(order.createdAt) },
];

function caption(filter: OrderFilter): string {
  const statuses = filter.status ?? [];
  const others = filter.agencyId ?? filter.search ?? filter.createdAfter ?? filter.createdBefore;
  if (statuses.length === 1 && !others) return `${humanizeEnum(statuses[0] as string)} orders`;
  return statuses.length > 0 || others ? 'Matching orders' : 'All orders';
}

function OrdersTable({ filter, pageSize }: { filter: OrderFilter; pageSize: number }) {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(OrdersTableDocument, {
    variables: { first: pageSize, after: pages.after, filter },
    notifyOnNetworkStatusChange: true,
  });
  const name = caption(filter);
  return (
    <ConnectionTable
      caption={name}
      columns={COLUMNS}
      connection={(data ?? previousData)?.orders}
      rowKey={(order) => order.id}
      pages={pages}
      pageSize={pageSize}
      loading={loading}
      error={error}
      onRetry={() => refetch()}
      emptyMessage={name === 'All orders' ? 'No orders yet.' : 'No orders match.'}
    />
  );
}

/**
 * Every order the viewer may see (admins: all), newest first. Filters live in the URL:
 * `?status=DISPUTED&status=PENDING&agency=<id>&q=<number or words>&since=yyyy-mm-dd&until=yyyy-mm-dd`.
 */
export function OrdersPage() {
  useDocumentTitle('Orders · Back office');
  const [params, setParams] = useSearchParams();
  const [pageSize, setPageSize] = usePageSize();
  const statuses = params.getAll('status').filter(isOrderStatus);
  const agencyId = params.get('agency');
  const search = params.get('q') ?? '';
  const since = params.get('since');
  const until = params.get('until');
  const [searchDraft, setSearchDraft] = useState(search);
  const agencies = useQuery(AgencyOptionsDocument);

  const filter: OrderFilter = {
    ...(statuses.length > 0 ? { status: statuses } : {}),
    ...(agencyId ? { agencyId } : {}),
    ...(search.trim() !== '' ? { search: search.trim() } : {}),
    ...(startOfDay(since) ? { createdAfter: startOfDay(since) } : {}),
    ...(startOfDay(until, 1) ? { createdBefore: startOfDay(until, 1) } : {}),
  };

  const update = (change: (next: URLSearchParams) => void) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      change(next);
      return next;
    });
  const setOne = (key: string, value: string | null) =>
    update((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
    });

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setOne('q', searchDraft.trim() === '' ? null : searchDraft.trim());
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Orders"
        description="Every order on the platform, newest first."
        actions={<PageSizeSelect value={pageSize} onChange={setPageSize} />}
      />
      <Group align="flex-end" gap="sm" mb="md" wrap="wrap">
        <MultiSelect
          label="Status"
          placeholder={statuses.length === 0 ? 'All statuses' : undefined}
          data={STATUSES.map((value) => ({ value, label: humanizeEnum(value) }))}
          value={statuses}
          onChange={(values) =>
            update((next) => {
              next.delete('status');
              for (const value of values) next.append('status', value);
            })
          }
          clearable
          searchable
          w={280}
        />
        <Select
          label="Agency"
          placeholder="All agencies"
          searchable
          clearable
          data={(agencies.data?.agencies.edges ?? []).map(({ node }) => ({ value: node.id, label: node.name }))}
          value={agencyId}
          onChange={(value) => setOne('agency', value)}
          w={240}
        />
        <Group component="form" onSubmit={submitSearch} gap={4} align="flex-end">
          <TextInput
            label="Search"
            placeholder="Number or title"
            value={searchDraft}
            onChange={(event) => setSearchDraft(event.currentTarget.value)}
            w={200}
          />
          <Button type="submit" variant="default">
            Search
          </Button>
        </Group>
        <TextInput
          label="Placed from"
          type="date"
          value={since ?? ''}
          onChange={(event) => setOne('since', event.currentTarget.value || null)}
          w={160}
        />
        <TextInput
          label="Placed until"
          type="date"
          value={until ?? ''}
          onChange={(event) => setOne('until', event.currentTarget.value || null)}
          w={160}
        />
      </Group>
      {/* A new filter starts again at the first page: remounting drops the cursor stack. */}
      <OrdersTable key={`${JSON.stringify(filter)}:${pageSize}`} filter={filter} pageSize={pageSize} />
    </Stack>
  );
}
