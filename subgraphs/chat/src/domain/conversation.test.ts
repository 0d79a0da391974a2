import { describe, expect, it } from 'vitest';
import {
  conversationProblems,
  lastActivityAt,
  messageBodyProblem,
  newestMessageTimes,
  uniqueParticipants,
  MAX_MESSAGE_LENGTH,
} from './conversation';

describe('conversation rules', () => {
  it('ties ORDER conversations, and only those, to an order', () => {
    expect(conversationProblems({ kind: 'ORDER', orderId: 'o1', participantIds: ['u1'] })).toEqual([]);
    expect(conversationProblems({ kind: 'ORDER', orderId: null, participantIds: ['u1'] })).toEqual([
      'an ORDER conversation needs the order it is about',
    ]);
    expect(conversationProblems({ kind: 'SUPPORT', orderId: 'o1', participantIds: ['u1'] })).toEqual([
      'a SUPPORT conversation cannot belong to an order',
    ]);
    expect(conversationProblems({ kind: 'DIRECT', orderId: null, participantIds: [] })).toEqual([
      'a conversation needs at least one participant',
    ]);
  });

  it('refuses empty and oversized messages', () => {
    expect(messageBodyProblem('Hello')).toBeNull();
    expect(messageBodyProblem('  \n ')).toBe('a message cannot be empty');
    expect(messageBodyProblem('x'.repeat(MAX_MESSAGE_LENGTH))).toBeNull();
    expect(messageBodyProblem('x'.repeat(MAX_MESSAGE_LENGTH + 1))).toMatch(/at most/);
  });

  it('keeps participants once each, in joining order', () => {
    expect(uniqueParticipants(['c', 'a', 'c', 'b', 'a'])).toEqual(['c', 'a', 'b']);
  });

  it('dates last activity from the newest message, or the creation while there is none', () => {
    const created = new Date('2026-01-01T10:00:00Z');
    const later = new Date('2026-01-02T10:00:00Z');
    expect(lastActivityAt(created, null)).toEqual(created);
    expect(lastActivityAt(created, later)).toEqual(later);
    // A message back-dated before the conversation (imported history) does not move activity backwards.
    expect(lastActivityAt(later, created)).toEqual(later);
  });

  it('finds the newest message of each conversation', () => {
    const at = (iso: string) => new Date(iso);
    const newest = newestMessageTimes([
      { conversationId: 'a', createdAt: at('2026-01-01T10:00:00Z') },
      { conversationId: 'b', createdAt: at('2026-01-03T10:00:00Z') },
      { conversationId: 'a', createdAt: at('2026-01-02T10:00:00Z') },
      { conversationId: 'a', createdAt: at('2026-01-01T12:00:00Z') },
    ]);
    expect(Object.fromEntries(newest)).toEqual({ a: at('2026-01-02T10:00:00Z'), b: at('2026-01-03T10:00:00Z') });
  });
});
