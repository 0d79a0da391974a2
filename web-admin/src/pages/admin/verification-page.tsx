import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { EmptyState, ErrorState, LoadingState, PageHeader, formatDate, useCursorPages } from '@market/ui';
import { Link } from 'react-router';
import { AgencyStatusActions, DocumentReviewTable } from '../../components/agency/agency-review';
import { AgencyStatusBadge } from '../../components/status-badges';
import { graphql } from '../../gql';

const VerificationQueueDocument = graphql(`
  query VerificationQueue($first: Int!, $after: String) {
    agencies(filter: { status: PENDING_REVIEW }, sort: NEWEST, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          slug
          city
          region
          createdAt
          businessTypes {
            code
            label
          }
          ...AgencyReviewFields
        }
      }
    }
  }
`);

const PAGE_SIZE = 10;
const REFETCH = ['VerificationQueue'];

/** Admins: agencies waiting for review, newest first, with their documents to approve or reject. */
export function VerificationPage() {
  useDocumentTitle('Verification · Back office');
  const pages = useCursorPages();
  const { data, previousData, error, loading, refetch } = useQuery(VerificationQueueDocument, {
    variables: { first: PAGE_SIZE, after: pages.after },
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.agencies;
  return (
    <Stack gap="md">
      <PageHeader
        title="Verification queue"
        description={connection ? `${connection.totalCount} agencies waiting for review.` : 'Agencies waiting for review.'}
      />
      {error ? <ErrorState error={error} onRetry={() => refetch()} /> : null}
      {!connection && loading ? <LoadingState /> : null}
      {connection && connection.edges.length === 0 ? <EmptyState message="Nobody is waiting: every agency has been reviewed." /> : null}
      {connection?.edges.map(({ node: agency }) => (
        <Paper key={agency.id} withBorder p="md" radius="md" component="section" aria-label={agency.name}>
          <Stack gap="sm">
            <Group justify="space-between" align="flex-start">
              <Stack gap={2}>
                <Group gap="xs">
                  <Title order={3} size="h4">
                    <Anchor component={Link} to={`/agencies/${agency.id}`} inherit>
                      {agency.name}
                    </Anchor>
                  </Title>
                  <AgencyStatusBadge status={agency.status} />
                </Group>
                <Text size="sm" c="dimmed">
                  {agency.businessTypes.map((type) => type.label).join(', ')} · {agency.city} ({agency.region}) · registered{' '}
                  {formatDate(agency.createdAt)}
                </Text>
              </Stack>
              <AgencyStatusActions agency={agency} refetchQueries={REFETCH} />
            </Group>
            <DocumentReviewTable agency={agency} refetchQueries={REFETCH} />
          </Stack>
        </Paper>
      ))}
      {connection ? (
        <Group justify="flex-end" gap="xs" role="group" aria-label="Verification queue pages">
          <Button variant="default" size="xs" onClick={pages.previous} disabled={!pages.hasPrevious || loading}>
            Previous
          </Button>
          <Button
            variant="default"
            size="xs"
            disabled={!connection.pageInfo.hasNextPage || !connection.pageInfo.endCursor || loading}
            onClick={() => {
              if (connection.pageInfo.endCursor) pages.next(connection.pageInfo.endCursor);
            }}
          >
            Next
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
