import { badInput, forbidden, notFound, unauthenticated, userError, ErrorCode, type Viewer } from '@market/kit';
import type { Context } from './context';
import {
  accessTo,
  checkBody,
  isAdmin,
  mayWrite,
  messageProblems,
  MAX_TITLE_LENGTH,
  TYPING_THROTTLE_SECONDS,
  type Access,
  type ConversationKind,
  type InputProblem,
  type ParticipantSide,
  type VoiceInput,
} from './domain/conversation';
import type { NewEvent } from './events';
import type { UserSignal } from './realtime';
import {
  ChatConflictError,
  ConversationNotFoundError,
  type ConversationRecord,
  type MessageRecord,
  type NewParticipant,
  type ParticipantRecord,
} from './store/chat-store';

/**
 * The chat's use cases: who may do what (domain rules), what is stored (store), what is
 * published (realtime) and what is audited. Resolvers stay thin and call these.
 */

export function requireViewer(ctx: Pick<Context, 'viewer'>): Viewer {
  if (!ctx.viewer) throw unauthenticated();
  return ctx.viewer;
}

function refuse(problems: InputProblem[]): never {
  const first = problems[0] as InputProblem;
  throw badInput(problems.map((p) => p.message).join('; '), first.field);
}

const activeParticipants = (participants: readonly ParticipantRecord[]) => participants.filter((p) => p.leftAt === null);

export interface Access_ {
  conversation: ConversationRecord;
  participants: ParticipantRecord[];
  access: Access;
}

async function accessOf(ctx: Context, conversation: ConversationRecord, viewer: Viewer): Promise<Access_> {
  const participants = await ctx.loaders.participantsByConversation.load(conversation.id);
  return { conversation, participants, access: accessTo(conversation, participants, viewer) };
}

/**
 * Records an admin's read of a conversation they do not take part in (`audit.recorded`, once per
 * request and conversation): SSO keeps the audit log.
 */
async function auditAdminRead(ctx: Context, viewer: Viewer, conversation: ConversationRecord, via: string): Promise<void> {
  if (ctx.audited.has(conversation.id)) return;
  ctx.audited.add(conversation.id);
  const event: NewEvent = {
    type: 'audit.recorded',
    data: {
      actorId: viewer.id,
      action: 'chat.conversation.admin_read',
      subjectType: 'Conversation',
      subjectId: conversation.id,
      ip: viewer.ip ?? null,
      userAgent: viewer.userAgent ?? null,
      at: new Date().toISOString(),
      details: { kind: conversation.kind, orderId: conversation.orderId, via },
    },
  };
  await ctx.store.recordEvents([event]);
}

/**
 * The conversation if the viewer may read it: participants, and admins for SUPPORT and disputed
 * ORDER conversations (audited). Throws FORBIDDEN otherwise.
 */
export async function ensureReadable(ctx: Context, conversation: ConversationRecord, via: string): Promise<Access_> {
  const viewer = requireViewer(ctx);
  const result = await accessOf(ctx, conversation, viewer);
  if (result.access === 'none') throw forbidden('You do not take part in this conversation');
  if (result.access === 'admin') await auditAdminRead(ctx, viewer, conversation, via);
  return result;
}

/** Loads and checks: NOT_FOUND for an unknown id, FORBIDDEN for someone else's conversation. */
export async function readableConversation(ctx: Context, id: string, via: string): Promise<Access_> {
  requireViewer(ctx);
  const conversation = await ctx.loaders.conversationById.load(id.toLowerCase());
  if (!conversation) throw notFound('Conversation', id);
  return ensureReadable(ctx, conversation, via);
}

/** Like ensureReadable, but null instead of an error (references from other subgraphs). */
export async function visibleOrNull(
  ctx: Context,
  conversation: ConversationRecord | null,
  via: string,
): Promise<ConversationRecord | null> {
  if (!conversation || !ctx.viewer) return null;
  const { access } = await accessOf(ctx, conversation, ctx.viewer);
  if (access === 'none') return null;
  if (access === 'admin') await auditAdminRead(ctx, ctx.viewer, conversation, via);
  return conversation;
}

