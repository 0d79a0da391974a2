import { useQuery } from '@apollo/client/react';
import { Grid, Stack } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, PageHeader, useOptionalAuth } from '@market/ui';
import { PhoneSection } from '../components/account/phone-section';
import { PreferencesForm } from '../components/account/preferences-form';
import { ProfileForm } from '../components/account/profile-form';
import { SignInPrompt } from '../components/sign-in-prompt';
import { graphql } from '../gql';

const AccountProfileDocument = graphql(`
  query AccountProfile {
    me {
      id
      email
      profile {
        displayName
        bio
        phone
        phoneVerified
        locale
        timezone
        avatarUrl
        updatedAt
        address {
          line1
          line2
          postalCode
          city
          region
          country
        }
      }
      preferences {
        language
        theme
        channels {
          category
          channels
        }
        privacy {
          showPhoneToAgencies
          showOnlineStatus
          allowAnalytics
        }
      }
    }
  }
`);

/** `/account/profile`: profile, phone verification and preferences of the signed-in user. */
export function ProfilePage() {
  useDocumentTitle('Profile · Marketplace');
  const auth = useOptionalAuth();
  const signedIn = auth?.user != null;
  const { data, error, refetch } = useQuery(AccountProfileDocument, {
    skip: !signedIn,
    fetchPolicy: 'cache-and-network',
    errorPolicy: 'all',
  });

  if (auth?.state.status === 'loading') return <LoadingState label="Signing in…" />;
  if (!signedIn) return <SignInPrompt title="Profile" message="Sign in to edit your profile and preferences." />;
  if (error && !data?.me) return <ErrorState error={error} onRetry={() => refetch()} />;
  if (!data) return <LoadingState label="Loading your profile…" />;
  const me = data.me;
  if (!me) return <SignInPrompt title="Profile" message="Sign in to edit your profile and preferences." />;

  return (
    <Stack gap={0}>
      <PageHeader title="Profile" description={me.email} />
      {error ? <ErrorState error={error} title="Parts of your profile could not be loaded" /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <ProfileForm profile={me.profile} />
            <PhoneSection phone={me.profile?.phone} verified={me.profile?.phoneVerified ?? false} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>{me.preferences ? <PreferencesForm preferences={me.preferences} /> : null}</Grid.Col>
      </Grid>
    </Stack>
  );
}
