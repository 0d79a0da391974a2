import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Grid, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, formatDate, formatDateTime, formatMoney, useOptionalAuth } from '@market/ui';
import { Link, useParams } from 'react-router';
import { OrderActions, hasCustomerActions } from '../components/orders/order-actions';
import { OrderStatusBadge } from '../components/orders/order-status-badge';
import { ReviewForm } from '../components/orders/review-form';
import { StatusTimeline } from '../components/orders/status-timeline';
import { SignInPrompt } from '../components/sign-in-prompt';
import { Stars } from '../components/stars';
import { graphql } from '../gql';
import { OrderChat } from '../chat';
import { OrderStatus, type OrderPageQuery } from '../gql/graphql';
import { NotFoundPage } from './not-found-page';

const OrderPageDocument = graphql(`
  query OrderPage($id: ID!) {
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
      lineItems {
        description
        quantity
        unitAmount
        amount
      }
      customer {
        id
      }
      agency {
        id
        slug
        name
        city
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
          profile {
            displayName
          }
        }
      }
      review {
        id
        rating
        comment
        createdAt
        reply {
          body
          createdAt
        }
      }
    }
  }
`);

type Order = NonNullable<OrderPageQuery['order']>;

const REVIEWABLE: readonly OrderStatus[] = [OrderStatus.Completed, OrderStatus.Resolved];

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <Card component="section" aria-labelledby={`${id}-heading`}>
      <Title order={3} size="h4" id={`${id}-heading`} mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" fw={600}>
        {children}
      </Text>
    </Stack>
  );
}

function LineItems({ order }: { order: Order }) {
  if (order.lineItems.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No line items: the amount is the agreed quote.
      </Text>
    );
  }
  return (
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
          <Table.Tr key={`${index}-${item.description}`}>
            <Table.Td>{item.description}</Table.Td>
            <Table.Td ta="right">{item.quantity}</Table.Td>
            <Table.Td ta="right">{formatMoney(item.unitAmount, order.currency)}</Table.Td>
            <Table.Td ta="right">{formatMoney(item.amount, order.currency)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        <Table.Tr>
          <Table.Th colSpan={3}>Total</Table.Th>
          <Table.Th ta="right">{formatMoney(order.amount, order.currency)}</Table.Th>
        </Table.Tr>
      </Table.Tfoot>
    </Table>
  );
}

function ReviewSection({ order, isCustomer }: { order: Order; isCustomer: boolean }) {
  if (order.review) {
    const { review } = order;
    return (
      <Stack gap="xs" aria-label="Your review">
        <Group gap="sm">
          <Stars rating={review.rating} />
          <Text size="xs" c="dimmed">
            {formatDate(review.createdAt)}
          </Text>
        </Group>
        {review.comment ? <Text size="sm">{review.comment}</Text> : null}
        {review.reply ? (
          <Paper bg="gray.0" p="sm" withBorder={false}>
            <Text size="xs" fw={600} c="dimmed">
              Reply from {order.agency.name} · {formatDate(review.reply.createdAt)}
            </Text>
            <Text size="sm">{review.reply.body}</Text>
          </Paper>
        ) : (
          <Text size="xs" c="dimmed">
            The agency has not replied yet.
          </Text>
        )}
      </Stack>
    );
  }
  if (isCustomer && REVIEWABLE.includes(order.status)) return <ReviewForm orderId={order.id} agencyId={order.agency.id} />;
  return (
    <Text size="sm" c="dimmed">
      {isCustomer ? 'You can review the agency once the order is completed.' : 'Not reviewed yet.'}
    </Text>
  );
}

/** `/orders/:id`: one order with its line items, status timeline, the actions the customer may take, and the review. */
export function OrderPage() {
  const { id = '' } = useParams();
  const auth = useOptionalAuth();
  const signedIn = auth?.user != null;
  const { data, error, refetch } = useQuery(OrderPageDocument, {
    variables: { id },
    skip: !signedIn,
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
  });
  const order = data?.order;
  useDocumentTitle(order ? `${order.number} · Marketplace` : 'Order · Marketplace');

  if (auth?.state.status === 'loading') return <LoadingState label="Signing in…" />;
  if (!signedIn) return <SignInPrompt title="Order" message="Sign in to see this order." />;
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (!data) return <LoadingState label="Loading order…" />;
  if (!order) return <NotFoundPage title="Order not found" message="There is no such order among yours." />;
  const isCustomer = order.customer.id === auth?.user?.id;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/orders" size="sm">
        ← My orders
      </Anchor>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Text size="sm" c="dimmed" ff="monospace">
            {order.number}
          </Text>
          <Title order={2}>{order.title}</Title>
          <Text c="dimmed">
            with{' '}
            <Anchor component={Link} to={`/agencies/${order.agency.slug}`}>
              {order.agency.name}
            </Anchor>
            {' · '}
            {order.agency.city}
          </Text>
        </Stack>
        <Group gap="xs" aria-label="Order status">
          <OrderStatusBadge status={order.status} />
        </Group>
      </Group>
      {error ? <ErrorState error={error} title="Parts of this order could not be loaded" /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Section id="details" title="Details">
              <Text style={{ whiteSpace: 'pre-wrap' }} mb="md">
                {order.description}
              </Text>
              <LineItems order={order} />
            </Section>
            <Section id="review" title="Review">
              <ReviewSection order={order} isCustomer={isCustomer} />
            </Section>
            {/*
              ISSUE 5 — LIVE CHAT: the ORDER conversation (`order.conversation`) between the customer and the agency
              mounts here (messages, typing, read receipts through the chat subgraph's subscriptions).
            */}
            <Section id="chat" title="Messages">
              <OrderChat orderId={order.id} />
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Section id="summary" title="Summary">
              <SimpleGrid cols={1} spacing="md">
                <Fact label="Amount">{formatMoney(order.amount, order.currency)}</Fact>
                <Fact label="Due">{order.dueDate ? formatDate(order.dueDate) : 'No due date'}</Fact>
                <Fact label="Placed">{formatDateTime(order.createdAt)}</Fact>
                {order.paidAt ? <Fact label="Paid">{formatDateTime(order.paidAt)}</Fact> : null}
              </SimpleGrid>
            </Section>
            {isCustomer && hasCustomerActions(order.availableActions) ? (
              <Section id="actions" title="Actions">
                <OrderActions orderId={order.id} available={order.availableActions} />
              </Section>
            ) : null}
            <Section id="timeline" title="Status history">
              <StatusTimeline history={order.statusHistory} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