/** Tells the conversation's active participants (read now, unless the caller just read them) that it changed. */
async function notify(ctx: Context, conversationId: string, reason: UserSignal['reason'], current?: readonly ParticipantRecord[]) {
  const participants = current ?? (await ctx.store.participantsOf([conversationId]));
  await ctx.realtime.notifyUsers(
    activeParticipants(participants).map((p) => p.userId),
    {
      type: 'conversation',
      conversationId,
      reason,
    },
  );
}

/** The side a participant speaks for; an admin writing in SUPPORT joins as ADMIN. */
function sideOf(participants: readonly ParticipantRecord[], viewer: Viewer): ParticipantSide {
  return participants.find((p) => p.userId === viewer.id && p.leftAt === null)?.side ?? 'ADMIN';
}

export interface SendMessageInput {
  conversationId: string;
  body?: string | null;
  attachmentIds?: readonly string[] | null;
  voice?: VoiceInput | null;
  clientMessageId?: string | null;
}

/**
 * Persist, then publish: the message and its `message.sent` event are committed before anything
 * is published, and the committed message is returned. A retry with the same clientMessageId
 * returns the first message and publishes nothing.
 */
export async function sendMessage(ctx: Context, input: SendMessageInput): Promise<MessageRecord> {
  const viewer = requireViewer(ctx);
  const problems = messageProblems(input);
  if (problems.length) refuse(problems);
  // The conversation and its participants are read at once (the access check below then finds them loaded).
  const conversationId = input.conversationId.toLowerCase();
  const [conversation] = await Promise.all([
    ctx.loaders.conversationById.load(conversationId),
    ctx.loaders.participantsByConversation.load(conversationId),
  ]);
  if (!conversation) throw notFound('Conversation', input.conversationId);
  const { participants, access } = await accessOf(ctx, conversation, viewer);
  if (!mayWrite(access, conversation.kind)) throw forbidden('You do not take part in this conversation');
  const side = sideOf(participants, viewer);
  const joining = access === 'admin';
  // An admin answering a SUPPORT conversation becomes a participant (and no longer reads as auditor).
  if (joining) await ctx.store.addParticipant(conversation.id, { userId: viewer.id, side: 'ADMIN' }, new Date());
  const body = checkBody(input.body, true);
  const { message, duplicate } = await ctx.store
    .insertMessage(
      {
        conversationId: conversation.id,
        senderId: viewer.id,
        body: 'body' in body ? body.body : '',
        attachmentIds: input.attachmentIds ?? [],
        voice: input.voice
          ? { fileId: input.voice.fileId, durationMs: input.voice.durationMs, waveform: [...(input.voice.waveform ?? [])] }
          : null,
        clientMessageId: input.clientMessageId ?? null,
      },
      (stored) => [
        {
          type: 'message.sent',
          data: {
            messageId: stored.id,
            conversationId: conversation.id,
            kind: conversation.kind,
            orderId: conversation.orderId,
            agencyId: conversation.agencyId,
            senderId: viewer.id,
            senderSide: side,
            at: stored.createdAt.toISOString(),
          },
        },
      ],
    )
    .catch((error: unknown) => {
      if (error instanceof ConversationNotFoundError) throw notFound('Conversation', input.conversationId);
      throw error;
    });
  if (!duplicate) {
    try {
      // Both in the same turn, so they leave in one write to Redis. The participants read for the access check are
      // current unless an admin just joined.
      await Promise.all([
        ctx.realtime.publishToConversation(conversation.id, { type: 'message', message }),
        notify(ctx, conversation.id, joining ? 'participants' : 'message', joining ? undefined : participants),
      ]);
    } catch (error) {
      // Stored and acknowledged: subscribers catch up from the history.
      ctx.logger.warn({ err: error, messageId: message.id }, 'could not publish a stored message');
    }
  }
  ctx.loaders.messageById.prime(message.id, message);
  return message;
}

