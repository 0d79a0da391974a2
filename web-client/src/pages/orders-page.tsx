import { useQuery } from '@apollo/client/react';
import { Anchor, Group, Select, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import {
  ConnectionTable,
  LoadingState,
  PageHeader,
  formatDate,
  formatMoney,
  humanizeEnum,
  useCursorPages,
  useOptionalAuth,
  type Column,
} from '@market/ui';
import { useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { OrderStatusBadge } from '../components/orders/order-status-badge';
import { SignInPrompt } from '../components/sign-in-prompt';
import { graphql } from '../gql';
import { OrderStatus, type MyOrdersQuery } from '../gql/graphql';

const PAGE_SIZE = 10;

const MyOrdersDocument = graphql(`
  query MyOrders($filter: OrderFilter, $first: Int!, $after: String) {
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
          dueDate
          createdAt
          agency {
            id
            slug
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

type OrderRow = MyOrdersQuery['orders']['edges'][number]['node'];

const COLUMNS: readonly Column<OrderRow>[] = [
  {
    key: 'number',
    header: 'Order',
    nowrap: true,
    render: (order) => (
      <Anchor component={Link} to={`/orders/${order.id}`} fw={600}>
        {order.number}
      </Anchor>
    ),
  },
  { key: 'title', header: 'Title', render: (order) => order.title },
  { key: 'agency', header: 'Agency', render: (order) => order.agency.name },
  { key: 'status', header: 'Status', nowrap: true, render: (order) => <OrderStatusBadge status={order.status} /> },
  { key: 'amount', header: 'Amount', align: 'right', nowrap: true, render: (order) => formatMoney(order.amount, order.currency) },
  { key: 'due', header: 'Due', nowrap: true, render: (order) => (order.dueDate ? formatDate(order.dueDate) : '—') },
  { key: 'placed', header: 'Placed', nowrap: true, render: (order) => formatDate(order.createdAt) },
];

const STATUS_OPTIONS = Object.values(OrderStatus).map((status) => ({ value: status, label: humanizeEnum(status) }));

/** `/orders`: the signed-in customer's orders, newest first, filterable by status (kept in the URL). */
export function OrdersPage() {
  useDocumentTitle('My orders · Marketplace');
  const auth = useOptionalAuth();
  const signedIn = auth?.user != null;
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = Object.values(OrderStatus).find((value) => value === statusParam) ?? null;
  const pages = useCursorPages();
  const { reset } = pages;
  useEffect(() => reset(), [status, reset]);
  const { data, previousData, loading, error, refetch } = useQuery(MyOrdersDocument, {
    variables: { filter: status ? { status: [status] } : {}, first: PAGE_SIZE, after: pages.after },
    skip: !signedIn,
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });

  if (auth?.state.status === 'loading') return <LoadingState label="Signing in…" />;
  if (!signedIn) return <SignInPrompt title="My orders" message="Sign in to see your orders." />;

  return (
    <Stack gap={0}>
      <PageHeader title="My orders" description="Everything you ordered, newest first." />
      <Group mb="md" align="flex-end">
        <Select
          label="Status"
          placeholder="All statuses"
          data={STATUS_OPTIONS}
          value={status}
          clearable
          w={220}
          onChange={(next) => setSearchParams(next ? { status: next } : {})}
        />
        {data ? (
          <Text size="sm" c="dimmed" pb={8}>
            {data.orders.totalCount} {data.orders.totalCount === 1 ? 'order' : 'orders'}
          </Text>
        ) : null}
      </Group>
      <ConnectionTable
        caption="Orders"
        columns={COLUMNS}
        connection={(data ?? previousData)?.orders}
        rowKey={(order) => order.id}
        pages={pages}
        pageSize={PAGE_SIZE}
        loading={loading}
        error={error}
        onRetry={() => refetch()}
        emptyMessage={status ? `No ${humanizeEnum(status).toLowerCase()} orders.` : 'No orders yet. Find an agency in the directory.'}
      />
    </Stack>
  );
}
