import { useQuery } from '@apollo/client/react';
import { Anchor, NativeSelect, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, PageHeader, formatMoney, humanizeEnum } from '@market/ui';
import type { ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { graphql } from '../gql';
import { OrderStatus, type OrderDashboardQuery } from '../gql/graphql';

const OrderDashboardDocument = graphql(`
  query OrderDashboard($days: Int!) {
    orderDashboard(days: $days) {
      ordersPerDay {
        date
        status
        count
      }
      revenuePerDay {
        date
        revenue {
          amount
          currency
        }
      }
      topAgencies {
        orders
        revenue {
          amount
          currency
        }
        agency {
          id
          name
        }
      }
      byStatus {
        status
        count
      }
    }
  }
`);

type Dashboard = OrderDashboardQuery['orderDashboard'];

const RANGES = [
  { value: '7', label: 'Last 7 days' },
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '365', label: 'Last year' },
] as const;
/** The longest period the API answers (orderDashboard refuses more). */
const MAX_DAYS = 366;
const DEFAULT_DAYS = 30;

/** The status colours of the badges, as Mantine CSS variables, so the charts match the rest of the app. */
const STATUS_COLORS: Record<OrderStatus, string> = {
  PENDING: 'yellow',
  ACCEPTED: 'blue',
  IN_PROGRESS: 'indigo',
  DELIVERED: 'cyan',
  COMPLETED: 'teal',
  CANCELLED: 'gray',
  DISPUTED: 'red',
  RESOLVED: 'grape',
  REFUNDED: 'orange',
};
const color = (name: string) => `var(--mantine-color-${name}-6)`;

const STATUSES = Object.values(OrderStatus);

/** `[{date, status, count}]` → one row per day with a column per status (recharts' stacked bars). */
export function ordersPerDayRows(entries: Dashboard['ordersPerDay']): Record<string, string | number>[] {
  const byDate = new Map<string, Record<string, string | number>>();
  for (const entry of entries) {
    const row = byDate.get(entry.date) ?? { date: entry.date };
    row[entry.status] = (Number(row[entry.status] ?? 0) || 0) + entry.count;
    byDate.set(entry.date, row);
  }
  return [...byDate.values()].sort((a, b) => String(a.date).localeCompare(String(b.date)));
}

