import { Badge, type MantineColor } from '@mantine/core';
import type { AgencyTier } from '../gql/graphql';

const TIERS = {
  BRONZE: { label: 'Bronze', color: 'orange' },
  SILVER: { label: 'Silver', color: 'gray' },
  GOLD: { label: 'Gold', color: 'yellow' },
  PLATINUM: { label: 'Platinum', color: 'cyan' },
} as const satisfies Record<AgencyTier, { label: string; color: MantineColor }>;

export function tierLabel(tier: AgencyTier): string {
  return TIERS[tier].label;
}

/** "Gold · 72": the ranking tier and the score (0…100). */
export function TierBadge({ tier, score }: { tier: AgencyTier; score: number }) {
  const { label, color } = TIERS[tier];
  const rounded = Math.round(score);
  return (
    <Badge color={color} variant="filled" tt="none" miw="max-content" aria-label={`${label} tier, score ${rounded}`}>
      {label} · {rounded}
    </Badge>
  );
}
