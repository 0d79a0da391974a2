import { Badge, Group, NavLink, Stack, Text } from '@mantine/core';
import { formatDateTime, humanizeEnum } from '../format';

/** What a conversation list needs of each conversation (both apps' list queries select at least this). */
export interface ConversationNavItem {
  id: string;
  kind: string;
  unreadCount: number;
  lastMessageAt?: string | null;
  createdAt: string;
  lastMessage?: {
    body: string;
    deletedAt?: string | null;
    sender: { profile?: { displayName: string } | null };
  } | null;
}

/** Most recently active first (a conversation without messages counts from its creation). */
export function byLastActivity(a: ConversationNavItem, b: ConversationNavItem): number {
  return (b.lastMessageAt ?? b.createdAt).localeCompare(a.lastMessageAt ?? a.createdAt);
}

export interface ConversationNavProps<C extends ConversationNavItem> {
  conversations: readonly C[];
  /** How each conversation is named (the apps name them differently). */
  labelOf: (conversation: C) => string;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** Accessible name of the list. */
  ariaLabel: string;
}

/** Conversations as a navigation list: name, unread badge, the last message with its sender and time. */
export function ConversationNav<C extends ConversationNavItem>({
  conversations,
  labelOf,
  selectedId,
  onSelect,
  ariaLabel,
}: ConversationNavProps<C>) {
  return (
    <Stack gap={2} component="nav" aria-label={ariaLabel}>
      {conversations.map((conversation) => {
        const last = conversation.lastMessage;
        return (
          <NavLink
            key={conversation.id}
            component="button"
            active={conversation.id === selectedId}
            aria-current={conversation.id === selectedId ? 'page' : undefined}
            onClick={() => onSelect(conversation.id)}
            label={
              <Group gap={6} justify="space-between" wrap="nowrap">
                <Text size="sm" fw={conversation.unreadCount > 0 ? 700 : 500} lineClamp={1}>
                  {labelOf(conversation)}
                </Text>
                {conversation.unreadCount > 0 && (
                  <Badge size="sm" circle={conversation.unreadCount < 10} aria-label={`${conversation.unreadCount} unread`}>
                    {conversation.unreadCount}
                  </Badge>
                )}
              </Group>
            }
            description={
              last ? (
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {last.deletedAt ? 'Message deleted' : `${last.sender.profile?.displayName ?? 'Someone'}: ${last.body}`}
                  {conversation.lastMessageAt ? ` · ${formatDateTime(conversation.lastMessageAt)}` : ''}
                </Text>
              ) : (
                humanizeEnum(conversation.kind)
              )
            }
          />
        );
      })}
    </Stack>
  );
}
