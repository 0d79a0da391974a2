import type { ApolloCache } from '@apollo/client';
import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { Alert, Anchor, Badge, Box, Button, Group, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useOptionalAuth } from '../auth-provider';
import { ConfirmModal } from '../confirm-modal';
import { errorMessages } from '../error-messages';
import { formatDateTime } from '../format';
import { ErrorState, LoadingState } from '../query-states';
import { ChatMarkdown } from './markdown';
import { VoiceMessage } from './voice-message';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ChatConversationQuery, ChatMessageFieldsFragment } from '../gql/graphql';
import {
  ChatConversationDocument,
  ChatConversationUpdatedDocument,
  ChatDeleteMessageDocument,
  ChatEditMessageDocument,
  ChatMarkReadDocument,
  ChatMessageAddedDocument,
  ChatSendMessageDocument,
  ChatSetTypingDocument,
  ChatTypingDocument,
} from './operations';

/** The contract's limit for a message body. */
export const MAX_MESSAGE_LENGTH = 4000;
const PAGE_SIZE = 30;
/** A typing indicator disappears this long after the last `typing` event unless renewed. */
const TYPING_EXPIRES_MS = 5000;
/** While typing, `setTyping(true)` at most this often; `setTyping(false)` after this long without a keystroke. */
const TYPING_THROTTLE_MS = 3000;
const TYPING_IDLE_MS = 4000;

type ChatMessage = ChatMessageFieldsFragment;
type Conversation = NonNullable<ChatConversationQuery['conversation']>;

/** Newest first, as the API pages them; ties by id so that the order is stable. */
function newestFirst(a: ChatMessage, b: ChatMessage): number {
  return b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);
}

/** Adds edges to a page of history without duplicates (an own message arrives as the mutation result and as an event). */
export function mergeMessageEdges<E extends { node: ChatMessage }>(existing: readonly E[], incoming: readonly E[]): E[] {
  const byId = new Map<string, E>();
  for (const edge of existing) byId.set(edge.node.id, edge);
  for (const edge of incoming) if (!byId.has(edge.node.id)) byId.set(edge.node.id, edge);
  return [...byId.values()].sort((a, b) => newestFirst(a.node, b.node));
}

/** Writes a new message into the cached history of its conversation (the first-page query the panel watches). */
export function addMessageToCache(cache: ApolloCache, conversationId: string, message: ChatMessage): void {
  cache.updateQuery({ query: ChatConversationDocument, variables: { id: conversationId, first: PAGE_SIZE } }, (data) => {
    const conversation = data?.conversation;
    if (!conversation) return data;
    const { messages } = conversation;
    if (messages.edges.some((edge) => edge.node.id === message.id)) return data;
    const edge = { __typename: 'MessageEdge' as const, cursor: message.id, node: message };
    return {
      ...data,
      conversation: {
        ...conversation,
        messages: { ...messages, totalCount: messages.totalCount + 1, edges: mergeMessageEdges(messages.edges, [edge]) },
      },
    };
  });
}

