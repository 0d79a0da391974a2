/** The rules of a conversation, whoever stores it: plain functions, no I/O. */

export const CONVERSATION_KINDS = ['ORDER', 'AGENCY', 'DIRECT', 'SUPPORT'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const MAX_MESSAGE_LENGTH = 10_000;

/** What is wrong with a new conversation (empty when it is well-formed). */
export function conversationProblems(conversation: {
  kind: ConversationKind;
  orderId: string | null;
  participantIds: readonly string[];
}): string[] {
  const problems: string[] = [];
  if (conversation.kind === 'ORDER' && !conversation.orderId) problems.push('an ORDER conversation needs the order it is about');
  if (conversation.kind !== 'ORDER' && conversation.orderId) problems.push(`a ${conversation.kind} conversation cannot belong to an order`);
  if (conversation.participantIds.length === 0) problems.push('a conversation needs at least one participant');
  return problems;
}

/** What is wrong with a message body (null when it can be sent). */
export function messageBodyProblem(body: string): string | null {
  if (body.trim().length === 0) return 'a message cannot be empty';
  if (body.length > MAX_MESSAGE_LENGTH) return `a message is at most ${MAX_MESSAGE_LENGTH} characters`;
  return null;
}

/** Participants without repeats, in the order they joined (the first one started the conversation). */
export function uniqueParticipants(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/**
 * When a conversation was last active: its newest message, or its creation while it has none.
 * Lists of conversations are ordered by it, most recent first.
 */
export function lastActivityAt(createdAt: Date, lastMessageAt: Date | null): Date {
  return lastMessageAt && lastMessageAt > createdAt ? lastMessageAt : createdAt;
}

/** The newest message time of each conversation, for importing conversations with their history. */
export function newestMessageTimes(messages: readonly { conversationId: string; createdAt: Date }[]): Map<string, Date> {
  const newest = new Map<string, Date>();
  for (const message of messages) {
    const current = newest.get(message.conversationId);
    if (!current || message.createdAt > current) newest.set(message.conversationId, message.createdAt);
  }
  return newest;
}
