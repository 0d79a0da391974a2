import { describe, expect, it } from 'vitest';
import {
  accessTo,
  checkBody,
  conversationProblems,
  lastActivityAt,
  mayWrite,
  messageProblems,
  newestMessageTimes,
  uniqueParticipants,
  uuidv7,
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

  it('checks a message body: trimmed length, control characters, empty only with attachments or voice', () => {
    expect(checkBody('  Hello **there**  ', false)).toEqual({ body: 'Hello **there**' });
    expect(checkBody('  \n ', false)).toEqual({ field: 'body', message: 'body cannot be empty without attachments or a voice message' });
    expect(checkBody('', true)).toEqual({ body: '' });
    expect(checkBody(` ${'x'.repeat(MAX_MESSAGE_LENGTH)} `, false)).toEqual({ body: 'x'.repeat(MAX_MESSAGE_LENGTH) });
    expect(checkBody('x'.repeat(MAX_MESSAGE_LENGTH + 1), false)).toMatchObject({ field: 'body', message: /at most 4000/ });
    expect(checkBody('bell\u0007', false)).toMatchObject({ field: 'body', message: /control characters/ });
    // Line breaks and tabs are text.
    expect(checkBody('a\n\tb', false)).toEqual({ body: 'a\n\tb' });
  });

  it('names every field of a bad message', () => {
    const file = '0190a8e4-58d4-7c3a-9b1e-2f6d3c4b5a69';
    const fields = (input: Parameters<typeof messageProblems>[0]) => messageProblems(input).map((p) => p.field);
    expect(fields({ body: 'ok' })).toEqual([]);
    expect(fields({ body: '', voice: { fileId: file, durationMs: 1200, waveform: [0, 255] } })).toEqual([]);
    expect(fields({ body: '', attachmentIds: [file] })).toEqual([]);
    expect(fields({ body: 'x', attachmentIds: Array.from({ length: 11 }, () => file) })).toContain('attachmentIds');
    expect(fields({ body: 'x', attachmentIds: ['not-a-file'] })).toEqual(['attachmentIds']);
    expect(fields({ body: 'x', voice: { fileId: file, durationMs: 0 } })).toEqual(['voice.durationMs']);
    expect(fields({ body: 'x', voice: { fileId: file, durationMs: 600_001 } })).toEqual(['voice.durationMs']);
    expect(fields({ body: 'x', voice: { fileId: file, durationMs: 600_000, waveform: Array.from({ length: 257 }, () => 1) } })).toEqual([
      'voice.waveform',
    ]);
    expect(fields({ body: 'x', voice: { fileId: file, durationMs: 5, waveform: [256] } })).toEqual(['voice.waveform']);
    expect(fields({ body: 'x', voice: { fileId: 'nope', durationMs: 5 } })).toEqual(['voice.fileId']);
    expect(fields({ body: 'x', clientMessageId: 'x'.repeat(101) })).toEqual(['clientMessageId']);
    expect(fields({ body: ' ' })).toEqual(['body']);
  });

  it('lets participants read and write, admins read SUPPORT and disputed ORDER conversations with the scope', () => {
    const me = { id: 'u1', roles: ['CUSTOMER'], scopes: [] };
    const admin = { id: 'a1', roles: ['ADMIN'], scopes: ['admin:users', 'admin:orders'] };
    const joined = [{ userId: 'u1', leftAt: null }];
    const support = { kind: 'SUPPORT' as const, disputed: false };
    const order = { kind: 'ORDER' as const, disputed: false };
    expect(accessTo(order, joined, me)).toBe('participant');
    expect(accessTo(order, [{ userId: 'u1', leftAt: new Date() }], me)).toBe('none');
    expect(accessTo(order, [], me)).toBe('none');
    expect(accessTo(support, [], admin)).toBe('admin');
    expect(accessTo(support, [], { ...admin, scopes: ['admin:orders'] })).toBe('none');
    expect(accessTo(order, [], admin)).toBe('none');
    expect(accessTo({ ...order, disputed: true }, [], admin)).toBe('admin');
    expect(accessTo({ kind: 'DIRECT', disputed: false }, [], admin)).toBe('none');
    expect(mayWrite('admin', 'SUPPORT')).toBe(true);
    expect(mayWrite('admin', 'ORDER')).toBe(false);
  });

  it('makes time-ordered UUIDv7 ids, increasing within one millisecond', () => {
    const at = new Date('2026-01-01T00:00:00.123Z');
    const ids = Array.from({ length: 50 }, () => uuidv7(at));
    expect(ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7(new Date(at.getTime() + 1)) > ids.at(-1)!).toBe(true);
  });

  it('keeps participants once each, in joining order', () => {
    const p = (...ids: string[]) => ids.map((userId) => ({ userId }));
    expect(uniqueParticipants(p('c', 'a', 'c', 'b', 'a'))).toEqual(p('c', 'a', 'b'));
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
