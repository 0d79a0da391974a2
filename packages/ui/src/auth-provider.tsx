import { useApolloClient } from '@apollo/client/react';
import { Alert, Button, Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import { createContext, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { Auth, AuthState, AuthUser } from './auth';
import { LoadingState } from './query-states';

interface AuthContextValue {
  auth: Auth;
  state: AuthState;
}

const AuthContext = createContext<AuthContextValue | null>(null);

/**
 * Makes the app's `Auth` available to its components, and resets the Apollo cache whenever the signed-in user
 * changes (sign-in, falling back to anonymous), so no query result of one user is shown to another.
 */
export function AuthProvider({ auth, children }: { auth: Auth; children: ReactNode }) {
  const state = useSyncExternalStore(auth.subscribe, auth.getState);
  const client = useApolloClient();
  const userId = state.status === 'signed-in' ? state.user.id : state.status;
  const previous = useRef(userId);
  useEffect(() => {
    if (previous.current === userId) return;
    const wasLoading = previous.current === 'loading';
    previous.current = userId;
    // From loading to anonymous nothing was fetched with a token; otherwise refetch as the new caller.
    if (!(wasLoading && userId === 'anonymous')) client.resetStore().catch(() => undefined);
  }, [client, userId]);
  return <AuthContext.Provider value={{ auth, state }}>{children}</AuthContext.Provider>;
}

export interface UseAuth {
  state: AuthState;
  /** The signed-in user, or null. */
  user: AuthUser | null;
  auth: Auth;
}

/** The sign-in state; throws outside an `AuthProvider`. */
export function useAuth(): UseAuth {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth: no <AuthProvider> above this component');
  return { state: value.state, user: value.state.status === 'signed-in' ? value.state.user : null, auth: value.auth };
}

/** Like `useAuth`, but null outside an `AuthProvider` (shared components that also render without sign-in). */
export function useOptionalAuth(): UseAuth | null {
  const value = useContext(AuthContext);
  return value ? { state: value.state, user: value.state.status === 'signed-in' ? value.state.user : null, auth: value.auth } : null;
}

/** Why a sign-in failed, in words (SSO's `error_description` when it gave one). */
function signInFailure(error: unknown): string {
  if (error instanceof Error && 'error_description' in error && typeof error.error_description === 'string' && error.error_description)
    return error.error_description;
  if (error instanceof Error && /state/i.test(error.message))
    return 'This sign-in link was already used or has expired (for example after a reload).';
  return error instanceof Error && error.message ? error.message : 'Something went wrong.';
}

/** The `/callback` route: completes the sign-in and goes back to where the user was. */
export function SignInCallback() {
  const { auth } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let active = true;
    auth.completeSignIn().then(
      (returnTo) => {
        if (active) void navigate(returnTo, { replace: true });
      },
      (failure: unknown) => {
        if (active) setError(signInFailure(failure));
      },
    );
    return () => {
      active = false;
    };
  }, [auth, navigate]);
  if (!error) return <LoadingState label="Signing you in…" />;
  return (
    <Alert color="red" variant="light" title="Could not sign you in" role="alert">
      <Stack gap="sm">
        <Text size="sm">{error}</Text>
        <Group>
          <Button size="xs" onClick={() => void auth.signIn('/')}>
            Sign in again
          </Button>
          <Button size="xs" variant="default" onClick={() => void navigate('/', { replace: true })}>
            Continue without signing in
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

export interface RequireSignInProps {
  /** Shown above the sign-in button, e.g. "Sign in to the back office". */
  title: string;
  /** Who may use what is inside (e.g. staff and admins); others see `forbiddenMessage` and may sign out. */
  allow?: (user: AuthUser) => boolean;
  forbiddenMessage?: string;
  children: ReactNode;
}

/** Renders `children` for a signed-in (and allowed) user only; anonymous visitors get a sign-in screen. */
export function RequireSignIn({ title, allow, forbiddenMessage, children }: RequireSignInProps) {
  const { state, user, auth } = useAuth();
  const { pathname } = useLocation();
  // The callback route itself must render to complete the sign-in.
  if (pathname === auth.callbackPath) return children;
  if (state.status === 'loading') return <LoadingState label="Checking your session…" />;
  if (!user) {
    return (
      <Center py="xl">
        <Card maw={420} w="100%">
          <Stack>
            <Title order={2}>{title}</Title>
            {state.status === 'anonymous' && state.notice ? (
              <Alert color="yellow" variant="light" role="status">
                {state.notice}
              </Alert>
            ) : (
              <Text c="dimmed">You are not signed in.</Text>
            )}
            <Button onClick={() => void auth.signIn()}>Sign in</Button>
          </Stack>
        </Card>
      </Center>
    );
  }
  if (allow && !allow(user)) {
    return (
      <Center py="xl">
        <Card maw={420} w="100%">
          <Stack>
            <Title order={2}>No access</Title>
            <Text>{forbiddenMessage ?? 'Your account cannot use this app.'}</Text>
            <Button variant="default" onClick={() => void auth.signOut()}>
              Sign out
            </Button>
          </Stack>
        </Card>
      </Center>
    );
  }
  return children;
}
