import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, Grid, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, formatDate, useOptionalAuth } from '@market/ui';
import { Link, useParams } from 'react-router';
import { AgencyReviews } from '../components/agency-reviews';
import { AgencyStatusBadge } from '../components/agency-status-badge';
import { BusinessTypes } from '../components/business-types';
import { DocumentList } from '../components/document-list';
import { RankingBreakdown } from '../components/ranking-breakdown';
import { Rating } from '../components/rating';
import { graphql } from '../gql';
import type { AgencyPageQuery } from '../gql/graphql';
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
      verifiedAt
      viewerRole
      contact {
        email
        phone
        website
        address
      }
      businessTypes {
        code
        label
      }
      serviceAreas {
        id
        label
        center {
          lat
          lng
        }
        radiusKm
        regionCodes
      }
      ranking {
        score
        tier
        position
        positionOf
        positionScope
        computedAt
        breakdown {
          key
          label
          value
          normalized
          weight
          points
          detail
        }
      }
      documents {
        id
        kind
        status
        createdAt
        file {
          id
          name
          size
          url
        }
      }
    }
  }
`);

type Agency = NonNullable<AgencyPageQuery['agency']>;

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
    <Anchor component={Link} to="/agencies" size="sm">
      ← All agencies
    </Anchor>
  );
}

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

function Contact({ contact }: { contact: Agency['contact'] }) {
  const rows = [
    contact.email ? { label: 'Email', value: <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor> } : null,
    contact.phone ? { label: 'Phone', value: <Anchor href={`tel:${contact.phone}`}>{contact.phone}</Anchor> } : null,
    contact.website
      ? {
          label: 'Website',
          value: (
            <Anchor href={contact.website} target="_blank" rel="noopener noreferrer">
              {contact.website.replace(/^https?:\/\//, '')}
            </Anchor>
          ),
        }
      : null,
    contact.address ? { label: 'Address', value: contact.address } : null,
  ].filter((row) => row !== null);
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No contact details published.
      </Text>
    );
  return (
    <SimpleGrid cols={1} spacing="xs">
      {rows.map((row) => (
        <Group key={row.label} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" w={70}>
            {row.label}
          </Text>
          <Text size="sm" component="div">
            {row.value}
          </Text>
        </Group>
      ))}
    </SimpleGrid>
  );
}

function ServiceAreas({ areas }: { areas: Agency['serviceAreas'] }) {
  if (areas.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No service areas published.
      </Text>
    );
  return (
    <List spacing="xs" aria-label="Service areas">
      {areas.map((area) => {
        const parts = [
          area.radiusKm != null && area.center
            ? `within ${area.radiusKm} km of ${area.center.lat.toFixed(3)}, ${area.center.lng.toFixed(3)}`
            : null,
          area.regionCodes.length > 0 ? `regions ${area.regionCodes.join(', ')}` : null,
        ].filter((part) => part !== null);
        return (
          <List.Item key={area.id}>
            <Text size="sm" span fw={600}>
              {area.label ?? 'Service area'}
            </Text>
            <Text size="sm" span c="dimmed">
              {parts.length > 0 ? ` — ${parts.join('; ')}` : ''}
            </Text>
          </List.Item>
        );
      })}
    </List>
  );
}

/** "Order from this agency" for signed-in customers, a sign-in prompt for anonymous visitors. */
function OrderCallToAction({ agency }: { agency: Agency }) {
  const auth = useOptionalAuth();
  const orderPath = `/agencies/${agency.slug}/order`;
  if (agency.status !== 'VERIFIED') {
    return (
      <Text size="sm" c="dimmed">
        This agency takes orders once it is verified.
      </Text>
    );
  }
  if (!auth?.user) {
    return (
      <Stack gap="xs">
        <Text size="sm">Sign in to order from this agency.</Text>
        <Button variant="light" onClick={() => void auth?.auth.signIn(orderPath).catch(() => undefined)} disabled={!auth}>
          Sign in to order
        </Button>
      </Stack>
    );
  }
  if (!auth.user.roles.includes('CUSTOMER')) {
    return (
      <Text size="sm" c="dimmed">
        Orders are placed with a customer account.
      </Text>
    );
  }
  return (
    <Button component={Link} to={orderPath}>
      Order from this agency
    </Button>
  );
}

export function AgencyPage() {
  const { slug = '' } = useParams();
  const { data, error, refetch } = useQuery(AgencyPageDocument, {
    variables: { slug },
    // Show what the other subgraphs returned when one of them (files, orders) is down.
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
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
            <Section id="about" title="About">
              <Text>{agency.description}</Text>
              <Title order={4} size="h5" mt="lg" mb="xs">
                Services
              </Title>
              <BusinessTypes types={agency.businessTypes} />
            </Section>
            <Section id="areas" title="Service areas">
              <ServiceAreas areas={agency.serviceAreas} />
            </Section>
            <Section id="reviews" title="Reviews">
              <AgencyReviews slug={agency.slug} agencyName={agency.name} />
            </Section>
            {agency.documents ? (
              <Section id="documents" title="Documents">
                <DocumentList documents={agency.documents} />
              </Section>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Section id="order" title="Order">
              <OrderCallToAction agency={agency} />
            </Section>
            <Section id="facts" title="At a glance">
              <SimpleGrid cols={1} spacing="md">
                <Stat label="Rating" value={<Rating rating={agency.rating} reviewCount={agency.reviewCount} />} />
                <Stat label="On the marketplace since" value={formatDate(agency.createdAt)} />
                {agency.verifiedAt ? <Stat label="Verified" value={formatDate(agency.verifiedAt)} /> : null}
              </SimpleGrid>
            </Section>
            <Section id="contact" title="Contact">
              <Contact contact={agency.contact} />
            </Section>
            <Section id="ranking" title="Ranking">
              <RankingBreakdown ranking={agency.ranking} />
            </Section>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
