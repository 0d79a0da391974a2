import { Card, Grid, SegmentedControl, Text } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { ChatPanel, PageHeader } from '@market/ui';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { AgencySwitcher, useCurrentAgency } from '../components/agency/current-agency';
import { ConversationKind } from '../gql/graphql';
import { InboxList, type InboxConversation } from './inbox-list';

const KINDS = [
  { value: ConversationKind.Order, label: 'Orders' },
  { value: ConversationKind.Agency, label: 'Enquiries' },
];

/**
 * `/inbox` for agency staff: the current agency's ORDER and AGENCY conversations (the staff member's own, as the
 * chat service lists them), live, beside the open one. Render it inside `<AgencyScope>` (the `staff(…)` wrapper),
 * which picks the current agency (`?agency=`); the open conversation is `?conversation=<id>`, the tab `?kind=`.
 */
export function AgencyInbox() {
  useDocumentTitle('Inbox');
  const agency = useCurrentAgency();
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') === ConversationKind.Agency ? ConversationKind.Agency : ConversationKind.Order;
  const selectedId = params.get('conversation');
  const ofAgency = useCallback((conversation: InboxConversation) => conversation.agency?.id === agency.id, [agency.id]);
  const set = (key: string, value: string | null) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value === null) next.delete(key);
      else next.set(key, value);
      return next;
    });
  return (
    <>
      <PageHeader title="Inbox" description={`Conversations with the customers of ${agency.name}`} actions={<AgencySwitcher />} />
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Card padding="xs">
            <SegmentedControl
              fullWidth
              mb="xs"
              aria-label="Conversation kind"
              data={KINDS}
              value={kind}
              onChange={(value) => {
                set('kind', value);
                set('conversation', null);
              }}
            />
            <InboxList
              kind={kind}
              filter={ofAgency}
              label="Conversations"
              selectedId={selectedId}
              onSelect={(id) => set('conversation', id)}
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
