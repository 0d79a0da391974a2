import { useQuery } from '@apollo/client/react';
import { Button, Grid, Group, Stack, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, PageHeader, formatDateTime, useOptionalAuth } from '@market/ui';
import { ActivitySection } from '../components/security/activity-section';
import { LinkedAccountsSection } from '../components/security/linked-accounts-section';
import { MfaSection } from '../components/security/mfa-section';
import { PasswordSection } from '../components/security/password-section';
import { SessionsSection } from '../components/security/sessions-section';
import { graphql } from '../gql';

const SecurityOverviewDocument = graphql(`
  query SecurityOverview {
    me {
      id
      email
      emailVerified
      mfaEnabled
      lastLoginAt
      linkedIdentities {
        provider
        subject
        email
        linkedAt
      }
    }
  }
`);

/** `/account/security`: two-step verification, sessions, linked accounts, password, recent activity. */
function SignInFirst() {
  const auth = useOptionalAuth();
  return (
    <Stack gap={0}>
      <PageHeader title="Security" />
      <Stack gap="md" align="flex-start">
        <Text>Sign in to see and change your security settings.</Text>
        {auth ? (
          <Group>
            <Button onClick={() => void auth.auth.signIn().catch(() => undefined)}>Sign in</Button>
          </Group>
        ) : null}
      </Stack>
    </Stack>
  );
}

export function SecurityPage() {
  useDocumentTitle('Security · Marketplace');
  const auth = useOptionalAuth();
  const signedIn = auth?.user != null;
  const { data, error, refetch } = useQuery(SecurityOverviewDocument, { fetchPolicy: 'cache-and-network', skip: !signedIn });

  if (auth?.state.status === 'loading') return <LoadingState label="Signing in…" />;
  if (!signedIn) return <SignInFirst />;
  if (error && !data) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (!data) return <LoadingState label="Loading your security settings…" />;
  const me = data.me;
  if (!me) return <SignInFirst />;

  return (
    <Stack gap={0}>
      <PageHeader
        title="Security"
        description={
          <>
            {me.email}
            {me.emailVerified ? '' : ' (not verified yet)'}
            {me.lastLoginAt ? ` · last sign-in ${formatDateTime(me.lastLoginAt)}` : ''}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <MfaSection email={me.email} mfaEnabled={me.mfaEnabled ?? false} />
            <SessionsSection />
            <PasswordSection />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <LinkedAccountsSection identities={me.linkedIdentities ?? []} />
            <ActivitySection />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
