import type { ErrorLike } from '@apollo/client';
import { Box, Button, Group, LoadingOverlay, Paper, ScrollArea, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { CursorPages } from './cursor-pages';
import { EmptyState, ErrorState, LoadingState } from './query-states';

/** The shape every Relay connection of the supergraph shares. */
export interface ConnectionLike<TNode> {
  edges: readonly { cursor: string; node: TNode }[];
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  totalCount: number;
}

export interface Column<TNode> {
  key: string;
  header: ReactNode;
  render: (node: TNode) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Keep the cell on one line (codes, amounts, dates, badges). */
  nowrap?: boolean;
}

export interface ConnectionTableProps<TNode> {
  /** Accessible name of the table (the page's heading already shows it). */
  caption: string;
  columns: readonly Column<TNode>[];
  connection: ConnectionLike<TNode> | undefined;
  rowKey: (node: TNode) => string;
  pages: CursorPages;
  pageSize: number;
  loading: boolean;
  error?: ErrorLike | undefined;
  onRetry?: () => Promise<unknown>;
  emptyMessage?: string;
}

function rangeLabel(pageIndex: number, pageSize: number, rows: number, total: number): string {
  if (rows === 0) return `0 of ${total}`;
  const first = pageIndex * pageSize + 1;
  return `${first}–${first + rows - 1} of ${total}`;
}

/** A table over one page of a connection, with Previous/Next by cursor. */
export function ConnectionTable<TNode>({
  caption,
  columns,
  connection,
  rowKey,
  pages,
  pageSize,
  loading,
  error,
  onRetry,
  emptyMessage = 'Nothing here yet.',
}: ConnectionTableProps<TNode>) {
  if (error && !connection) return <ErrorState error={error} {...(onRetry ? { onRetry } : {})} />;
  if (!connection) return <LoadingState />;

  const rows = connection.edges;
  const endCursor = connection.pageInfo.endCursor;
  return (
    <Paper radius="md" pos="relative">
      {error ? <ErrorState error={error} {...(onRetry ? { onRetry } : {})} /> : null}
      <LoadingOverlay visible={loading} zIndex={2} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
      <ScrollArea type="auto">
        <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" aria-label={caption} aria-busy={loading}>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.key} scope="col" ta={column.align ?? 'left'} style={{ whiteSpace: 'nowrap' }}>
                  {column.header}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map(({ node }) => (
              <Table.Tr key={rowKey(node)}>
                {columns.map((column) => (
                  <Table.Td key={column.key} ta={column.align ?? 'left'} style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                    {column.render(node)}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea>
      {rows.length === 0 ? <EmptyState message={emptyMessage} /> : null}
      <Box px="md" py="sm" style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}>
        <Group justify="space-between">
          <Text size="sm" c="dimmed" aria-live="polite">
            {/* While a page loads the rows are still the previous page's: no range until they match. */}
            {loading ? 'Loading…' : rangeLabel(pages.pageIndex, pageSize, rows.length, connection.totalCount)}
          </Text>
          <Group gap="xs" role="group" aria-label={`${caption} pages`}>
            <Button variant="default" size="xs" onClick={pages.previous} disabled={!pages.hasPrevious || loading}>
              Previous
            </Button>
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                if (endCursor) pages.next(endCursor);
              }}
              disabled={!connection.pageInfo.hasNextPage || !endCursor || loading}
            >
              Next
            </Button>
          </Group>
        </Group>
      </Box>
    </Paper>
  );
}
