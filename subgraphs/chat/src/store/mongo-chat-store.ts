import { validUuids, type Logger } from '@market/kit';
import { openMongo } from '@market/stores';
import type { ClientSession, Connection, PipelineStage } from 'mongoose';
import { toDomainEvents, type NewEvent } from '../events';
import {
  ChatConflictError,
  ConversationNotFoundError,
  isNewer,
  prepareConversation,
  prepareImport,
  prepareMessage,
  type ChatEventWrites,
  type ChatStore,
  type ConversationRecord,
  type MessageRecord,
  type NewParticipant,
  type ParticipantRecord,
  type PreparedConversation,
} from './chat-store';
import { chatModels, type ConversationDoc, type MessageDoc, type ParticipantDoc } from './mongo-models';

/** Ids are stored lower-case (as PostgreSQL prints uuids), so lookups lower-case too. */
const uuids = (ids: readonly string[]) => validUuids(ids).map((id) => id.toLowerCase());

const conversationRecord = (doc: ConversationDoc): ConversationRecord => ({
  id: doc._id,
  kind: doc.kind,
  orderId: doc.orderId ?? null,
  agencyId: doc.agencyId ?? null,
  title: doc.title ?? null,
  disputed: doc.disputed ?? false,
  createdAt: doc.createdAt,
  lastMessageAt: doc.lastMessageAt ?? null,
  lastActivityAt: doc.lastActivityAt,
});

const participantRecord = (conversationId: string, p: ParticipantDoc): ParticipantRecord => ({
  conversationId,
  userId: p.userId,
  side: p.side,
  lastReadMessageId: p.lastReadMessageId ?? null,
  lastReadAt: p.lastReadAt ?? null,
  joinedAt: p.joinedAt,
  leftAt: p.leftAt ?? null,
});

const messageRecord = (doc: MessageDoc): MessageRecord => ({
  id: doc._id,
  conversationId: doc.conversationId,
  senderId: doc.senderId,
  body: doc.body ?? '',
  attachmentIds: doc.attachmentIds ?? [],
  voice: doc.voice ? { fileId: doc.voice.fileId, durationMs: doc.voice.durationMs, waveform: [...doc.voice.waveform] } : null,
  clientMessageId: doc.clientMessageId ?? null,
  createdAt: doc.createdAt,
  editedAt: doc.editedAt ?? null,
  deletedAt: doc.deletedAt ?? null,
  revisions: (doc.revisions ?? []).map((r) => ({ body: r.body, replacedAt: r.replacedAt })),
});

const participantDoc = (p: ParticipantRecord): ParticipantDoc => ({
  userId: p.userId,
  side: p.side,
  lastReadMessageId: p.lastReadMessageId,
  lastReadAt: p.lastReadAt,
  lastReadMessageAt: null,
  joinedAt: p.joinedAt,
  leftAt: p.leftAt,
});

const conversationDoc = ({ id, orderId, participants, ...rest }: PreparedConversation): ConversationDoc => ({
  _id: id,
  ...rest,
  participants: participants.map(participantDoc),
  ...(orderId ? { orderId } : {}),
});

const messageDoc = ({ id, clientMessageId, ...rest }: MessageRecord): MessageDoc => ({
  _id: id,
  ...rest,
  ...(clientMessageId !== null ? { clientMessageId } : {}),
});

const record = ({ participants: _participants, ...conversation }: PreparedConversation): ConversationRecord => conversation;

// The participants are embedded; conversation records leave them out.
const recordFields = { participants: 0 } as const;

function isDuplicateKey(error: unknown): boolean {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    if ((current as { code?: unknown }).code === 11000) return true;
  }
  return false;
}

function conflictOr(error: unknown, message: string): unknown {
  return isDuplicateKey(error) ? new ChatConflictError(message, { cause: error }) : error;
}

/** Multi-document transactions need a replica set or a sharded cluster. */
async function supportsTransactions(connection: Connection): Promise<boolean> {
  const hello = await connection.db?.admin().command({ hello: 1 });
  return Boolean(hello?.setName) || hello?.msg === 'isdbgrid';
}

