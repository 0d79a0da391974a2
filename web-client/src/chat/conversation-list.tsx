import { useQuery, useSubscription } from '@apollo/client/react';
import {
  byLastActivity,
  ChatConversationUpdatedDocument,
  ConversationNav,
  EmptyState,
  ErrorState,
  humanizeEnum,
  LoadingState,
} from '@market/ui';
import { useMemo } from 'react';
import { graphql } from '../gql';
import type { ChatConversationListQuery } from '../gql/graphql';

const ChatConversationListDocument = graphql(`
  query ChatConversationList($first: Int!) {
    conversations(first: $first) {
      totalCount
      edges {
        node {
          id
          kind
          title
          unreadCount
          lastMessageAt
          createdAt
          lastMessage {
            id
            body
            deletedAt
            sender {
              id
              profile {
                displayName
              }
            }
          }
          agency {
            id
            name
          }
          order {
            id
            number
            title
          }
        }
      }
    }
  }
`);

export type ConversationSummary = ChatConversationListQuery['conversations']['edges'][number]['node'];

/** How a conversation is named in lists: its title, else its order or agency, else its kind. */
export function conversationLabel(conversation: ConversationSummary): string {
  if (conversation.title) return conversation.title;
  if (conversation.order) return `Order ${conversation.order.number} · ${conversation.order.title}`;
  if (conversation.agency) return conversation.agency.name;
  return humanizeEnum(conversation.kind);
}

export interface ConversationListProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** The signed-in user's conversations, most recently active first, with unread counts; live through conversationUpdated. */
export function ConversationList({ selectedId, onSelect }: ConversationListProps) {
  const { data, loading, error, refetch } = useQuery(ChatConversationListDocument, {
    variables: { first: 50 },
    fetchPolicy: 'cache-and-network',
  });
  useSubscription(ChatConversationUpdatedDocument, {
    onData: ({ data: event }) => {
      const updated = event.data?.conversationUpdated;
      // Known conversations update in the normalized cache; a new one needs the list again.
      if (updated && !data?.conversations.edges.some((edge) => edge.node.id === updated.id)) void refetch();
    },
  });
  const conversations = useMemo(() => (data?.conversations.edges ?? []).map((edge) => edge.node).sort(byLastActivity), [data]);
  if (error && !data) return <ErrorState error={error} title="Could not load your conversations" onRetry={() => refetch()} />;
  if (loading && !data) return <LoadingState label="Loading conversations…" />;
  if (conversations.length === 0) return <EmptyState message="No conversations yet." />;
  return (
    <ConversationNav
      conversations={conversations}
      labelOf={conversationLabel}
      selectedId={selectedId}
      onSelect={onSelect}
      ariaLabel="Conversations"
    />
  );
}
