import type { ErrorLike } from '@apollo/client';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { errorMessages } from './error-messages';

export interface ErrorStateProps {
  error: ErrorLike;
  title?: string;
  /** Re-runs the query; a failure shows up again through the query's own `error`. */
  onRetry?: () => Promise<unknown>;
}

export function ErrorState({ error, title = 'Could not load this page', onRetry }: ErrorStateProps) {
  const messages = errorMessages(error);
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap="xs">
        {messages.map((message, index) => (
          <Text key={`${index}-${message}`} size="sm">
            {message}
          </Text>
        ))}
        {onRetry ? (
          <Group>
            <Button
              size="xs"
              variant="white"
              color="red"
              onClick={() => {
                // The outcome is rendered from the query result; the promise itself carries nothing new.
                onRetry().catch(() => undefined);
              }}
            >
              Try again
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Alert>
  );
}

export function LoadingState({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Group>
    </Center>
  );
}

export function EmptyState({ message }: { message: string }) {
  return (
    <Center py="xl">
      <Text c="dimmed">{message}</Text>
    </Center>
  );
}
