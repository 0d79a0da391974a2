import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { AgencyDirectoryQuery } from '../gql/graphql';
import { AgencyStatusBadge } from './agency-status-badge';
import { BusinessTypes } from './business-types';
import { Rating } from './rating';
import { TierBadge } from './tier-badge';

export type DirectoryAgency = AgencyDirectoryQuery['agencies']['edges'][number]['node'];

export function formatDistance(km: number): string {
  return km < 10 ? `${km.toFixed(1)} km away` : `${Math.round(km)} km away`;
}

export function AgencyCard({ agency }: { agency: DirectoryAgency }) {
  const headingId = `agency-${agency.id}`;
  return (
    <Card component="article" aria-labelledby={headingId} h="100%">
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={3} size="h4" id={headingId}>
            <Anchor component={Link} to={`/agencies/${agency.slug}`} c="inherit" fw={650}>
              {agency.name}
            </Anchor>
          </Title>
          <AgencyStatusBadge status={agency.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {agency.city} · {agency.region}
          {agency.distanceKm != null ? ` · ${formatDistance(agency.distanceKm)}` : ''}
        </Text>
        <BusinessTypes types={agency.businessTypes} />
        <Group mt="auto" justify="space-between">
          <Rating rating={agency.rating} reviewCount={agency.reviewCount} />
          <TierBadge tier={agency.ranking.tier} score={agency.ranking.score} />
        </Group>
      </Stack>
    </Card>
  );
}
