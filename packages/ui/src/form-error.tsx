import { Alert, Stack, Text } from '@mantine/core';

export interface FormErrorProps {
  /** E.g. "Could not change the password". */
  title: string;
  /** The messages not shown beside an input (`fieldErrors(...).messages`); nothing renders when empty. */
  messages: readonly string[];
}

/** A form's failure that belongs to no single input, announced as an alert. */
export function FormError({ title, messages }: FormErrorProps) {
  if (messages.length === 0) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <Stack gap={4}>
        {messages.map((message, index) => (
          <Text key={`${index}-${message}`} size="sm">
            {message}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
