import { gql, type TypedDocumentNode } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Group, Menu, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useAuth } from './auth-provider';
import { errorMessages } from './error-messages';

/** Who is signed in, from the API (the access token carries no email). */
export const CURRENT_USER_EMAIL: TypedDocumentNode<{ me: { id: string; email: string } | null }, Record<string, never>> = gql`
  query CurrentUserEmail {
    me {
      id
      email
    }
  }
`;

/** Ends every SSO session and refresh token of the user (all devices), then this app signs out as usual. */
export const SIGN_OUT_EVERYWHERE: TypedDocumentNode<{ signOutEverywhere: number }, Record<string, never>> = gql`
  mutation SignOutEverywhere {
    signOutEverywhere
  }
`;

/**
 * The header's account control: "Sign in" for anonymous visitors; for a signed-in user a menu named by their
 * email with "Sign out" (this browser) and "Sign out everywhere" (every device and app).
 */
export function AccountMenu() {
  const { state, user, auth } = useAuth();
  const me = useQuery(CURRENT_USER_EMAIL, { skip: !user, fetchPolicy: 'cache-first' });
  const [revokeEverywhere] = useMutation(SIGN_OUT_EVERYWHERE);
  const [busy, setBusy] = useState(false);
  const [everywhereFailed, setEverywhereFailed] = useState<string[] | null>(null);

  if (state.status === 'loading') return null;
  if (!user) {
    return (
      <Group gap="sm" wrap="nowrap">
        {state.status === 'anonymous' && state.notice ? (
          <Text size="sm" c="dimmed" visibleFrom="md" role="status">
            {state.notice}
          </Text>
        ) : null}
        <Button size="sm" onClick={() => void auth.signIn()}>
          Sign in
        </Button>
      </Group>
    );
  }

  const email = me.data?.me?.email;
  const signOut = () => {
    setBusy(true);
    auth.signOut().catch(() => setBusy(false));
  };
  const signOutEverywhere = async () => {
    setBusy(true);
    try {
      await revokeEverywhere();
    } catch (error) {
      // SSO (or the mutation) unavailable: say so, and offer signing out of this browser only.
      setEverywhereFailed(errorMessages(error instanceof Error ? error : new Error(String(error))));
      setBusy(false);
      return;
    }
    signOut();
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="sm" loading={busy} aria-label={`Account: ${email ?? 'signed in'}`}>
            {email ?? 'Account'}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in{email ? ` as ${email}` : ''}</Menu.Label>
          <Menu.Item onClick={signOut}>Sign out</Menu.Item>
          <Menu.Item color="red" onClick={() => void signOutEverywhere()}>
            Sign out everywhere
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={everywhereFailed !== null} onClose={() => setEverywhereFailed(null)} title="Could not sign out everywhere">
        <Stack>
          <Text size="sm">Your other devices and apps could not be signed out right now:</Text>
          {(everywhereFailed ?? []).map((message, index) => (
            <Text key={`${index}-${message}`} size="sm" c="red.8">
              {message}
            </Text>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEverywhereFailed(null)}>
              Cancel
            </Button>
            <Button
              onClick={() => {
                setEverywhereFailed(null);
                signOut();
              }}
            >
              Sign out of this browser only
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
