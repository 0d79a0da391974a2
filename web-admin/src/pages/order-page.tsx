import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, PageHeader, formatDate, formatDateTime, formatMoney, humanizeEnum } from '@market/ui';
import { useNavigate, useParams } from 'react-router';
import { OrderActionButtons } from '../components/orders/order-actions';
import { OrderStatusBadge } from '../components/status-badges';
import { graphql } from '../gql';

const OrderDetailDocument = graphql(`
  query OrderDetail($id: ID!) {
    order(id: $id) {
      id
      number
      title
      description
      status
      amount
      currency
      dueDate
      paidAt
      createdAt
      updatedAt
      availableActions
      customer {
        id
        email
      }
      agency {
        id
        name
        slug
      }
      lineItems {
        description
        quantity
        unitAmount
        amount
      }
      statusHistory {
        from
        to
        action
        actorRole
        note
        at
        actor {
          id
          email
        }
      }
      review {
        id
        rating
        comment
      }
    }
  }
`);

/** One order: its line items, the status timeline, and the actions the viewer may take now (staff or admin). */
export function OrderPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useQuery(OrderDetailDocument, { variables: { id } });
  const order = data?.order;
  useDocumentTitle(order ? `${order.number} · Back office` : 'Order · Back office');
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (loading && !data) return <LoadingState />;
  if (!order) {
    return (
      <Stack align="center" py="xl">
        <Title order={2}>Order not found</Title>
        <Text c="dimmed">It does not exist or you may not see it.</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="lg">
      <PageHeader
        title={order.number}
        description={order.title}
        actions={
          <OrderActionButtons order={order} size="sm" refetchQueries={['OrderDetail', 'AgencyBoard', 'AgencyStats', 'OrdersTable']} />
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="md" radius="md" component="section" aria-label="Order">
          <Stack gap="xs">
            <Group gap="xs">
              <Text fw={600}>Status</Text>
              <OrderStatusBadge status={order.status} />
            </Group>
            <Text size="sm">
              <b>Amount:</b> {formatMoney(order.amount, order.currency)}
              {order.paidAt ? ` (paid ${formatDate(order.paidAt)})` : ''}
            </Text>
            <Text size="sm">
              <b>Customer:</b> <Anchor href={`mailto:${order.customer.email}`}>{order.customer.email}</Anchor>
            </Text>
            <Text size="sm">
              <b>Agency:</b> {order.agency.name}
            </Text>
            <Text size="sm">
              <b>Placed:</b> {formatDateTime(order.createdAt)}
              {order.dueDate ? ` · due ${formatDate(order.dueDate)}` : ''}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {order.description}
            </Text>
            {order.review ? (
              <Text size="sm">
                <b>Review:</b> {'★'.repeat(order.review.rating)}
                {order.review.comment ? ` “${order.review.comment}”` : ''}
              </Text>
            ) : null}
          </Stack>
        </Paper>
        <Paper withBorder p="md" radius="md" component="section" aria-label="Status history">
          <Title order={3} size="h5" mb="sm">
            Status history
          </Title>
          <Timeline active={order.statusHistory.length - 1} bulletSize={16} lineWidth={2}>
            {order.statusHistory.map((change, index) => (
              <Timeline.Item key={`${change.at}-${index}`} title={humanizeEnum(change.to)}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(change.at)} · {change.action ? humanizeEnum(change.action) : 'Placed'} by{' '}
                  {change.actor?.email ?? humanizeEnum(change.actorRole)}
                </Text>
                {change.note ? <Text size="sm">{change.note}</Text> : null}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      </SimpleGrid>
      <Paper withBorder radius="md" component="section" aria-label="Line items">
        <Table aria-label="Line items">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Quantity</Table.Th>
              <Table.Th ta="right">Unit price</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lineItems.map((item, index) => (
              <Table.Tr key={`${item.description}-${index}`}>
                <Table.Td>{item.description}</Table.Td>
                <Table.Td ta="right">{item.quantity}</Table.Td>
                <Table.Td ta="right">{formatMoney(item.unitAmount, order.currency)}</Table.Td>
                <Table.Td ta="right">{formatMoney(item.amount, order.currency)}</Table.Td>
              </Table.Tr>
            ))}
            {order.lineItems.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text size="sm" c="dimmed">
                    No line items: a quote of {formatMoney(order.amount, order.currency)}.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : null}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group>
        <Button variant="subtle" onClick={() => void navigate(-1)}>
          ← Back
        </Button>
      </Group>
    </Stack>
  );
}