async function ownMessage(ctx: Context, id: string): Promise<{ message: MessageRecord; viewer: Viewer }> {
  const viewer = requireViewer(ctx);
  const message = await ctx.loaders.messageById.load(id.toLowerCase());
  if (!message) throw notFound('Message', id);
  if (message.senderId !== viewer.id) throw forbidden('Only the sender may change a message');
  const conversation = await ctx.loaders.conversationById.load(message.conversationId);
  if (!conversation) throw notFound('Message', id);
  const { access } = await accessOf(ctx, conversation, viewer);
  if (access !== 'participant') throw forbidden('You no longer take part in this conversation');
  return { message, viewer };
}

/** The sender replaces the body; the previous one goes to the message's history. */
export async function editMessage(ctx: Context, id: string, body: string): Promise<MessageRecord> {
  const { message } = await ownMessage(ctx, id);
  if (message.deletedAt) throw badInput('a deleted message cannot be edited', 'id');
  const checked = checkBody(body, message.attachmentIds.length > 0 || message.voice !== null);
  if ('field' in checked) refuse([checked]);
  const edited = await ctx.store.editMessage(message.id, checked.body, new Date());
  if (!edited) throw notFound('Message', id);
  await notify(ctx, message.conversationId, 'edit');
  return edited;
}

/** Soft delete by the sender: body, attachments and voice emptied, history kept. Repeating it changes nothing. */
export async function deleteMessage(ctx: Context, id: string): Promise<MessageRecord> {
  const { message } = await ownMessage(ctx, id);
  if (message.deletedAt) return message;
  const deleted = await ctx.store.deleteMessage(message.id, new Date());
  if (!deleted) throw notFound('Message', id);
  await notify(ctx, message.conversationId, 'delete');
  return deleted;
}

/** Moves the viewer's read marker (never backwards) to the message, or the newest one. */
export async function markRead(ctx: Context, conversationId: string, messageId: string | null | undefined): Promise<ConversationRecord> {
  const viewer = requireViewer(ctx);
  const conversation = await ctx.loaders.conversationById.load(conversationId.toLowerCase());
  if (!conversation) throw notFound('Conversation', conversationId);
  const { access } = await accessOf(ctx, conversation, viewer);
  if (access !== 'participant') throw forbidden('Only participants have read receipts');
  let target: MessageRecord | null | undefined;
  if (messageId) {
    target = await ctx.loaders.messageById.load(messageId.toLowerCase());
    if (!target || target.conversationId !== conversation.id)
      throw badInput(`message ${messageId} is not in this conversation`, 'messageId');
  } else {
    [target] = await ctx.store.messagesPage([conversation.id], { limit: 1, after: null });
  }
  if (!target) return conversation;
  await ctx.store.markRead(conversation.id, viewer.id, target, new Date());
  ctx.loaders.participantsByConversation.clear(conversation.id);
  ctx.loaders.unreadCount.clear(conversation.id);
  await notify(ctx, conversation.id, 'read');
  return conversation;
}

