import { Text } from '@mantine/core';

/** "★★★★☆" for a 1–5 rating, read out as "4 out of 5 stars". */
export function Stars({ rating }: { rating: number }) {
  const full = Math.max(0, Math.min(5, Math.round(rating)));
  return (
    <Text component="span" c="yellow.6" role="img" aria-label={`${full} out of 5 stars`}>
      {'★'.repeat(full)}
      {'☆'.repeat(5 - full)}
    </Text>
  );
}
