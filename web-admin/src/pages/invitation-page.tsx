import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Center, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ErrorState, LoadingState, humanizeEnum, useAuth } from '@market/ui';
import { Link, useParams } from 'react-router';
import { graphql } from '../gql';

const StaffInvitationDocument = graphql(`
  query StaffInvitation($token: String!) {
    agencyInvitation(token: $token) {
      id
      email
      role
      status
      expiresAt
      agency {
        id
        name
      }
      invitedBy {
        id
        email
      }
    }
  }
`);

const AcceptStaffInvitationDocument = graphql(`
  mutation StaffAcceptInvitation($token: String!) {
    acceptAgencyInvitation(token: $token) {
      id
      name
      viewerRole
    }
  }
`);

/**
 * `/invitations/:token`: the link from the invitation mail. Any signed-in user may open it (they are not staff
 * yet); the server checks that the invitation names their email.
 */
export function InvitationPage() {
  useDocumentTitle('Invitation · Back office');
  const { token = '' } = useParams();
  const { auth } = useAuth();
  const { data, error, loading } = useQuery(StaffInvitationDocument, { variables: { token } });
  // After joining, the roles in the access token are stale: the Viewer query and a fresh sign-in pick up the new ones.
  const [accept, accepting] = useMutation(AcceptStaffInvitationDocument, { refetchQueries: ['Viewer'], awaitRefetchQueries: true });
  const invitation = data?.agencyInvitation;
  let body;
  if (error && !data) body = <ErrorState error={error} title="Could not open the invitation" />;
  else if (loading && !data) body = <LoadingState />;
  else if (!invitation) body = <Text>This invitation does not exist or is not addressed to you.</Text>;
  else if (accepting.data) {
    body = (
      <Stack>
        <Text role="status">
          You joined {accepting.data.acceptAgencyInvitation.name} as{' '}
          {humanizeEnum(accepting.data.acceptAgencyInvitation.viewerRole ?? invitation.role).toLowerCase()}.
        </Text>
        <Button component={Link} to={`/agency/board?agency=${accepting.data.acceptAgencyInvitation.id}`}>
          Open the agency
        </Button>
      </Stack>
    );
  } else {
    body = (
      <Stack>
        <Text>
          {invitation.invitedBy.email} invites {invitation.email} to join <b>{invitation.agency.name}</b> as{' '}
          {humanizeEnum(invitation.role).toLowerCase()}.
        </Text>
        {invitation.status === 'PENDING' ? (
          <Button
            loading={accepting.loading}
            onClick={() =>
              void accept({ variables: { token } })
                // A fresh token carries the staff role SSO now grants, so the back office opens without a new sign-in.
                .then(() => auth.renew())
                .catch(() => undefined)
            }
          >
            Accept invitation
          </Button>
        ) : (
          <Text c="dimmed">This invitation is {humanizeEnum(invitation.status).toLowerCase()}.</Text>
        )}
        {accepting.error ? <ErrorState error={accepting.error} title="Could not accept the invitation" /> : null}
      </Stack>
    );
  }
  return (
    <Center py="xl">
      <Card maw={520} w="100%" withBorder>
        <Stack>
          <Title order={2}>Invitation</Title>
          {body}
        </Stack>
      </Card>
    </Center>
  );
}
