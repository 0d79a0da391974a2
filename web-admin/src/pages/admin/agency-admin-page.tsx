import { useQuery } from '@apollo/client/react';
import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, PageHeader, formatDate, humanizeEnum } from '@market/ui';
import { useParams } from 'react-router';
import { AdminFinanceControls } from '../../components/agency/admin-finance-controls';
import { AgencyStatusActions, DocumentReviewTable } from '../../components/agency/agency-review';
import { FinancesPanel } from '../../components/agency/finances-panel';
import { AgencyStatusBadge } from '../../components/status-badges';
import { graphql } from '../../gql';

const AgencyAdminDocument = graphql(`
  query AgencyAdmin($id: ID!) {
    agency(id: $id) {
      slug
      description
      city
      region
      rating
      reviewCount
      verifiedAt
      createdAt
      businessTypes {
        code
        label
      }
      contact {
        email
        phone
        website
      }
      members {
        role
        user {
          id
          email
        }
      }
      ranking {
        score
        tier
      }
      finances {
        commissionPercent
      }
      ...AgencyReviewFields
    }
  }
`);

const REFETCH = ['AgencyAdmin'];

/** Admins: one agency — status with a reason, documents, commission, deposits, penalties and the ledger. */
export function AgencyAdminPage() {
  const { id = '' } = useParams();
  const { data, error, loading, refetch } = useQuery(AgencyAdminDocument, { variables: { id } });
  const agency = data?.agency;
  useDocumentTitle(agency ? `${agency.name} · Back office` : 'Agency · Back office');
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (loading && !data) return <LoadingState />;
  if (!agency) return <Text>No agency with this id.</Text>;
  return (
    <Stack gap="lg">
      <PageHeader
        title={agency.name}
        description={
          <Group gap="xs" component="span">
            <AgencyStatusBadge status={agency.status} />
            <span>{agency.statusReason ?? ''}</span>
          </Group>
        }
        actions={<AgencyStatusActions agency={agency} refetchQueries={REFETCH} />}
      />
      <Paper withBorder p="md" radius="md" component="section" aria-label="Profile">
        <Stack gap={4}>
          <Text size="sm" ff="monospace">
            {agency.slug}
          </Text>
          <Text size="sm">{agency.description}</Text>
          <Text size="sm">
            {agency.businessTypes.map((type) => type.label).join(', ')} · {agency.city} ({agency.region})
          </Text>
          <Text size="sm">
            Contact: {[agency.contact.email, agency.contact.phone, agency.contact.website].filter(Boolean).join(' · ') || '–'}
          </Text>
          <Text size="sm">
            Registered {formatDate(agency.createdAt)}
            {agency.verifiedAt ? ` · verified ${formatDate(agency.verifiedAt)}` : ''}
          </Text>
          <Text size="sm">
            Rating {agency.rating === null || agency.rating === undefined ? '–' : agency.rating.toFixed(1)} ({agency.reviewCount} reviews) ·
            ranking {agency.ranking.score.toFixed(1)} <Badge size="xs">{humanizeEnum(agency.ranking.tier)}</Badge>
          </Text>
          <Text size="sm">
            Members:{' '}
            {(agency.members ?? []).map((member) => `${member.user.email} (${humanizeEnum(member.role).toLowerCase()})`).join(', ') || '–'}
          </Text>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md" component="section" aria-label="Documents">
        <Title order={3} size="h5" mb="xs">
          Documents
        </Title>
        <DocumentReviewTable agency={agency} refetchQueries={REFETCH} />
      </Paper>
      <Title order={3} size="h4">
        Fees, deposits and penalties
      </Title>
      <AdminFinanceControls agencyId={agency.id} commissionPercent={agency.finances?.commissionPercent ?? null} />
      <FinancesPanel agencyId={agency.id} />
    </Stack>
  );
}
