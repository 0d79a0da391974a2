import type { ErrorLike } from '@apollo/client';
import { toErrorLike } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { Box, Button, Center, SimpleGrid, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { EmptyState, ErrorState, LoadingState, PageHeader } from '@market/ui';
import { useState } from 'react';
import { AgencyCard } from '../components/agency-card';
import { graphql } from '../gql';

const PAGE_SIZE = 12;

const AgencyDirectoryDocument = graphql(`
  query AgencyDirectory($first: Int!, $after: String) {
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

export function AgencyDirectoryPage() {
  useDocumentTitle('Agencies · Marketplace');
  const [loadMoreError, setLoadMoreError] = useState<ErrorLike | null>(null);
  const { data, loading, error, fetchMore, refetch } = useQuery(AgencyDirectoryDocument, {
    variables: { first: PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });

  const header = (
    <PageHeader title="Find an agency" description="Verified professionals for technical, construction, real-estate and more." />
  );
  if (!data) {
    return (
      <>
        {header}
        {error ? <ErrorState error={error} onRetry={() => refetch()} /> : <LoadingState label="Loading agencies…" />}
      </>
    );
  }

  const { edges, pageInfo, totalCount } = data.agencies;
  const loadMore = () => {
    if (!pageInfo.endCursor) return;
    setLoadMoreError(null);
    fetchMore({ variables: { after: pageInfo.endCursor } }).catch((reason: unknown) => setLoadMoreError(toErrorLike(reason)));
  };
  return (
    <>
      {header}
      {edges.length === 0 ? (
        <EmptyState message="No agencies yet." />
      ) : (
        <SimpleGrid
          component="ul"
          role="list"
          aria-label="Agencies"
          cols={{ base: 1, sm: 2, lg: 3 }}
          spacing="lg"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {edges.map(({ node }) => (
            <Box component="li" key={node.id}>
              <AgencyCard agency={node} />
            </Box>
          ))}
        </SimpleGrid>
      )}
      <Stack align="center" gap="xs" mt="xl">
        {loadMoreError ? <ErrorState error={loadMoreError} title="Could not load more agencies" /> : null}
        <Text size="sm" c="dimmed" aria-live="polite">
          Showing {edges.length} of {totalCount} agencies
        </Text>
        {pageInfo.hasNextPage ? (
          <Center>
            <Button variant="light" onClick={loadMore} loading={loading}>
              Load more
            </Button>
          </Center>
        ) : null}
      </Stack>
    </>
  );
}
