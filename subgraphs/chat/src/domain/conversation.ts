/** The rules of a conversation, whoever stores it: plain functions, no I/O. */
import { randomBytes } from 'node:crypto';

export const CONVERSATION_KINDS = ['ORDER', 'AGENCY', 'DIRECT', 'SUPPORT'] as const;
export type ConversationKind = (typeof CONVERSATION_KINDS)[number];

export const PARTICIPANT_SIDES = ['CUSTOMER', 'AGENCY', 'ADMIN'] as const;
export type ParticipantSide = (typeof PARTICIPANT_SIDES)[number];

/** After trimming: the apps render a safe markdown subset of the stored source. */
export const MAX_MESSAGE_LENGTH = 4_000;
export const MAX_ATTACHMENTS = 10;
export const MAX_VOICE_MS = 600_000;
export const MAX_WAVEFORM_POINTS = 256;
export const MAX_CLIENT_MESSAGE_ID = 100;
export const MAX_TITLE_LENGTH = 200;

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

// C0 and C1 controls except tab, line feed and carriage return (DEL included).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface VoiceInput {
  fileId: string;
  durationMs: number;
  waveform?: readonly number[] | null;
}

/** A field of the input and why it is refused. */
export interface InputProblem {
  field: string;
  message: string;
}

/** The body as stored (trimmed source), or the problem with it; `allowEmpty` when attachments or voice carry the message. */
export function checkBody(body: string | null | undefined, allowEmpty: boolean, field = 'body'): { body: string } | InputProblem {
  const trimmed = (body ?? '').trim();
  if (CONTROL.test(trimmed)) return { field, message: `${field} must not contain control characters` };
  if (trimmed.length > MAX_MESSAGE_LENGTH) return { field, message: `${field} is at most ${MAX_MESSAGE_LENGTH} characters` };
  if (!trimmed && !allowEmpty) return { field, message: `${field} cannot be empty without attachments or a voice message` };
  return { body: trimmed };
}

/** What is wrong with a new message's content (empty when it can be sent). */
export function messageProblems(input: {
  body?: string | null;
  attachmentIds?: readonly string[] | null;
  voice?: VoiceInput | null;
  clientMessageId?: string | null;
}): InputProblem[] {
  const problems: InputProblem[] = [];
  const attachments = input.attachmentIds ?? [];
  if (attachments.length > MAX_ATTACHMENTS) problems.push({ field: 'attachmentIds', message: `at most ${MAX_ATTACHMENTS} attachments` });
  if (attachments.some((id) => !UUID.test(id)))
    problems.push({ field: 'attachmentIds', message: 'attachment ids must be file ids (UUIDs)' });
  if (new Set(attachments.map((id) => id.toLowerCase())).size !== attachments.length)
    problems.push({ field: 'attachmentIds', message: 'an attachment is listed twice' });
  const voice = input.voice;
  if (voice) {
    if (!UUID.test(voice.fileId)) problems.push({ field: 'voice.fileId', message: 'voice.fileId must be a file id (UUID)' });
    if (!Number.isInteger(voice.durationMs) || voice.durationMs < 1 || voice.durationMs > MAX_VOICE_MS)
      problems.push({ field: 'voice.durationMs', message: `voice.durationMs must be between 1 and ${MAX_VOICE_MS}` });
    const waveform = voice.waveform ?? [];
    if (waveform.length > MAX_WAVEFORM_POINTS)
      problems.push({ field: 'voice.waveform', message: `voice.waveform has at most ${MAX_WAVEFORM_POINTS} points` });
    if (waveform.some((v) => !Number.isInteger(v) || v < 0 || v > 255))
      problems.push({ field: 'voice.waveform', message: 'voice.waveform values are integers 0–255' });
  }
  const body = checkBody(input.body, attachments.length > 0 || Boolean(voice));
  if ('field' in body) problems.push(body);
  const clientId = input.clientMessageId;
  if (clientId != null && (clientId.length < 1 || clientId.length > MAX_CLIENT_MESSAGE_ID || CONTROL.test(clientId)))
    problems.push({ field: 'clientMessageId', message: `clientMessageId is 1–${MAX_CLIENT_MESSAGE_ID} printable characters` });
  return problems;
}

/** Participants without repeats, in the order they joined (the first one started the conversation). */
export function uniqueParticipants<T extends { userId: string }>(participants: readonly T[]): T[] {
  const seen = new Set<string>();
  return participants.filter((p) => (seen.has(p.userId) ? false : (seen.add(p.userId), true)));
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

let lastV7 = { ms: 0, seq: 0 };
/**
 * A UUIDv7 (RFC 9562): 48-bit milliseconds, then a 12-bit counter within the millisecond, then
 * random bits. Ids made by one process sort in creation order; (created_at, id) is a total order.
 */
export function uuidv7(at: Date = new Date()): string {
  const ms = at.getTime();
  if (ms === lastV7.ms) lastV7 = { ms, seq: (lastV7.seq + 1) & 0xfff };
  else lastV7 = { ms, seq: randomBytes(1)[0]! & 0x3f };
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((lastV7.seq >> 8) & 0x0f);
  bytes[7] = lastV7.seq & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Who may do what

export interface ViewerLike {
  id: string;
  roles: readonly string[];
  scopes: readonly string[];
}

/** Admin scope that opens each readable kind: support is about users, disputes about orders. */
export const ADMIN_SCOPE_FOR: Partial<Record<ConversationKind, string>> = { SUPPORT: 'admin:users', ORDER: 'admin:orders' };

export const isAdmin = (viewer: ViewerLike) => viewer.roles.includes('ADMIN');

/**
 * How the viewer may see a conversation: as a (current) participant, as an admin reading a
 * SUPPORT or disputed ORDER conversation (audited), or not at all.
 */
export type Access = 'participant' | 'admin' | 'none';

export function accessTo(
  conversation: { kind: ConversationKind; disputed: boolean },
  participants: readonly { userId: string; leftAt: Date | null }[],
  viewer: ViewerLike,
): Access {
  if (participants.some((p) => p.userId === viewer.id && p.leftAt === null)) return 'participant';
  if (!isAdmin(viewer)) return 'none';
  const scope = ADMIN_SCOPE_FOR[conversation.kind];
  if (!scope || !viewer.scopes.includes(scope)) return 'none';
  if (conversation.kind === 'SUPPORT') return 'admin';
  if (conversation.kind === 'ORDER' && conversation.disputed) return 'admin';
  return 'none';
}

/** Admins may write into SUPPORT conversations (and join them as ADMIN); everyone else must take part. */
export function mayWrite(access: Access, kind: ConversationKind): boolean {
  return access === 'participant' || (access === 'admin' && kind === 'SUPPORT');
}

/** Order states in which the ORDER conversation is open to admins. */
export const DISPUTED_STATES = new Set(['DISPUTED']);

/** Typing indicators are published at most once per this many seconds per user and conversation. */
export const TYPING_THROTTLE_SECONDS = 2;