export interface StartConversationInput {
  kind: ConversationKind;
  agencyId?: string | null;
  userId?: string | null;
  title?: string | null;
  body?: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * AGENCY (the customer and the agency's members; an open one is reused), DIRECT (two users;
 * reused), SUPPORT (the user; admins answer). ORDER conversations come with the order only.
 */
export async function startConversation(ctx: Context, input: StartConversationInput): Promise<ConversationRecord> {
  const viewer = requireViewer(ctx);
  const problems: InputProblem[] = [];
  const title = input.title?.trim() || null;
  if (title !== null) {
    const checked = checkBody(title, false, 'title');
    if ('field' in checked) problems.push(checked);
    else if (title.length > MAX_TITLE_LENGTH) problems.push({ field: 'title', message: `title is at most ${MAX_TITLE_LENGTH} characters` });
  }
  const first = checkBody(input.body, true);
  if ('field' in first) problems.push(first);
  if (input.kind === 'ORDER') problems.push({ field: 'kind', message: 'ORDER conversations are created when the order is placed' });
  if (input.kind === 'AGENCY' && !input.agencyId)
    problems.push({ field: 'agencyId', message: 'agencyId is required for an AGENCY conversation' });
  if (input.agencyId && !UUID.test(input.agencyId)) problems.push({ field: 'agencyId', message: 'agencyId must be an agency id (UUID)' });
  if (input.kind === 'DIRECT' && !input.userId) problems.push({ field: 'userId', message: 'userId is required for a DIRECT conversation' });
  if (input.userId && !UUID.test(input.userId)) problems.push({ field: 'userId', message: 'userId must be a user id (UUID)' });
  if (input.kind === 'DIRECT' && input.userId?.toLowerCase() === viewer.id)
    problems.push({ field: 'userId', message: 'a DIRECT conversation needs another user' });
  if (input.kind !== 'AGENCY' && input.agencyId) problems.push({ field: 'agencyId', message: 'agencyId is only for AGENCY conversations' });
  if (input.kind !== 'DIRECT' && input.userId) problems.push({ field: 'userId', message: 'userId is only for DIRECT conversations' });
  if (problems.length) refuse(problems);

  let existing: ConversationRecord | null = null;
  let participants: NewParticipant[];
  let agencyId: string | null = null;
  if (input.kind === 'AGENCY') {
    agencyId = (input.agencyId as string).toLowerCase();
    const members = await ctx.store.agencyMembers([agencyId]);
    if (!members.length) throw notFound('Agency', agencyId);
    if (members.some((m) => m.userId === viewer.id)) throw badInput('you are a member of this agency', 'agencyId');
    existing = await ctx.store.findOpenConversation({ kind: 'AGENCY', agencyId, userId: viewer.id });
    participants = [{ userId: viewer.id, side: 'CUSTOMER' }, ...members.map((m) => ({ userId: m.userId, side: 'AGENCY' as const }))];
  } else if (input.kind === 'DIRECT') {
    const other = (input.userId as string).toLowerCase();
    existing = await ctx.store.findOpenConversation({ kind: 'DIRECT', userIds: [viewer.id, other] });
    participants = [
      { userId: viewer.id, side: 'CUSTOMER' },
      { userId: other, side: 'CUSTOMER' },
    ];
  } else {
    participants = [{ userId: viewer.id, side: isAdmin(viewer) ? 'ADMIN' : 'CUSTOMER' }];
  }

  let conversation = existing;
  if (!conversation) {
    try {
      conversation = await ctx.store.insertConversation({ kind: input.kind, agencyId, title, participants });
    } catch (error) {
      if (error instanceof ChatConflictError) throw userError(ErrorCode.CONFLICT, error.message);
      throw error;
    }
    ctx.loaders.conversationById.prime(conversation.id, conversation);
    await ctx.realtime.notifyUsers(
      participants.map((p) => p.userId),
      { type: 'conversation', conversationId: conversation.id, reason: 'created' },
    );
  }
  if ('body' in first && first.body) await sendMessage(ctx, { conversationId: conversation.id, body: first.body });
  return conversation;
}

/**
 * Typing indicators are ephemeral (published, never stored) and throttled per user and
 * conversation across replicas; "stopped typing" always goes out. True when an event was published.
 */
export async function setTyping(ctx: Context, conversationId: string, typing: boolean): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const conversation = await ctx.loaders.conversationById.load(conversationId.toLowerCase());
  if (!conversation) throw notFound('Conversation', conversationId);
  const { access } = await accessOf(ctx, conversation, viewer);
  if (access !== 'participant') throw forbidden('You do not take part in this conversation');
  const throttleKey = `typing:${conversation.id}:${viewer.id}`;
  if (typing) {
    if (!(await ctx.kv.setIfAbsent(throttleKey, '1', TYPING_THROTTLE_SECONDS))) return false;
  } else {
    await ctx.kv.del(throttleKey);
  }
  await ctx.realtime.publishToConversation(conversation.id, {
    type: 'typing',
    conversationId: conversation.id,
    userId: viewer.id,
    typing,
    at: new Date().toISOString(),
  });
  return true;
}
