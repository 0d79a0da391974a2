import type { ErrorLike } from '@apollo/client';
import { toErrorLike } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { EmptyState, ErrorState, LoadingState, formatDate } from '@market/ui';
import { useState } from 'react';
import { graphql } from '../gql';
import { Stars } from './stars';

const REVIEWS_PAGE_SIZE = 5;

const AgencyReviewsDocument = graphql(`
  query AgencyReviews($slug: String!, $first: Int!, $after: String) {
    agency(slug: $slug) {
      id
      reviews(first: $first, after: $after) {
        edges {
          cursor
          node {
            id
            rating
            comment
            createdAt
            author {
              id
              profile {
                displayName
              }
            }
            reply {
              body
              createdAt
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
`);

/** The agency's reviews, newest first, each with the agency's reply; "More reviews" appends the next page. */
export function AgencyReviews({ slug, agencyName }: { slug: string; agencyName: string }) {
  const [moreError, setMoreError] = useState<ErrorLike | null>(null);
  const { data, error, loading, fetchMore, refetch } = useQuery(AgencyReviewsDocument, {
    variables: { slug, first: REVIEWS_PAGE_SIZE },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
    fetchPolicy: 'cache-and-network',
  });
  const reviews = data?.agency?.reviews;
  if (!reviews)
    return error ? (
      <ErrorState error={error} title="Could not load the reviews" onRetry={() => refetch()} />
    ) : (
      <LoadingState label="Loading reviews…" />
    );
  if (reviews.edges.length === 0) return <EmptyState message="No reviews yet." />;

  const more = () => {
    if (!reviews.pageInfo.endCursor) return;
    setMoreError(null);
    fetchMore({ variables: { after: reviews.pageInfo.endCursor } }).catch((reason: unknown) => setMoreError(toErrorLike(reason)));
  };
  return (
    <Stack gap="sm">
      <Stack component="ul" role="list" aria-label="Reviews" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {reviews.edges.map(({ node }) => (
          <Paper component="li" key={node.id} p="md">
            <Stack gap={6}>
              <Group justify="space-between">
                <Stars rating={node.rating} />
                <Text size="xs" c="dimmed">
                  {node.author.profile?.displayName ?? 'A customer'} · {formatDate(node.createdAt)}
                </Text>
              </Group>
              {node.comment ? <Text size="sm">{node.comment}</Text> : null}
              {node.reply ? (
                <Paper bg="gray.0" p="sm" withBorder={false} aria-label={`Reply from ${agencyName}`}>
                  <Text size="xs" fw={600} c="dimmed">
                    Reply from {agencyName} · {formatDate(node.reply.createdAt)}
                  </Text>
                  <Text size="sm">{node.reply.body}</Text>
                </Paper>
              ) : null}
            </Stack>
          </Paper>
        ))}
      </Stack>
      {moreError ? <ErrorState error={moreError} title="Could not load more reviews" /> : null}
      <Text size="sm" c="dimmed" ta="center">
        Showing {reviews.edges.length} of {reviews.totalCount} reviews
      </Text>
      {reviews.pageInfo.hasNextPage ? (
        <Center>
          <Button variant="light" size="xs" onClick={more} loading={loading}>
            More reviews
          </Button>
        </Center>
      ) : null}
    </Stack>
  );
}
