import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { Link } from 'react-router';

export interface NotFoundPageProps {
  title?: string;
  message?: string;
}

export function NotFoundPage({ title = 'Page not found', message = 'There is nothing at this address.' }: NotFoundPageProps) {
  useDocumentTitle(`${title} · Marketplace`);
  return (
    <Stack align="center" py="xl" gap="sm">
      <Title order={2}>{title}</Title>
      <Text c="dimmed">{message}</Text>
      <Anchor component={Link} to="/">
        Browse all agencies
      </Anchor>
    </Stack>
  );
}
