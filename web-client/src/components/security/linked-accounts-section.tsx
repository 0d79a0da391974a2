import { useMutation } from '@apollo/client/react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { ConfirmModal, formatDate } from '@market/ui';
import { useState } from 'react';
import { graphql } from '../../gql';
import type { SecurityOverviewQuery } from '../../gql/graphql';

const UnlinkIdentityDocument = graphql(`
  mutation UnlinkIdentity($provider: String!, $subject: String!) {
    unlinkIdentity(provider: $provider, subject: $subject) {
      id
      linkedIdentities {
        provider
        subject
        email
        linkedAt
      }
    }
  }
`);

const PROVIDER_NAMES: Readonly<Record<string, string>> = { google: 'Google', github: 'GitHub', facebook: 'Facebook', linkedin: 'LinkedIn' };

/** `github` → "GitHub"; a configured generic connector keeps its id. */
export function providerName(provider: string): string {
  return PROVIDER_NAMES[provider] ?? provider;
}

type Identity = NonNullable<NonNullable<SecurityOverviewQuery['me']>['linkedIdentities']>[number];

/** Accounts at Google, GitHub … that sign in as this user; unlink any that is not the last way in. */
export function LinkedAccountsSection({ identities }: { identities: readonly Identity[] }) {
  const [pending, setPending] = useState<Identity | null>(null);
  const [unlink, { loading, error, reset }] = useMutation(UnlinkIdentityDocument, { refetchQueries: ['SecurityActivity'] });

  const close = () => {
    reset();
    setPending(null);
  };
  const confirm = () => {
    if (!pending) return;
    void unlink({ variables: { provider: pending.provider, subject: pending.subject } })
      .then((result) => {
        if (result.data) close();
      })
      .catch(() => undefined);
  };

  return (
    <Card component="section" aria-labelledby="linked-heading">
      <Stack gap="md">
        <Title order={3} size="h4" id="linked-heading">
          Linked accounts
        </Title>
        {identities.length === 0 ? (
          <Text size="sm" c="dimmed">
            No accounts are linked. Choose “Continue with …” on the sign-in page to link one.
          </Text>
        ) : (
          <Stack component="ul" aria-label="Linked accounts" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
            {identities.map((identity) => (
              <Group component="li" key={`${identity.provider}:${identity.subject}`} justify="space-between" wrap="nowrap">
                <Stack gap={0}>
                  <Text fw={600}>{providerName(identity.provider)}</Text>
                  <Text size="sm" c="dimmed">
                    {identity.email ?? identity.subject} · linked {formatDate(identity.linkedAt)}
                  </Text>
                </Stack>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => setPending(identity)}
                  aria-label={`Unlink ${providerName(identity.provider)}`}
                >
                  Unlink
                </Button>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
      <ConfirmModal
        opened={pending !== null}
        title={pending ? `Unlink ${providerName(pending.provider)}?` : 'Unlink account?'}
        confirmLabel="Unlink"
        loading={loading}
        error={error}
        onConfirm={confirm}
        onClose={close}
      >
        <Text size="sm">You will no longer be able to sign in with this account.</Text>
      </ConfirmModal>
    </Card>
  );
}
