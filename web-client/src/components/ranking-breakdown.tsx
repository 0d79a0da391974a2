import { Group, Progress, Stack, Table, Text } from '@mantine/core';
import type { AgencyPageQuery } from '../gql/graphql';
import { TierBadge } from './tier-badge';

type Ranking = NonNullable<AgencyPageQuery['agency']>['ranking'];

function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/** The score, tier, position and what each factor contributed (value, points, a bar of its share of the weight). */
export function RankingBreakdown({ ranking }: { ranking: Ranking }) {
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <TierBadge tier={ranking.tier} score={ranking.score} />
        {ranking.position != null ? (
          <Text size="sm" c="dimmed">
            #{ranking.position}
            {ranking.positionOf != null ? ` of ${ranking.positionOf}` : ''}
            {ranking.positionScope ? ` · ${ranking.positionScope}` : ''}
          </Text>
        ) : null}
      </Group>
      <Table aria-label="Ranking breakdown" verticalSpacing={6} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Factor</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
            <Table.Th ta="right">Points</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ranking.breakdown.map((factor) => {
            const max = factor.weight * 100;
            const share = max > 0 ? Math.max(0, Math.min(100, (factor.points / max) * 100)) : 0;
            return (
              <Table.Tr key={factor.key}>
                <Table.Td>
                  <Stack gap={4}>
                    <Text size="sm" title={factor.detail ?? undefined}>
                      {factor.label}
                    </Text>
                    <Progress
                      value={share}
                      size="sm"
                      aria-label={`${factor.label}: ${factor.points.toFixed(1)} of ${max.toFixed(0)} points`}
                    />
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{formatValue(factor.value)}</Table.Td>
                <Table.Td ta="right">{factor.points.toFixed(1)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
