import type { Connection } from '@market/kit';
import type { MessageRecord } from '../store/chat-store';

/** An entity another subgraph resolves (Order, User): this subgraph only knows its id. */
export interface EntityReference {
  __typename?: string;
  id: string;
}

/** A page of one conversation's messages; totalCount is counted (batched) only when asked for. */
export type MessagePage = Omit<Connection<MessageRecord>, 'totalCount'> & { conversationId: string };

/** A typing signal as published (ephemeral, never stored). */
export interface TypingPayload {
  conversationId: string;
  userId: string;
  typing: boolean;
  at: string;
}