/** A current participant of that user (embedded array element). */
const activeParticipant = (userId: string) => ({ participants: { $elemMatch: { userId, leftAt: null } } });

/**
 * The chat store on MongoDB (MONGO_URL), through mongoose on a dedicated connection. Every write
 * and its outbox events go in one transaction, so MongoDB must run as a replica set (a one-node
 * replica set is enough); a standalone server is refused at start.
 */
export async function openMongoChatStore(options: { url: string; logger: Logger }): Promise<ChatStore> {
  const mongo = await openMongo(options);
  const { connection } = mongo;
  const logger = options.logger.child({ component: 'mongodb' });
  // Every collection call mongoose sends goes through its debug hook: one round trip each.
  let roundTrips = 0;
  connection.set('debug', (collection: string, method: string) => {
    roundTrips += 1;
    if (logger.isLevelEnabled('trace')) logger.trace({ collection, method }, 'mongodb');
  });
  try {
    const { Conversation, Message, AgencyMember, Outbox } = chatModels(connection);
    if (!(await supportsTransactions(connection))) {
      throw new Error('MongoDB must run as a replica set (a message and its outbox event are written in one transaction)');
    }
    // Build the indexes before serving: the unique indexes are rules, not optimisations.
    await Promise.all([Conversation.init(), Message.init(), AgencyMember.init(), Outbox.init()]);
    const atomically = <T>(work: (session: ClientSession) => Promise<T>): Promise<T> => connection.transaction((session) => work(session));

    const writeEvents = async (events: readonly NewEvent[], session: ClientSession) => {
      if (!events.length) return;
      await Outbox.insertMany(
        toDomainEvents(events).map((e) => ({
          _id: e.id,
          type: e.type,
          source: e.source,
          occurredAt: new Date(e.occurredAt),
          data: e.data,
          publishedAt: null,
        })),
        { session },
      );
    };

    const addParticipant = async (conversationId: string, p: NewParticipant, at: Date, session?: ClientSession) => {
      const userId = p.userId.toLowerCase();
      const readmitted = await Conversation.updateOne(
        { _id: conversationId, 'participants.userId': userId },
        { $set: { 'participants.$.leftAt': null, 'participants.$.side': p.side } },
        { session },
      );
      if (readmitted.matchedCount) return;
      const joined: ParticipantDoc = {
        userId,
        side: p.side,
        lastReadMessageId: null,
        lastReadAt: null,
        lastReadMessageAt: null,
        joinedAt: at,
        leftAt: null,
      };
      await Conversation.updateOne(
        { _id: conversationId, 'participants.userId': { $ne: userId } },
        { $push: { participants: joined } },
        { session },
      );
    };

    const eventWrites = (session: ClientSession): ChatEventWrites => {
      const agencyConversationIds = async (agencyId: string) =>
        (
          await Conversation.find({ agencyId: agencyId.toLowerCase(), kind: { $in: ['ORDER', 'AGENCY'] } }, { _id: 1 }, { session }).lean<
            { _id: string }[]
          >()
        ).map((d) => d._id);
      return {
        async ensureOrderConversation(input) {
          const conversation = prepareConversation(input);
          const result = await Conversation.updateOne(
            { orderId: conversation.orderId },
            { $setOnInsert: conversationDoc(conversation) },
            { upsert: true, session },
          );
          if (result.upsertedCount) return { conversation: record(conversation), created: true };
          const existing = await Conversation.findOne({ orderId: conversation.orderId }, recordFields, { session }).lean<ConversationDoc>();
          if (!existing) throw new Error(`order ${input.orderId} has no conversation after an upsert`);
          return { conversation: conversationRecord(existing), created: false };
        },
        async setOrderDisputed(orderId, disputed) {
          const doc = await Conversation.findOneAndUpdate(
            { orderId: orderId.toLowerCase() },
            { $set: { disputed } },
            { new: true, projection: recordFields, session },
          ).lean<ConversationDoc>();
          return doc ? conversationRecord(doc) : null;
        },
        async upsertAgencyMember(member) {
          const key = { agencyId: member.agencyId.toLowerCase(), userId: member.userId.toLowerCase() };
          await AgencyMember.updateOne(key, { $set: { ...key, role: member.role } }, { upsert: true, session });
        },
        async removeAgencyMember(agencyId, userId) {
          await AgencyMember.deleteOne({ agencyId: agencyId.toLowerCase(), userId: userId.toLowerCase() }, { session });
        },
        agencyMembers: async (agencyIds) =>
          (
            await AgencyMember.find({ agencyId: { $in: uuids(agencyIds) } }, { _id: 0 }, { session })
              .sort({ agencyId: 1, role: 1, userId: 1 })
              .lean()
          ).map((m) => ({
            agencyId: m.agencyId,
            userId: m.userId,
            role: m.role,
          })),
        async joinAgencyConversations(agencyId, userId, at) {
          const ids = await agencyConversationIds(agencyId);
          for (const id of ids) await addParticipant(id, { userId, side: 'AGENCY' }, at, session);
          return ids;
        },
        async leaveAgencyConversations(agencyId, userId, at) {
          const ids = await agencyConversationIds(agencyId);
          const left = await Conversation.find(
            { _id: { $in: ids }, ...activeParticipant(userId.toLowerCase()) },
            { _id: 1 },
            { session },
          ).lean<{ _id: string }[]>();
          await Conversation.updateMany(
            { _id: { $in: left.map((d) => d._id) } },
            { $set: { 'participants.$[p].leftAt': at } },
            { arrayFilters: [{ 'p.userId': userId.toLowerCase(), 'p.leftAt': null }], session },
          );
          return left.map((d) => d._id);
        },
      };
    };

    /** Unread per (conversation, user): others' live messages after the participant's read marker. */
    const unreadPipeline = (match: Record<string, unknown>, participantMatch: Record<string, unknown>): PipelineStage[] => [
      { $match: match },
      { $project: { participants: 1 } },
      { $unwind: '$participants' },
      { $match: { 'participants.leftAt': null, ...participantMatch } },
      {
        $lookup: {
          from: Message.collection.name,
          let: {
            conversationId: '$_id',
            userId: '$participants.userId',
            readAt: '$participants.lastReadMessageAt',
            readId: '$participants.lastReadMessageId',
          },
          pipeline: [
            {
              $match: {
                $expr: {
                  $and: [
                    { $eq: ['$conversationId', '$$conversationId'] },
                    { $ne: ['$senderId', '$$userId'] },
                    { $eq: ['$deletedAt', null] },
                  ],
                },
              },
            },
            {
              $match: {
                $expr: {
                  $or: [
                    { $eq: ['$$readId', null] },
                    { $gt: ['$createdAt', '$$readAt'] },
                    { $and: [{ $eq: ['$createdAt', '$$readAt'] }, { $gt: ['$_id', '$$readId'] }] },
                  ],
                },
              },
            },
            { $count: 'n' },
          ],
          as: 'unread',
        },
      },
      { $project: { conversationId: '$_id', userId: '$participants.userId', count: { $ifNull: [{ $first: '$unread.n' }, 0] } } },
      { $match: { count: { $gt: 0 } } },
    ];

    return {
      kind: 'mongodb',
      queryCount: () => roundTrips,
      eventsDb: () => null,
      // The relay reads the collection like the PostgreSQL table: oldest first, marked once published. Replicas do
      // not claim rows, so two may publish one event twice; consumers absorb that (inbox, idempotent handlers).
      eventsOutbox: () => ({
        hasPending: async () => (await Outbox.exists({ publishedAt: null })) !== null,
        publishBatch: async (limit, publish) => {
          const docs = await Outbox.find({ publishedAt: null }).sort({ occurredAt: 1, _id: 1 }).limit(limit).lean();
          for (const doc of docs)
            await publish({
              id: doc._id,
              type: doc.type,
              source: doc.source,
              occurredAt: doc.occurredAt.toISOString(),
              data: doc.data as Record<string, unknown>,
            });
          if (docs.length) await Outbox.updateMany({ _id: { $in: docs.map((doc) => doc._id) } }, { $set: { publishedAt: new Date() } });
          return docs.length;
        },
        deletePublished: async (before) => {
          await Outbox.deleteMany({ publishedAt: { $lt: before } });
        },
      }),

      async conversationsByIds(ids) {
        const valid = uuids(ids);
        if (!valid.length) return [];
        return (await Conversation.find({ _id: { $in: valid } }, recordFields).lean<ConversationDoc[]>()).map(conversationRecord);
      },

      async conversationsByOrderIds(orderIds) {
        const valid = uuids(orderIds);
        if (!valid.length) return [];
        return (await Conversation.find({ orderId: { $in: valid } }, recordFields).lean<ConversationDoc[]>()).map(conversationRecord);
      },

      async listConversations({ limit, after, kind, participantId }) {
        if (participantId && !uuids([participantId]).length) return { rows: [], totalCount: 0 };
        const filter = {
          ...(kind ? { kind } : {}),
          ...(participantId ? activeParticipant(participantId.toLowerCase()) : {}),
        };
        const afterCursor = after
          ? { $or: [{ lastActivityAt: { $lt: after.at } }, { lastActivityAt: after.at, _id: { $lt: after.id.toLowerCase() } }] }
          : {};
        const [docs, totalCount] = await Promise.all([
          Conversation.find({ ...filter, ...afterCursor }, recordFields)
            .sort({ lastActivityAt: -1, _id: -1 })
            .limit(limit)
            .lean<ConversationDoc[]>(),
          Conversation.countDocuments(filter),
        ]);
        return { rows: docs.map(conversationRecord), totalCount };
      },

      async participantsOf(conversationIds) {
        const valid = uuids(conversationIds);
        if (!valid.length) return [];
        const docs = await Conversation.find({ _id: { $in: valid } }, { participants: 1 }).lean<
          Pick<ConversationDoc, '_id' | 'participants'>[]
        >();
        return docs.flatMap((doc) => doc.participants.map((p) => participantRecord(doc._id, p)));
      },

      async messagesPage(conversationIds, { limit, after }) {
        const valid = uuids(conversationIds);
        if (!valid.length) return [];
        const olderThan = after
          ? [
              {
                $match: {
                  $or: [{ createdAt: { $lt: after.createdAt } }, { createdAt: after.createdAt, _id: { $lt: after.id.toLowerCase() } }],
                },
              },
            ]
          : [];
        // One aggregation for every conversation: the $lookup sub-pipeline runs per conversation
        // on the {conversationId, createdAt: -1, _id: -1} index and stops after `limit` (MongoDB 5.0+).
        const docs = await Conversation.aggregate<MessageDoc>([
          { $match: { _id: { $in: valid } } },
          { $project: { _id: 1 } },
          { $sort: { _id: 1 } },
          {
            $lookup: {
              from: Message.collection.name,
              localField: '_id',
              foreignField: 'conversationId',
              pipeline: [...olderThan, { $sort: { createdAt: -1, _id: -1 } }, { $limit: limit }],
              as: 'page',
            },
          },
          { $unwind: '$page' },
          { $replaceWith: '$page' },
        ]);
        return docs.map(messageRecord);
      },

      async messageCounts(conversationIds) {
        const valid = uuids(conversationIds);
        if (!valid.length) return [];
        const groups = await Message.aggregate<{ _id: string; count: number }>([
          { $match: { conversationId: { $in: valid } } },
          { $group: { _id: '$conversationId', count: { $sum: 1 } } },
        ]);
        return groups.map((g) => ({ conversationId: g._id, count: g.count }));
      },

      async messagesByIds(ids) {
        const valid = uuids(ids);
        if (!valid.length) return [];
        return (await Message.find({ _id: { $in: valid } }).lean<MessageDoc[]>()).map(messageRecord);
      },

      async unreadCounts(userId, conversationIds) {
        const valid = uuids(conversationIds);
        const [user] = uuids([userId]);
        if (!valid.length || !user) return [];
        const rows = await Conversation.aggregate<{ conversationId: string; count: number }>(
          unreadPipeline({ _id: { $in: valid }, 'participants.userId': user }, { 'participants.userId': user }),
        );
        return rows.map((r) => ({ conversationId: r.conversationId, count: r.count }));
      },

      async unreadTotals(userIds) {
        const valid = uuids(userIds);
        if (!valid.length) return [];
        const rows = await Conversation.aggregate<{ _id: string; count: number }>([
          ...unreadPipeline({ 'participants.userId': { $in: valid } }, { 'participants.userId': { $in: valid } }),
          { $group: { _id: '$userId', count: { $sum: '$count' } } },
        ]);
        return rows.map((r) => ({ userId: r._id, count: r.count }));
      },

      async findOpenConversation(query) {
        const filter =
          query.kind === 'AGENCY'
            ? { kind: 'AGENCY' as const, agencyId: query.agencyId.toLowerCase(), ...activeParticipant(query.userId.toLowerCase()) }
            : {
                kind: 'DIRECT' as const,
                participants: { $size: 2 },
                $and: query.userIds.map((u) => activeParticipant(u.toLowerCase())),
              };
        const doc = await Conversation.findOne(filter, recordFields).sort({ lastActivityAt: -1 }).lean<ConversationDoc>();
        return doc ? conversationRecord(doc) : null;
      },

      agencyMembers: async (agencyIds) =>
        (
          await AgencyMember.find({ agencyId: { $in: uuids(agencyIds) } }, { _id: 0 })
            .sort({ agencyId: 1, role: 1, userId: 1 })
            .lean()
        ).map((m) => ({
          agencyId: m.agencyId,
          userId: m.userId,
          role: m.role,
        })),

      async insertConversation(input, events = []) {
        const conversation = prepareConversation(input);
        try {
          await atomically(async (session) => {
            await Conversation.insertMany([conversationDoc(conversation)], { session });
            await writeEvents(events, session);
          });
        } catch (error) {
          throw conflictOr(
            error,
            `conversation ${conversation.id} or a conversation for order ${conversation.orderId ?? '-'} already exists`,
          );
        }
        return record(conversation);
      },

      async insertMessage(input, events) {
        const message = prepareMessage(input);
        if (!uuids([message.conversationId]).length) throw new ConversationNotFoundError(message.conversationId);
        // A retry of a send already stored: its first message (the transaction is then aborted).
        let duplicate: MessageRecord | undefined;
        try {
          return await atomically(async (session) => {
            // $max never moves activity backwards, so concurrent or back-dated messages are safe;
            // the update also makes concurrent sends to one conversation conflict and retry.
            const bumped = await Conversation.updateOne(
              { _id: message.conversationId },
              { $max: { lastMessageAt: message.createdAt, lastActivityAt: message.createdAt } },
              { session },
            );
            if (bumped.matchedCount === 0) throw new ConversationNotFoundError(message.conversationId);
            if (message.clientMessageId !== null) {
              const first = await Message.findOne(
                { conversationId: message.conversationId, senderId: message.senderId, clientMessageId: message.clientMessageId },
                null,
                { session },
              ).lean<MessageDoc>();
              if (first) {
                // Nothing of the retry is kept (the activity it moved included).
                duplicate = messageRecord(first);
                throw new Error('retried send');
              }
            }
            await Message.insertMany([messageDoc(message)], { session });
            await writeEvents(events?.(message) ?? [], session);
            return { message, duplicate: false };
          });
        } catch (error) {
          if (duplicate) return { message: duplicate, duplicate: true };
          throw conflictOr(error, `message ${message.id} already exists`);
        }
      },

      async editMessage(id, body, at) {
        const [valid] = uuids([id]);
        if (!valid) return null;
        // A pipeline update: the previous body goes to the revisions in the same write.
        const doc = await Message.findOneAndUpdate(
          { _id: valid },
          [{ $set: { revisions: { $concatArrays: ['$revisions', [{ body: '$body', replacedAt: at }]] }, body, editedAt: at } }],
          { new: true, updatePipeline: true },
        ).lean<MessageDoc>();
        return doc ? messageRecord(doc) : null;
      },

      async deleteMessage(id, at) {
        const [valid] = uuids([id]);
        if (!valid) return null;
        const doc = await Message.findOneAndUpdate(
          { _id: valid },
          [
            {
              $set: {
                // The deleted body joins the history (the sender and admins still see it); a repeat changes nothing.
                revisions: {
                  $cond: [
                    { $and: [{ $eq: ['$deletedAt', null] }, { $ne: ['$body', ''] }] },
                    { $concatArrays: ['$revisions', [{ body: '$body', replacedAt: at }]] },
                    '$revisions',
                  ],
                },
              },
            },
            { $set: { body: '', attachmentIds: [], voice: null, deletedAt: { $ifNull: ['$deletedAt', at] } } },
          ],
          { new: true, updatePipeline: true },
        ).lean<MessageDoc>();
        return doc ? messageRecord(doc) : null;
      },

      async markRead(conversationId, userId, message, at) {
        const [conversation] = uuids([conversationId]);
        const [user] = uuids([userId]);
        if (!conversation || !user) return null;
        const marker = { userId: user, leftAt: null };
        await Conversation.updateOne(
          { _id: conversation },
          {
            $set: {
              'participants.$[p].lastReadMessageId': message.id,
              'participants.$[p].lastReadMessageAt': message.createdAt,
              'participants.$[p].lastReadAt': at,
            },
          },
          {
            arrayFilters: [
              {
                ...Object.fromEntries(Object.entries(marker).map(([k, v]) => [`p.${k}`, v])),
                $or: [
                  { 'p.lastReadMessageId': null },
                  { 'p.lastReadMessageAt': { $lt: message.createdAt } },
                  { 'p.lastReadMessageAt': message.createdAt, 'p.lastReadMessageId': { $lt: message.id } },
                ],
              },
            ],
          },
        );
        const doc = await Conversation.findOne({ _id: conversation }, { participants: 1 }).lean<
          Pick<ConversationDoc, '_id' | 'participants'>
        >();
        const participant = doc?.participants.find((p) => p.userId === user && p.leftAt === null);
        return participant ? participantRecord(conversation, participant) : null;
      },

      async addParticipant(conversationId, participant, at) {
        await addParticipant(conversationId.toLowerCase(), participant, at);
      },

      async outbox(limit = 1_000) {
        return (await Outbox.find({}, { type: 1, data: 1 }).sort({ occurredAt: 1 }).limit(limit).lean()).map((e) => ({
          type: e.type,
          data: e.data,
        }));
      },

      async recordEvents(events) {
        await atomically((session) => writeEvents(events, session));
      },

      inTransaction: (work) => atomically((session) => work(eventWrites(session))),

      async insertMany(input) {
        const prepared = prepareImport(input);
        const byId = new Map(prepared.messages.map((m) => [m.id, m]));
        const conversations = prepared.conversations.map(conversationDoc);
        const docsById = new Map(conversations.map((c) => [c._id, c]));
        for (const read of input.reads ?? []) {
          const participant = docsById.get(read.conversationId)?.participants.find((p) => p.userId === read.userId);
          const message = byId.get(read.messageId);
          if (
            participant &&
            message &&
            (!participant.lastReadMessageId ||
              isNewer(message, { createdAt: participant.lastReadMessageAt ?? new Date(0), id: participant.lastReadMessageId }))
          )
            Object.assign(participant, { lastReadMessageId: message.id, lastReadMessageAt: message.createdAt, lastReadAt: read.at });
        }
        try {
          await atomically(async (session) => {
            const write = { ordered: true, session } as const;
            if (conversations.length) await Conversation.insertMany(conversations, write);
            if (prepared.messages.length) await Message.insertMany(prepared.messages.map(messageDoc), write);
            if (input.agencyMembers?.length) await AgencyMember.insertMany(input.agencyMembers, write);
          });
        } catch (error) {
          throw conflictOr(error, 'some of the imported conversations or messages already exist');
        }
      },

      async isEmpty() {
        return (await Conversation.exists({})) === null;
      },

      ping: mongo.ping,
      close: mongo.close,
    };
  } catch (error) {
    await mongo.close();
    throw error;
  }
}
