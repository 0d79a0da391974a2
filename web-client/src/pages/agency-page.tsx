import { useQuery } from '@apollo/client/react';
import { Anchor, Card, Grid, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, formatDate } from '@market/ui';
import { Link, useParams } from 'react-router';
import { AgencyStatusBadge } from '../components/agency-status-badge';
import { BusinessTypes } from '../components/business-types';
import { DocumentList } from '../components/document-list';
import { Rating } from '../components/rating';
import { graphql } from '../gql';
import { NotFoundPage } from './not-found-page';

const AgencyPageDocument = graphql(`
  query AgencyPage($slug: String!) {
    agency(slug: $slug) {
      id
      slug
      name
      description
      city
      region
      status
      rating
      reviewCount
      createdAt
      businessTypes {
        code
        label
      }
      documents {
        id
        name
        size
        url
        createdAt
      }
      recentOrders: orders(first: 5) {
        totalCount
      }
    }
  }
`);

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text component="div" fw={600}>
        {value}
      </Text>
    </Stack>
  );
}

function BackLink() {
  return (
    <Anchor component={Link} to="/" size="sm">
      ← All agencies
    </Anchor>
  );
}

export function AgencyPage() {
  const { slug = '' } = useParams();
  const { data, error, refetch } = useQuery(AgencyPageDocument, {
    variables: { slug },
    // Show what the other subgraphs returned when one of them (files, orders) is down.
    errorPolicy: 'all',
  });
  const agency = data?.agency;
  useDocumentTitle(agency ? `${agency.name} · Marketplace` : 'Agency · Marketplace');

  if (error && !data) {
    return (
      <Stack>
        <BackLink />
        <ErrorState error={error} onRetry={() => refetch()} />
      </Stack>
    );
  }
  if (!data) return <LoadingState label="Loading agency…" />;
  if (!agency) return <NotFoundPage title="Agency not found" message={`There is no agency at “${slug}”.`} />;

  const orders = agency.recentOrders?.totalCount;
  return (
    <Stack gap="lg">
      <BackLink />
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{agency.name}</Title>
          <Text c="dimmed">
            {agency.city} · {agency.region}
          </Text>
        </Stack>
        <AgencyStatusBadge status={agency.status} />
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Card component="section" aria-labelledby="about-heading">
              <Title order={3} size="h4" id="about-heading" mb="sm">
                About
              </Title>
              <Text>{agency.description}</Text>
              <Title order={4} size="h5" mt="lg" mb="xs">
                Services
              </Title>
              <BusinessTypes types={agency.businessTypes} />
            </Card>
            <Card component="section" aria-labelledby="documents-heading">
              <Title order={3} size="h4" id="documents-heading" mb="sm">
                Documents
              </Title>
              {agency.documents ? (
                <DocumentList documents={agency.documents} />
              ) : (
                <Text size="sm" c="dimmed">
                  Documents are unavailable right now.
                </Text>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card component="section" aria-labelledby="facts-heading">
            <Title order={3} size="h4" id="facts-heading" mb="md">
              At a glance
            </Title>
            <SimpleGrid cols={1} spacing="md">
              <Stat label="Rating" value={<Rating rating={agency.rating} reviewCount={agency.reviewCount} />} />
              <Stat label="Orders placed" value={orders === undefined ? '—' : orders.toLocaleString()} />
              <Stat label="On the marketplace since" value={formatDate(agency.createdAt)} />
            </SimpleGrid>
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
