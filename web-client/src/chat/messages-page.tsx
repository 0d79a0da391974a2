import { Card, Grid, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ChatPanel, PageHeader } from '@market/ui';
import { useSearchParams } from 'react-router';
import { ConversationList } from './conversation-list';

/**
 * `/messages`: the signed-in user's conversations beside the open one (`?conversation=<id>`, so links and the back
 * button work). Put it behind sign-in (RequireSignIn) in the routes.
 */
export function MessagesPage() {
  useDocumentTitle('Messages');
  const [params, setParams] = useSearchParams();
  const selectedId = params.get('conversation');
  return (
    <>
      <PageHeader title="Messages" />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card padding="xs">
            <ConversationList
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
          <Card>
            {selectedId ? (
              <ChatPanel key={selectedId} conversationId={selectedId} height="60vh" />
            ) : (
              <Text c="dimmed">Choose a conversation.</Text>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
