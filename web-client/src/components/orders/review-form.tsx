import { useMutation } from '@apollo/client/react';
import { Button, Group, Rating, Stack, Text, Textarea } from '@mantine/core';
import { FormError } from '@market/ui';
import { useState, type FormEvent } from 'react';
import { graphql } from '../../gql';
import { formFieldErrors } from '../../lib/field-errors';

const ReviewOrderDocument = graphql(`
  mutation ReviewOrder($id: ID!, $rating: Int!, $comment: String) {
    reviewOrder(id: $id, rating: $rating, comment: $comment) {
      id
      review {
        id
        rating
        comment
        createdAt
        reply {
          body
          createdAt
        }
      }
    }
  }
`);

/** 1–5 stars and a comment, once the order is completed (or resolved) and not reviewed yet. */
export function ReviewForm({ orderId, agencyId }: { orderId: string; agencyId: string }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [review, { loading, error, reset }] = useMutation(ReviewOrderDocument, {
    // The agency's reviews, rating and ranking change with this review.
    update: (cache) => {
      const id = cache.identify({ __typename: 'Agency', id: agencyId });
      for (const fieldName of ['reviews', 'rating', 'reviewCount', 'ranking']) cache.evict({ id, fieldName });
      cache.gc();
    },
  });
  const server = formFieldErrors(error, ['rating', 'comment']);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (rating < 1) {
      setProblem('Choose 1 to 5 stars.');
      return;
    }
    reset();
    void review({ variables: { id: orderId, rating, comment: comment.trim() || null } }).catch(() => undefined);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Review this order">
      <Stack gap="sm" maw={520}>
        <Stack gap={4}>
          <Text size="sm" fw={500} id="review-rating-label">
            Your rating
          </Text>
          <Rating
            size="lg"
            value={rating}
            onChange={(value) => {
              setRating(value);
              setProblem(null);
            }}
            getSymbolLabel={(value) => `${value} ${value === 1 ? 'star' : 'stars'}`}
            aria-labelledby="review-rating-label"
          />
          {(problem ?? server.fields.rating) ? (
            <Text size="sm" c="red.7">
              {problem ?? server.fields.rating}
            </Text>
          ) : null}
        </Stack>
        <Textarea
          label="Comment"
          autosize
          minRows={3}
          value={comment}
          onChange={(event) => setComment(event.currentTarget.value)}
          error={server.fields.comment}
        />
        <FormError title="Could not save the review" messages={server.messages} />
        <Group>
          <Button type="submit" loading={loading}>
            Submit review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
