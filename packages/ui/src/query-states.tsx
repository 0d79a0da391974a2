import type { ErrorLike } from '@apollo/client';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';

/** The messages a person should read: the GraphQL errors' messages, else the transport error's. */
export function errorMessages(error: ErrorLike): string[] {
  if (CombinedGraphQLErrors.is(error)) {
    const messages = error.errors.map((e) => e.message).filter((m) => m !== '');
    return messages.length > 0 ? messages : [error.message];
  }
  if (ServerError.is(error)) return [`The server answered ${error.statusCode}: ${error.message}`];
  // fetch() rejects with a TypeError when the gateway cannot be reached at all.
  if (error.name === 'TypeError') return [`Cannot reach the server (${error.message}). Check your connection and try again.`];
  return [error.message || 'Something went wrong.'];
}

export interface ErrorStateProps {
  error: ErrorLike;
  title?: string;
  onRetry?: () => void;
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
            <Button size="xs" variant="white" color="red" onClick={onRetry}>
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
