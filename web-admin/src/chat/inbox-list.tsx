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
import type { ConversationKind, InboxConversationListQuery } from '../gql/graphql';

const InboxConversationListDocument = graphql(`
  query InboxConversationList($first: Int!, $kind: ConversationKind) {
    conversations(first: $first, kind: $kind) {
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
          participants {
            side
            user {
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

export type InboxConversation = InboxConversationListQuery['conversations']['edges'][number]['node'];

/** How a conversation is named in the inbox: its order, else its title, else the customer, else its kind. */
export function inboxLabel(conversation: InboxConversation): string {
  if (conversation.order) return `Order ${conversation.order.number} · ${conversation.order.title}`;
  if (conversation.title) return conversation.title;
  const customer = conversation.participants.find((participant) => participant.side === 'CUSTOMER')?.user;
  if (customer) return customer.profile?.displayName ?? humanizeEnum(conversation.kind);
  return humanizeEnum(conversation.kind);
}

export interface InboxListProps {
  /** The kind of conversation listed (null: all of the viewer's). */
  kind: ConversationKind | null;
  /** Keep only these (e.g. the current agency's). */
  filter?: (conversation: InboxConversation) => boolean;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Accessible name of the list. */
  label: string;
  /** Poll as well (admins are not participants of support conversations, so conversationUpdated may not reach them). */
  pollInterval?: number;
}

/** Conversations, most recently active first, with unread counts; live through conversationUpdated. */
export function InboxList({ kind, filter, selectedId, onSelect, label, pollInterval }: InboxListProps) {
  const { data, loading, error, refetch } = useQuery(InboxConversationListDocument, {
    variables: { first: 50, kind },
    fetchPolicy: 'cache-and-network',
    ...(pollInterval ? { pollInterval } : {}),
  });
  useSubscription(ChatConversationUpdatedDocument, {
    onData: ({ data: event }) => {
      const updated = event.data?.conversationUpdated;
      // Known conversations update in the normalized cache; a new one needs the list again.
      if (updated && (kind === null || updated.kind === kind) && !data?.conversations.edges.some((edge) => edge.node.id === updated.id)) {
        void refetch();
      }
    },
  });
  const conversations = useMemo(
    () =>
      (data?.conversations.edges ?? [])
        .map((edge) => edge.node)
        .filter((conversation) => !filter || filter(conversation))
        .sort(byLastActivity),
    [data, filter],
  );
  if (error && !data) return <ErrorState error={error} title="Could not load the conversations" onRetry={() => refetch()} />;
  if (loading && !data) return <LoadingState label="Loading conversations…" />;
  if (conversations.length === 0) return <EmptyState message="No conversations yet." />;
  return (
    <ConversationNav conversations={conversations} labelOf={inboxLabel} selectedId={selectedId} onSelect={onSelect} ariaLabel={label} />
  );
}
