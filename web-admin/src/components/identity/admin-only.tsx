import { Stack, Text, Title } from '@mantine/core';
import { LoadingState, useOptionalAuth } from '@market/ui';
import type { ReactNode } from 'react';
import { useViewer } from '../../viewer';

/**
 * Whether the signed-in user is a platform admin, from `me { roles }` (the server's current answer, not the
 * roles written into the access token at sign-in). `null` while unknown; false when signed out.
 */
export function useIsAdmin(): boolean | null {
  const signedIn = useOptionalAuth()?.user != null;
  const viewer = useViewer();
  if (!signedIn) return false;
  if (viewer.loading) return null;
  return viewer.isAdmin;
}

/** Renders its page for admins only; everyone else learns why there is nothing here. */
export function AdminOnly({ children }: { children: ReactNode }) {
  const isAdmin = useIsAdmin();
  if (isAdmin === null) return <LoadingState />;
  if (!isAdmin) {
    return (
      <Stack align="center" py="xl" gap="sm">
        <Title order={2}>Admins only</Title>
        <Text c="dimmed">This page is for platform admins.</Text>
      </Stack>
    );
  }
  return children;
}
