import { useQuery } from '@apollo/client/react';
import { Badge, Box, Text } from '@mantine/core';
import { ChatPanel, ErrorState, LoadingState } from '@market/ui';
import { graphql } from '../gql';

const OrderChatDocument = graphql(`
  query OrderChat($id: ID!) {
    order(id: $id) {
      id
      conversation {
        id
        unreadCount
      }
    }
  }
`);

export interface OrderChatProps {
  orderId: string;
}

/**
 * The order's live chat with the agency (`Order.conversation`): the content of the order page's "Messages" section
 * (no card or heading of its own).
 */
export function OrderChat({ orderId }: OrderChatProps) {
  const { data, loading, error, refetch } = useQuery(OrderChatDocument, { variables: { id: orderId } });
  const conversation = data?.order?.conversation;
  return (
    <Box role="region" aria-label="Chat with the agency">
      {conversation && conversation.unreadCount > 0 && (
        <Badge mb="xs" aria-label={`${conversation.unreadCount} unread`}>
          {conversation.unreadCount} new
        </Badge>
      )}
      {error && !data ? (
        <ErrorState error={error} title="Could not load the chat" onRetry={() => refetch()} />
      ) : loading && !data ? (
        <LoadingState label="Loading the chat…" />
      ) : conversation ? (
        <ChatPanel conversationId={conversation.id} />
      ) : (
        <Text c="dimmed">There is no conversation for this order yet.</Text>
      )}
    </Box>
  );
}
