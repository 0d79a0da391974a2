import { useQuery } from '@apollo/client/react';
import { Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import {
  ConnectionTable,
  ErrorState,
  LoadingState,
  formatDateTime,
  formatMoney,
  humanizeEnum,
  useCursorPages,
  type Column,
} from '@market/ui';
import { graphql } from '../../gql';
import type { AgencyFinancesQuery } from '../../gql/graphql';

const AgencyFinancesDocument = graphql(`
  query AgencyFinances($id: ID!, $first: Int!, $after: String) {
    agency(id: $id) {
      id
      name
      finances {
        commissionPercent
        balance {
          amount
          currency
        }
        depositBalance {
          amount
          currency
        }
        penaltiesTotal {
          amount
          currency
        }
        commissionTotal {
          amount
          currency
        }
        penalties {
          id
          amount {
            amount
            currency
          }
          reason
          issuedAt
          issuedBy {
            id
            email
          }
        }
        ledger(first: $first, after: $after) {
          edges {
            cursor
            node {
              id
              kind
              amount {
                amount
                currency
              }
              description
              reference
              createdAt
              createdBy {
                id
                email
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
    }
  }
`);

type Finances = NonNullable<NonNullable<AgencyFinancesQuery['agency']>['finances']>;
type LedgerRow = Finances['ledger']['edges'][number]['node'];

const LEDGER_PAGE_SIZE = 10;

const LEDGER_COLUMNS: readonly Column<LedgerRow>[] = [
  { key: 'when', nowrap: true, header: 'When', render: (entry) => formatDateTime(entry.createdAt) },
  { key: 'kind', nowrap: true, header: 'Kind', render: (entry) => humanizeEnum(entry.kind) },
  { key: 'description', header: 'Description', render: (entry) => entry.description },
  {
    key: 'amount',
    nowrap: true,
    align: 'right',
    header: 'Amount',
    render: (entry) => (
      <Text size="sm" c={entry.amount.amount < 0 ? 'red' : 'teal'} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {formatMoney(entry.amount.amount, entry.amount.currency)}
      </Text>
    ),
  },
  { key: 'by', header: 'By', render: (entry) => entry.createdBy?.email ?? 'Platform' },
];

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} aria-label={label}>
        {value}
      </Text>
    </Paper>
  );
}

/** Commission, balances derived from the ledger, penalties and the paginated ledger (owners and admins). */
export function FinancesPanel({ agencyId }: { agencyId: string }) {
  const pages = useCursorPages();
  const { data, previousData, error, loading, refetch } = useQuery(AgencyFinancesDocument, {
    variables: { id: agencyId, first: LEDGER_PAGE_SIZE, after: pages.after },
    notifyOnNetworkStatusChange: true,
  });
  const finances = (data ?? previousData)?.agency?.finances;
  if (error && !finances) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (!finances) return loading ? <LoadingState /> : <Text c="dimmed">No finances to show.</Text>;
  const money = (value: { amount: number; currency: string }) => formatMoney(value.amount, value.currency);
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, md: 5 }} component="section" aria-label="Finances">
        <Figure label="Commission" value={`${finances.commissionPercent} %`} />
        <Figure label="Balance" value={money(finances.balance)} />
        <Figure label="Deposit balance" value={money(finances.depositBalance)} />
        <Figure label="Penalties" value={money(finances.penaltiesTotal)} />
        <Figure label="Commission paid" value={money(finances.commissionTotal)} />
      </SimpleGrid>
      <Stack gap="xs" component="section" aria-label="Penalties">
        <Title order={3} size="h4">
          Penalties
        </Title>
        {finances.penalties.length === 0 ? (
          <Text c="dimmed" size="sm">
            No penalties.
          </Text>
        ) : (
          <Paper withBorder radius="md">
            <Table aria-label="Penalties">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Issued</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>By</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {finances.penalties.map((penalty) => (
                  <Table.Tr key={penalty.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(penalty.issuedAt)}</Table.Td>
                    <Table.Td>{penalty.reason}</Table.Td>
                    <Table.Td ta="right">{money(penalty.amount)}</Table.Td>
                    <Table.Td>{penalty.issuedBy.email}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
      <Stack gap="xs">
        <Title order={3} size="h4">
          Ledger
        </Title>
        <ConnectionTable
          caption="Ledger"
          columns={LEDGER_COLUMNS}
          connection={finances.ledger}
          rowKey={(entry) => entry.id}
          pages={pages}
          pageSize={LEDGER_PAGE_SIZE}
          loading={loading}
          error={error}
          onRetry={() => refetch()}
          emptyMessage="No ledger entries yet."
        />
      </Stack>
    </Stack>
  );
}