/** Revenue per day in the major unit of its currency (one series per currency). */
function revenueRows(entries: Dashboard['revenuePerDay']): { rows: Record<string, string | number>[]; currencies: string[] } {
  const currencies = new Set<string>();
  const byDate = new Map<string, Record<string, string | number>>();
  for (const entry of entries) {
    const { amount, currency } = entry.revenue;
    currencies.add(currency);
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const row = byDate.get(entry.date) ?? { date: entry.date };
    row[currency] = (Number(row[currency] ?? 0) || 0) + amount / 10 ** digits;
    byDate.set(entry.date, row);
  }
  return { rows: [...byDate.values()].sort((a, b) => String(a.date).localeCompare(String(b.date))), currencies: [...currencies] };
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function NoData() {
  return (
    <Text c="dimmed" size="sm" py="xl" ta="center">
      No orders in this period.
    </Text>
  );
}

function DashboardCharts({ dashboard }: { dashboard: Dashboard }) {
  const perDay = ordersPerDayRows(dashboard.ordersPerDay);
  const shownStatuses = STATUSES.filter((status) => dashboard.ordersPerDay.some((entry) => entry.status === status));
  const revenue = revenueRows(dashboard.revenuePerDay);
  const total = dashboard.byStatus.reduce((sum, entry) => sum + entry.count, 0);
  const top = dashboard.topAgencies.map((entry) => ({
    name: entry.agency.name,
    orders: entry.orders,
  }));
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} component="section" aria-label="Orders by status">
        <Paper withBorder p="sm" radius="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            All orders
          </Text>
          <Text size="xl" fw={700}>
            {total}
          </Text>
        </Paper>
        {dashboard.byStatus.map((entry) => (
          <Paper key={entry.status} withBorder p="sm" radius="md" style={{ borderLeft: `4px solid ${color(STATUS_COLORS[entry.status])}` }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {humanizeEnum(entry.status)}
            </Text>
            <Text size="xl" fw={700} aria-label={`${humanizeEnum(entry.status)} orders`}>
              {entry.count}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <ChartCard title="Orders per day by status">
        {perDay.length === 0 ? (
          <NoData />
        ) : (
          <ResponsiveContainer width="100%" height={300}>
            <BarChart data={perDay}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="date" fontSize={12} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip />
              <Legend formatter={(value: string) => humanizeEnum(value)} />
              {shownStatuses.map((status) => (
                <Bar
                  key={status}
                  dataKey={status}
                  name={status}
                  stackId="orders"
                  fill={color(STATUS_COLORS[status])}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartCard>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ChartCard title="Revenue per day">
          {revenue.rows.length === 0 ? (
            <NoData />
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={revenue.rows}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="date" fontSize={12} />
                <YAxis fontSize={12} />
                <Tooltip
                  formatter={(value, name) =>
                    new Intl.NumberFormat(undefined, { style: 'currency', currency: String(name) }).format(Number(value))
                  }
                />
                {revenue.currencies.map((currency, index) => (
                  <Bar
                    key={currency}
                    dataKey={currency}
                    name={currency}
                    fill={color(index === 0 ? 'teal' : 'grape')}
                    isAnimationActive={false}
                  />
                ))}
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartCard>
        <ChartCard title="Top agencies">
          {top.length === 0 ? (
            <NoData />
          ) : (
            <Stack gap="sm">
              <ResponsiveContainer width="100%" height={Math.max(120, top.length * 28)}>
                <BarChart data={top} layout="vertical" margin={{ left: 24 }}>
                  <XAxis type="number" allowDecimals={false} fontSize={12} />
                  <YAxis type="category" dataKey="name" width={180} fontSize={12} />
                  <Tooltip />
                  <Bar dataKey="orders" name="Orders" fill={color('blue')} isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
              <Table aria-label="Top agencies">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Agency</Table.Th>
                    <Table.Th ta="right">Orders</Table.Th>
                    <Table.Th ta="right">Revenue</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {dashboard.topAgencies.map((entry) => (
                    <Table.Tr key={entry.agency.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/agencies/${entry.agency.id}`} size="sm">
                          {entry.agency.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td ta="right">{entry.orders}</Table.Td>
                      <Table.Td ta="right">{formatMoney(entry.revenue.amount, entry.revenue.currency)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Stack>
          )}
        </ChartCard>
      </SimpleGrid>
    </Stack>
  );
}

/** Admins (`/`): orders per day by status, revenue per day, top agencies and counts by status over a period (`?days=`). */
export function DashboardPage() {
  useDocumentTitle('Dashboard · Back office');
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('days'));
  const days = Number.isInteger(raw) && raw >= 1 && raw <= MAX_DAYS ? raw : DEFAULT_DAYS;
  const { data, previousData, error, loading, refetch } = useQuery(OrderDashboardDocument, { variables: { days } });
  const dashboard = (data ?? previousData)?.orderDashboard;
  return (
    <Stack gap={0}>
      <PageHeader
        title="Dashboard"
        description="Orders, revenue and the busiest agencies."
        actions={
          <NativeSelect
            label="Period"
            value={String(days)}
            data={
              RANGES.some((range) => range.value === String(days))
                ? [...RANGES]
                : [{ value: String(days), label: `Last ${days} days` }, ...RANGES]
            }
            onChange={(event) => {
              const next = event.currentTarget.value;
              setParams((prev) => {
                const updated = new URLSearchParams(prev);
                if (Number(next) === DEFAULT_DAYS) updated.delete('days');
                else updated.set('days', next);
                return updated;
              });
            }}
            w={160}
          />
        }
      />
      {error && !dashboard ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {loading && !dashboard ? <LoadingState /> : null}
      {dashboard ? <DashboardCharts dashboard={dashboard} /> : null}
    </Stack>
  );
}
