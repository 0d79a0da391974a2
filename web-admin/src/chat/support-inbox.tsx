import { Card, Grid, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ChatPanel, PageHeader } from '@market/ui';
import { useSearchParams } from 'react-router';
import { ConversationKind } from '../gql/graphql';
import { InboxList } from './inbox-list';

/**
 * `/support` for platform admins (render it inside `<AdminOnly>`): every SUPPORT conversation, beside the open one
 * (`?conversation=<id>`). The chat service records an audit event each time an admin reads one.
 */
export function SupportInbox() {
  useDocumentTitle('Support');
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('conversation');
  return (
    <>
      <PageHeader title="Support" description="Conversations between users and the platform's admins" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card padding="xs">
            <InboxList
              kind={ConversationKind.Support}
              label="Support conversations"
              // Admins are not participants of every support conversation: conversationUpdated does not reach them all.
              pollInterval={30_000}
              selectedId={selectedId}
              onSelect={(id) =>
                setParams((previous) => {
                  const next = new URLSearchParams(previous);
                  next.set('conversation', id);
                  return next;
                })
              }
            />
          </Card>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {selectedId ? (
            <Card>
              <Text size="sm" c="dimmed" mb="sm">
                Opening a support conversation is recorded in the audit log.
              </Text>
              <ChatPanel key={selectedId} conversationId={selectedId} height="55vh" />
            </Card>
          ) : (
            <Card>
              <Text c="dimmed">Choose a conversation.</Text>
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </>
  );
}
