import { useQuery, useSubscription } from '@apollo/client/react';
import { Badge, Button } from '@mantine/core';
import { ChatConversationUpdatedDocument, useOptionalAuth } from '@market/ui';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { graphql } from '../gql';

const UnreadMessagesDocument = graphql(`
  query UnreadMessages {
    me {
      id
      unreadMessages
    }
  }
`);

/** `me.unreadMessages` again, shortly after conversation updates (several updates in a burst: one request). */
function SignedInBadge({ to }: { to: string }) {
  const { data, refetch } = useQuery(UnreadMessagesDocument, { fetchPolicy: 'cache-and-network' });
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useSubscription(ChatConversationUpdatedDocument, {
    onData: () => {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void refetch(), 300);
    },
  });
  useEffect(() => () => clearTimeout(timer.current), []);
  const unread = data?.me?.unreadMessages ?? 0;
  const label = unread === 0 ? 'Messages' : `Messages, ${unread} unread`;
  return (
    <Button
      component={Link}
      to={to}
      variant="subtle"
      size="compact-sm"
      aria-label={label}
      rightSection={
        unread > 0 ? (
          <Badge size="sm" color="red" circle={unread < 10} aria-hidden>
            {unread > 99 ? '99+' : unread}
          </Badge>
        ) : undefined
      }
    >
      Messages
    </Button>
  );
}

export interface UnreadMessagesBadgeProps {
  /** Where the badge leads (default `/messages`). */
  to?: string;
}

/** For the header: "Messages" with the signed-in user's unread count, live; nothing for anonymous visitors. */
export function UnreadMessagesBadge({ to = '/messages' }: UnreadMessagesBadgeProps) {
  const signedIn = useOptionalAuth()?.user != null;
  return signedIn ? <SignedInBadge to={to} /> : null;
}
