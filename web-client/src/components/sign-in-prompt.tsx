import { Button, Group, Stack, Text } from '@mantine/core';
import { PageHeader, useOptionalAuth } from '@market/ui';

/** A page for signed-in users only, seen anonymously: what it is and a sign-in button that comes back here. */
export function SignInPrompt({ title, message }: { title: string; message: string }) {
  const auth = useOptionalAuth();
  return (
    <Stack gap={0}>
      <PageHeader title={title} />
      <Stack gap="md" align="flex-start">
        <Text>{message}</Text>
        {auth ? (
          <Group>
            <Button onClick={() => void auth.auth.signIn().catch(() => undefined)}>Sign in</Button>
          </Group>
        ) : null}
      </Stack>
    </Stack>
  );
}