/** A random id for idempotent sends (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newClientMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const displayName = (user: { profile?: { displayName: string } | null }) => user.profile?.displayName ?? 'Someone';

interface Typer {
  name: string;
  until: number;
}

/** Who is typing in the conversation (others only), from the `typing` subscription; entries expire after 5 s. */
function useTypers(conversationId: string, viewerId: string | null): string[] {
  const [typers, setTypers] = useState<ReadonlyMap<string, Typer>>(new Map());
  useSubscription(ChatTypingDocument, {
    variables: { conversationId },
    onData: ({ data }) => {
      const event = data.data?.typing;
      if (!event || event.user.id === viewerId) return;
      setTypers((previous) => {
        const next = new Map(previous);
        if (event.typing) next.set(event.user.id, { name: displayName(event.user), until: Date.now() + TYPING_EXPIRES_MS });
        else next.delete(event.user.id);
        return next;
      });
    },
  });
  useEffect(() => {
    if (typers.size === 0) return;
    const soonest = Math.min(...[...typers.values()].map((typer) => typer.until));
    const timer = setTimeout(
      () => setTypers((previous) => new Map([...previous].filter(([, typer]) => typer.until > Date.now()))),
      Math.max(50, soonest - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [typers]);
  return [...typers.values()].map((typer) => typer.name);
}

function typingText(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length === 2) return `${names[0]} and ${names[1]} are typing…`;
  return `${names.length} people are typing…`;
}

/** Tells the others that the viewer is typing: at most every 3 s while keys are pressed, "stopped" after 4 s idle or on send. */
function useTypingNotifier(conversationId: string) {
  const [setTyping] = useMutation(ChatSetTypingDocument);
  const lastSent = useRef(0);
  const idle = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const send = useCallback(
    (typing: boolean) => {
      setTyping({ variables: { conversationId, typing } }).catch(() => {
        // Ephemeral: a lost indicator is not worth an error message.
      });
    },
    [conversationId, setTyping],
  );
  const stop = useCallback(() => {
    clearTimeout(idle.current);
    if (lastSent.current === 0) return;
    lastSent.current = 0;
    send(false);
  }, [send]);
  const keystroke = useCallback(() => {
    const now = Date.now();
    if (now - lastSent.current >= TYPING_THROTTLE_MS) {
      lastSent.current = now;
      send(true);
    }
    clearTimeout(idle.current);
    idle.current = setTimeout(stop, TYPING_IDLE_MS);
  }, [send, stop]);
  useEffect(() => stop, [stop]);
  return { keystroke, stop };
}

interface PendingMessage {
  clientMessageId: string;
  body: string;
  attachmentIds: string[];
  status: 'sending' | 'failed';
  error?: string;
  /** The messages already shown when it was sent: a newer own message with the same body is this one. */
  knownIds: ReadonlySet<string>;
}

/**
 * The pending sends still to show. The `messageAdded` event of a send may arrive before its mutation result: once
 * the history holds an own message that is newer than the send and has its body, the pending copy is hidden.
 */
function unconfirmed(pending: readonly PendingMessage[], messages: readonly ChatMessage[], viewerId: string | null): PendingMessage[] {
  const claimed = new Set<string>();
  return pending.filter((item) => {
    const arrived = messages.find(
      (message) =>
        message.sender.id === viewerId && !item.knownIds.has(message.id) && !claimed.has(message.id) && message.body === item.body,
    );
    if (!arrived) return true;
    claimed.add(arrived.id);
    return false;
  });
}

function MessageItem({
  message,
  own,
  seenBy,
  onEdit,
  onDelete,
}: {
  message: ChatMessage;
  own: boolean;
  seenBy: readonly string[];
  onEdit: (id: string, body: string) => Promise<void>;
  onDelete: (id: string) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(message.body);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const deleted = message.deletedAt != null;
  const name = own ? 'You' : displayName(message.sender);
  const save = async () => {
    if (draft.trim() === '') return setError('A message cannot be empty; delete it instead.');
    setSaving(true);
    try {
      await onEdit(message.id, draft.trim());
      setEditing(false);
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Box
      component="li"
      aria-label={`Message from ${name}`}
      style={{ listStyle: 'none', alignSelf: own ? 'flex-end' : 'flex-start', maxWidth: '80%' }}
    >
      <Paper p="xs" radius="md" withBorder bg={own ? 'var(--mantine-color-blue-light)' : undefined}>
        <Group gap={6} wrap="nowrap">
          <Text size="sm" fw={600}>
            {name}
          </Text>
          <Text size="xs" c="dimmed" component="time" dateTime={message.createdAt}>
            {formatDateTime(message.createdAt)}
          </Text>
          {message.editedAt && !deleted && (
            <Badge size="xs" variant="light" color="gray" title={`Edited ${formatDateTime(message.editedAt)}`}>
              edited
            </Badge>
          )}
        </Group>
        {deleted ? (
          <Text size="sm" fs="italic" c="dimmed">
            Message deleted
          </Text>
        ) : editing ? (
          <Stack gap={4} mt={4}>
            <Textarea
              aria-label="Edit message"
              autosize
              minRows={1}
              maxRows={8}
              maxLength={MAX_MESSAGE_LENGTH}
              value={draft}
              onChange={(event) => setDraft(event.currentTarget.value)}
              error={error}
            />
            <Group gap={4}>
              <Button size="compact-xs" onClick={() => void save()} loading={saving}>
                Save
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  setEditing(false);
                  setDraft(message.body);
                  setError(null);
                }}
              >
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : (
          message.body !== '' && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              <ChatMarkdown text={message.body} />
            </Text>
          )
        )}
        {!deleted && message.attachments.length > 0 && (
          <Stack gap={2} mt={4} aria-label="Attachments" role="list">
            {message.attachments.map((file) => (
              <Box key={file.id} role="listitem">
                <Anchor href={file.url} target="_blank" rel="noopener noreferrer" size="sm">
                  {file.name}
                </Anchor>
              </Box>
            ))}
          </Stack>
        )}
        {!deleted && message.voice && (
          <Box mt={4}>
            <VoiceMessage url={message.voice.file.url} durationMs={message.voice.durationMs} waveform={message.voice.waveform} />
          </Box>
        )}
        {own && !deleted && !editing && (
          <Group gap={4} mt={4} justify="flex-end">
            <Button
              size="compact-xs"
              variant="subtle"
              aria-label="Edit message"
              onClick={() => {
                setDraft(message.body);
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <Button size="compact-xs" variant="subtle" color="red" aria-label="Delete message" onClick={() => onDelete(message.id)}>
              Delete
            </Button>
          </Group>
        )}
      </Paper>
      {seenBy.length > 0 && (
        <Text size="xs" c="dimmed" ta="right" title={`Seen by ${seenBy.join(', ')}`}>
          Seen
        </Text>
      )}
    </Box>
  );
}

function Composer({ onSend, onKeystroke }: { onSend: (body: string, attachmentIds: string[]) => void; onKeystroke: () => void }) {
  const [body, setBody] = useState('');
  const [fileId, setFileId] = useState('');
  const [attachmentIds, setAttachmentIds] = useState<string[]>([]);
  const empty = body.trim() === '' && attachmentIds.length === 0;
  const send = () => {
    if (empty) return;
    onSend(body.trim(), attachmentIds);
    setBody('');
    setAttachmentIds([]);
  };
  const attach = () => {
    const id = fileId.trim();
    if (id === '') return;
    setAttachmentIds((ids) => (ids.includes(id) ? ids : [...ids, id]));
    setFileId('');
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // Enter sends, Shift+Enter is a new line; never while an input method is composing a character.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };
  return (
    <Stack gap={6}>
      {attachmentIds.length > 0 && (
        <Group gap={4} aria-label="Files to send" role="list">
          {attachmentIds.map((id) => (
            <Badge
              key={id}
              role="listitem"
              variant="light"
              rightSection={
                <Button
                  size="compact-xs"
                  variant="transparent"
                  aria-label={`Remove attachment ${id}`}
                  onClick={() => setAttachmentIds((ids) => ids.filter((other) => other !== id))}
                >
                  ×
                </Button>
              }
            >
              {id}
            </Badge>
          ))}
        </Group>
      )}
      <Textarea
        aria-label="Message"
        placeholder="Write a message (Enter sends, Shift+Enter for a new line)"
        autosize
        minRows={2}
        maxRows={8}
        maxLength={MAX_MESSAGE_LENGTH}
        value={body}
        onChange={(event) => {
          setBody(event.currentTarget.value);
          if (event.currentTarget.value !== '') onKeystroke();
        }}
        onKeyDown={onKeyDown}
        description={`${body.length} / ${MAX_MESSAGE_LENGTH}`}
        inputWrapperOrder={['input', 'description']}
      />
      <Group gap="xs" align="flex-end" justify="space-between">
        <Group gap={4} align="flex-end">
          <TextInput
            size="xs"
            label="Attach file id"
            value={fileId}
            onChange={(event) => setFileId(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                attach();
              }
            }}
          />
          <Button size="xs" variant="default" onClick={attach} disabled={fileId.trim() === ''}>
            Attach
          </Button>
        </Group>
        <Button onClick={send} disabled={empty}>
          Send
        </Button>
      </Group>
    </Stack>
  );
}

export interface ChatPanelProps {
  conversationId: string;
  /** Height of the message list (CSS), default 420px. */
  height?: number | string;
}

/**
 * One conversation: history (newest at the bottom, older pages load when scrolling up), live messages, typing
 * indicator, read receipts, and a send box with attachments by file id.
 */
export function ChatPanel({ conversationId, height = 420 }: ChatPanelProps) {
  const viewerId = useOptionalAuth()?.user?.id ?? null;
  const { data, loading, error, fetchMore, refetch } = useQuery(ChatConversationDocument, {
    variables: { id: conversationId, first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  useSubscription(ChatMessageAddedDocument, {
    variables: { conversationId },
    onData: ({ client, data: event }) => {
      const message = event.data?.messageAdded;
      if (message) addMessageToCache(client.cache, conversationId, message);
    },
  });
  // Read receipts and edits arrive as conversation updates; the normalized cache applies them.
  useSubscription(ChatConversationUpdatedDocument);
  const typers = useTypers(conversationId, viewerId);
  const typing = useTypingNotifier(conversationId);
  const [sendMessage] = useMutation(ChatSendMessageDocument);
  const [editMessage] = useMutation(ChatEditMessageDocument);
  const [deleteMessage, deletion] = useMutation(ChatDeleteMessageDocument);
  const [markRead] = useMutation(ChatMarkReadDocument);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [olderError, setOlderError] = useState<string | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);

  const conversation: Conversation | null | undefined = data?.conversation;
  const edges = conversation?.messages.edges;
  // Oldest at the top.
  const messages = useMemo(() => (edges ?? []).map((edge) => edge.node).reverse(), [edges]);
  const newest = messages.at(-1);
  const oldest = messages[0];
  const hasOlder = conversation?.messages.pageInfo.hasNextPage ?? false;

  // Scrolling: stick to the bottom when there already (or after the viewer's own send); keep the position when
  // older messages are added above.
  const viewport = useRef<HTMLDivElement>(null);
  const topSentinel = useRef<HTMLDivElement>(null);
  const bottomSentinel = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const restore = useRef<{ height: number; top: number } | null>(null);
  const [bottomVisible, setBottomVisible] = useState(false);

  const loadOlder = useCallback(async () => {
    const cursor = conversation?.messages.pageInfo.endCursor;
    if (!hasOlder || !cursor || loadingOlder) return;
    const el = viewport.current;
    if (el) restore.current = { height: el.scrollHeight, top: el.scrollTop };
    setLoadingOlder(true);
    setOlderError(null);
    try {
      await fetchMore({
        variables: { after: cursor },
        updateQuery: (previous, { fetchMoreResult }) => {
          const prev = previous.conversation;
          const more = fetchMoreResult.conversation;
          if (!prev || !more) return previous;
          return {
            ...previous,
            conversation: {
              ...prev,
              messages: {
                ...prev.messages,
                pageInfo: more.messages.pageInfo,
                edges: mergeMessageEdges(prev.messages.edges, more.messages.edges),
              },
            },
          };
        },
      });
    } catch (caught) {
      restore.current = null;
      setOlderError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoadingOlder(false);
    }
  }, [conversation?.messages.pageInfo.endCursor, hasOlder, loadingOlder, fetchMore]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el || !restore.current) return;
    el.scrollTop = el.scrollHeight - restore.current.height + restore.current.top;
    restore.current = null;
  }, [oldest?.id]);

  useLayoutEffect(() => {
    const el = viewport.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [newest?.id, pending.length, typers.length]);

  // The top sentinel loads the previous page when it scrolls into view; the bottom one tells whether the newest
  // message is visible (read receipts).
  useEffect(() => {
    const root = viewport.current;
    if (!root || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) {
          if (entry.target === topSentinel.current && entry.isIntersecting) void loadOlder();
          if (entry.target === bottomSentinel.current) setBottomVisible(entry.isIntersecting);
        }
      },
      { root },
    );
    if (topSentinel.current) observer.observe(topSentinel.current);
    if (bottomSentinel.current) observer.observe(bottomSentinel.current);
    return () => observer.disconnect();
  }, [loadOlder, conversation != null]);

  // Read receipt: once the newest message is on screen, mark the conversation read up to it.
  const myReadId = conversation?.participants.find((participant) => participant.user.id === viewerId)?.lastReadMessageId ?? null;
  const requestedRead = useRef<string | null>(null);
  useEffect(() => {
    if (!newest || !bottomVisible || newest.id === myReadId || requestedRead.current === newest.id) return;
    if (typeof document !== 'undefined' && document.visibilityState === 'hidden') return;
    requestedRead.current = newest.id;
    markRead({ variables: { conversationId, messageId: newest.id } }).catch(() => {
      requestedRead.current = null;
    });
  }, [newest, bottomVisible, myReadId, conversationId, markRead]);

  // "Seen": under the viewer's newest message that another participant has read up to.
  const seenBy = useMemo(() => {
    const result = new Map<string, string[]>();
    if (!conversation) return result;
    const indexOf = new Map(messages.map((message, index) => [message.id, index]));
    const ownIndexes = messages.flatMap((message, index) => (message.sender.id === viewerId && !message.deletedAt ? [index] : []));
    for (const participant of conversation.participants) {
      if (participant.user.id === viewerId || !participant.lastReadMessageId) continue;
      const readUpTo = indexOf.get(participant.lastReadMessageId);
      if (readUpTo === undefined) continue;
      const own = ownIndexes.filter((index) => index <= readUpTo).at(-1);
      const message = own === undefined ? undefined : messages[own];
      if (message) result.set(message.id, [...(result.get(message.id) ?? []), displayName(participant.user)]);
    }
    // Only the newest "Seen" matters; older ones would repeat it.
    const newestSeen = [...result.keys()].sort((a, b) => (indexOf.get(b) ?? 0) - (indexOf.get(a) ?? 0))[0];
    return newestSeen ? new Map([[newestSeen, [...result.values()].flat()]]) : result;
  }, [conversation, messages, viewerId]);

  const deliver = useCallback(
    async (item: PendingMessage) => {
      setPending((list) =>
        list.map((other) => (other.clientMessageId === item.clientMessageId ? { ...item, status: 'sending', error: undefined } : other)),
      );
      try {
        const result = await sendMessage({
          variables: {
            input: {
              conversationId,
              body: item.body,
              clientMessageId: item.clientMessageId,
              ...(item.attachmentIds.length > 0 ? { attachmentIds: item.attachmentIds } : {}),
            },
          },
          update: (cache, { data: sent }) => {
            if (sent?.sendMessage) addMessageToCache(cache, conversationId, sent.sendMessage);
          },
        });
        if (result.error) throw new Error(errorMessages(result.error).join(' '));
        setPending((list) => list.filter((other) => other.clientMessageId !== item.clientMessageId));
      } catch (caught) {
        const message = caught instanceof Error ? errorMessages(caught).join(' ') : String(caught);
        setPending((list) =>
          list.map((other) => (other.clientMessageId === item.clientMessageId ? { ...other, status: 'failed', error: message } : other)),
        );
      }
    },
    [conversationId, sendMessage],
  );

  const shownPending = useMemo(() => unconfirmed(pending, messages, viewerId), [pending, messages, viewerId]);

  const send = (body: string, attachmentIds: string[]) => {
    typing.stop();
    atBottom.current = true;
    const item: PendingMessage = {
      clientMessageId: newClientMessageId(),
      body,
      attachmentIds,
      status: 'sending',
      knownIds: new Set(messages.map((message) => message.id)),
    };
    setPending((list) => [...list, item]);
    void deliver(item);
  };

  const edit = async (id: string, body: string) => {
    const result = await editMessage({ variables: { id, body } });
    if (result.error) throw new Error(errorMessages(result.error).join(' '));
  };

  if (error && !data) return <ErrorState error={error} title="Could not load the conversation" onRetry={() => refetch()} />;
  if (loading && !data) return <LoadingState label="Loading messages…" />;
  if (!conversation) return <Alert color="gray">This conversation does not exist or is not yours.</Alert>;

  return (
    <Stack gap="xs" aria-label="Chat" role="region">
      <Box
        ref={viewport}
        role="log"
        aria-label="Conversation history"
        aria-live="polite"
        h={height}
        style={{ overflowY: 'auto', overscrollBehavior: 'contain' }}
        onScroll={(event) => {
          const el = event.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
        }}
      >
        <div ref={topSentinel} style={{ height: 1 }} />
        {hasOlder && (
          <Group justify="center" py={4}>
            <Button size="compact-xs" variant="subtle" onClick={() => void loadOlder()} loading={loadingOlder}>
              Load earlier messages
            </Button>
          </Group>
        )}
        {olderError && (
          <Text size="xs" c="red" ta="center" role="alert">
            {olderError}
          </Text>
        )}
        {messages.length === 0 && shownPending.length === 0 && (
          <Text c="dimmed" size="sm" ta="center" py="md">
            No messages yet. Say hello!
          </Text>
        )}
        <Stack component="ol" aria-label="Messages" gap={8} p={4} m={0}>
          {messages.map((message) => (
            <MessageItem
              key={message.id}
              message={message}
              own={message.sender.id === viewerId}
              seenBy={seenBy.get(message.id) ?? []}
              onEdit={edit}
              onDelete={setDeleting}
            />
          ))}
          {shownPending.map((item) => (
            <Box
              component="li"
              key={item.clientMessageId}
              aria-label="Message from You"
              style={{ listStyle: 'none', alignSelf: 'flex-end', maxWidth: '80%', opacity: item.status === 'sending' ? 0.6 : 1 }}
            >
              <Paper p="xs" radius="md" withBorder>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  <ChatMarkdown text={item.body} />
                </Text>
                {item.attachmentIds.length > 0 && (
                  <Text size="xs" c="dimmed">
                    {item.attachmentIds.length} attachment(s)
                  </Text>
                )}
                {item.status === 'sending' ? (
                  <Text size="xs" c="dimmed">
                    Sending…
                  </Text>
                ) : (
                  <Group gap={4}>
                    <Text size="xs" c="red" role="alert">
                      Not sent: {item.error}
                    </Text>
                    <Button size="compact-xs" variant="subtle" onClick={() => void deliver(item)}>
                      Retry
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      color="gray"
                      onClick={() => setPending((list) => list.filter((other) => other.clientMessageId !== item.clientMessageId))}
                    >
                      Discard
                    </Button>
                  </Group>
                )}
              </Paper>
            </Box>
          ))}
        </Stack>
        <div ref={bottomSentinel} style={{ height: 1 }} />
      </Box>
      <Text size="xs" c="dimmed" role="status" aria-live="polite" aria-label="Typing" mih={18}>
        {typingText(typers)}
      </Text>
      <Composer onSend={send} onKeystroke={typing.keystroke} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete message?"
        confirmLabel="Delete message"
        loading={deletion.loading}
        error={deletion.error}
        onConfirm={() => {
          if (!deleting) return;
          void deleteMessage({ variables: { id: deleting } }).then((result) => {
            if (!result.error) setDeleting(null);
          });
        }}
        onClose={() => {
          deletion.reset();
          setDeleting(null);
        }}
      >
        The message is replaced by “Message deleted” for everyone.
      </ConfirmModal>
    </Stack>
  );
}
