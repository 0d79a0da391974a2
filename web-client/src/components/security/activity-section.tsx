import { useQuery } from '@apollo/client/react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { ErrorState, LoadingState, describeAuditEvent, describeUserAgent, formatDateTime } from '@market/ui';
import { graphql } from '../../gql';

const SecurityActivityDocument = graphql(`
  query SecurityActivity($first: Int!, $after: String) {
    activity(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          type
          ip
          userAgent
          createdAt
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

const PAGE_SIZE = 10;

/** Recent security events about the signed-in user, newest first, with "Show more". */
export function ActivitySection() {
  const { data, error, loading, refetch, fetchMore } = useQuery(SecurityActivityDocument, {
    variables: { first: PAGE_SIZE, after: null },
    fetchPolicy: 'cache-and-network',
    notifyOnNetworkStatusChange: true,
  });
  const activity = data?.activity;

  const more = () => {
    const after = activity?.pageInfo.endCursor;
    if (!after) return;
    void fetchMore({
      variables: { after },
      // One list that grows: the new page's events after the ones shown.
      updateQuery: (previous, { fetchMoreResult }) => ({
        activity: { ...fetchMoreResult.activity, edges: [...previous.activity.edges, ...fetchMoreResult.activity.edges] },
      }),
    }).catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="activity-heading">
      <Stack gap="md">
        <Title order={3} size="h4" id="activity-heading">
          Recent activity
        </Title>
        {error && !activity ? <ErrorState error={error} title="Could not load your activity" onRetry={() => refetch()} /> : null}
        {!error && !activity ? <LoadingState label="Loading activity…" /> : null}
        {activity && activity.edges.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing yet.
          </Text>
        ) : null}
        {activity && activity.edges.length > 0 ? (
          <Stack component="ol" aria-label="Recent activity" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {activity.edges.map(({ node }) => (
              <Group component="li" key={node.id} justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={0}>
                  <Text fw={500}>{describeAuditEvent(node.type)}</Text>
                  <Text size="sm" c="dimmed" title={node.userAgent ?? undefined}>
                    {[node.ip, describeUserAgent(node.userAgent) ?? node.userAgent].filter(Boolean).join(' · ') || 'No device details'}
                  </Text>
                </Stack>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={node.createdAt}>{formatDateTime(node.createdAt)}</time>
                </Text>
              </Group>
            ))}
          </Stack>
        ) : null}
        {activity?.pageInfo.hasNextPage ? (
          <Group>
            <Button variant="default" onClick={more} loading={loading}>
              Show more
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}
