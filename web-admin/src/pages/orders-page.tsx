import { useQuery } from '@apollo/client/react';
import { Anchor, NativeSelect, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ConnectionTable, PageHeader, formatDate, formatMoney, humanizeEnum, useCursorPages, type Column } from '@market/ui';
import { useSearchParams } from 'react-router';
import { PageSizeSelect } from '../components/page-size-select';
import { OrderStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';
import { OrderStatus, type OrdersTableQuery } from '../gql/graphql';
import { usePageSize } from '../hooks/use-page-size';

const OrdersTableDocument = graphql(`
  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {
    orders(first: $first, after: $after, status: $status) {
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

type OrderRow = OrdersTableQuery['orders']['edges'][number]['node'];

const STATUSES = Object.values(OrderStatus);

function isOrderStatus(value: string | null): value is OrderStatus {
  return STATUSES.some((status) => status === value);
}

const COLUMNS: readonly Column<OrderRow>[] = [
  {
    key: 'number',
    nowrap: true,
    header: 'Number',
    render: (order) => (
      <Text ff="monospace" size="sm" fw={600}>
        {order.number}
      </Text>
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

function OrdersTable({ status, pageSize }: { status: OrderStatus | null; pageSize: number }) {
  const pages = useCursorPages();
  const { data, previousData, loading, error, refetch } = useQuery(OrdersTableDocument, {
    variables: { first: pageSize, after: pages.after, status },
    notifyOnNetworkStatusChange: true,
  });
  return (
    <ConnectionTable
      caption={status ? `${humanizeEnum(status)} orders` : 'All orders'}
      columns={COLUMNS}
      connection={(data ?? previousData)?.orders}
      rowKey={(order) => order.id}
      pages={pages}
      pageSize={pageSize}
      loading={loading}
      error={error}
      onRetry={() => refetch()}
      emptyMessage={status ? `No ${humanizeEnum(status).toLowerCase()} orders.` : 'No orders yet.'}
    />
  );
}

export function OrdersPage() {
  useDocumentTitle('Orders · Back office');
  const [params, setParams] = useSearchParams();
  const [pageSize, setPageSize] = usePageSize();
  const rawStatus = params.get('status');
  const status = isOrderStatus(rawStatus) ? rawStatus : null;

  const setStatus = (next: string) =>
    setParams((prev) => {
      const updated = new URLSearchParams(prev);
      if (isOrderStatus(next)) updated.set('status', next);
      else updated.delete('status');
      return updated;
    });

  return (
    <Stack gap={0}>
      <PageHeader
        title="Orders"
        description="Every order on the platform, newest first."
        actions={
          <>
            <NativeSelect
              label="Status"
              value={status ?? ''}
              onChange={(event) => setStatus(event.currentTarget.value)}
              data={[{ value: '', label: 'All statuses' }, ...STATUSES.map((value) => ({ value, label: humanizeEnum(value) }))]}
              w={180}
            />
            <PageSizeSelect value={pageSize} onChange={setPageSize} />
          </>
        }
      />
      {/* A new filter starts again at the first page: remounting drops the cursor stack. */}
      <OrdersTable key={`${status ?? 'all'}:${pageSize}`} status={status} pageSize={pageSize} />
    </Stack>
  );
}
