import { Group, Text } from '@mantine/core';

export interface RatingProps {
  rating: number | null;
  reviewCount: number;
}

/** "★ 4.6 (23 reviews)", or "No reviews yet" before the first review. */
export function Rating({ rating, reviewCount }: RatingProps) {
  if (rating === null || reviewCount === 0) {
    return (
      <Text size="sm" c="dimmed">
        No reviews yet
      </Text>
    );
  }
  const value = rating.toFixed(1);
  const reviews = `${reviewCount} ${reviewCount === 1 ? 'review' : 'reviews'}`;
  return (
    <Group gap={4} wrap="nowrap" role="img" aria-label={`Rated ${value} out of 5 from ${reviews}`}>
      <Text c="yellow.6" aria-hidden>
        ★
      </Text>
      <Text size="sm" fw={600} aria-hidden>
        {value}
      </Text>
      <Text size="sm" c="dimmed" aria-hidden>
        ({reviews})
      </Text>
    </Group>
  );
}
