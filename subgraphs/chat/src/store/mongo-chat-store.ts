import { validUuids, type Logger } from '@market/kit';
import { openMongo } from '@market/stores';
import type { ClientSession, Connection } from 'mongoose';
import {
  ChatConflictError,
  ConversationNotFoundError,
  prepareConversation,
  prepareImport,
  prepareMessage,
  type ChatStore,
  type ConversationRecord,
  type MessageRecord,
  type PreparedConversation,
} from './chat-store';
import { chatModels, type ConversationDoc, type MessageDoc } from './mongo-models';

/** Ids are stored lower-case (as PostgreSQL prints uuids), so lookups lower-case too. */
const uuids = (ids: readonly string[]) => validUuids(ids).map((id) => id.toLowerCase());

const conversationRecord = (doc: ConversationDoc): ConversationRecord => ({
  id: doc._id,
  kind: doc.kind,
  orderId: doc.orderId ?? null,
  agencyId: doc.agencyId ?? null,
  title: doc.title ?? null,
  createdAt: doc.createdAt,
  lastMessageAt: doc.lastMessageAt ?? null,
  lastActivityAt: doc.lastActivityAt,
});

const messageRecord = (doc: MessageDoc): MessageRecord => ({
  id: doc._id,
  conversationId: doc.conversationId,
  senderId: doc.senderId,
  body: doc.body,
  createdAt: doc.createdAt,
  editedAt: doc.editedAt ?? null,
});

const conversationDoc = ({ id, orderId, ...rest }: PreparedConversation): ConversationDoc => ({
  _id: id,
  ...rest,
  ...(orderId ? { orderId } : {}),
});

const messageDoc = ({ id, ...rest }: MessageRecord): MessageDoc => ({ _id: id, ...rest });

const inSession = (session: ClientSession | null) => (session ? { session } : {});

// The participants are embedded; conversation records leave them out.
const recordFields = { participantIds: 0 } as const;

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

/** The chat store on MongoDB (MONGO_URL), through mongoose on a dedicated connection. */
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
    const { Conversation, Message } = chatModels(connection);
    // Build the indexes before serving: the unique order index is a rule, not an optimisation.
    await Promise.all([Conversation.init(), Message.init()]);
    const transactions = await supportsTransactions(connection);
    if (!transactions) {
      logger.warn('MongoDB is a standalone server: a message and its conversation bump are two writes, not one transaction');
    }
    const atomically = <T>(work: (session: ClientSession | null) => Promise<T>): Promise<T> =>
      transactions ? connection.transaction((session) => work(session)) : work(null);

    return {
      kind: 'mongodb',
      queryCount: () => roundTrips,

      async conversationsByIds(ids) {
        const valid = uuids(ids);
        if (!valid.length) return [];
        const docs = await Conversation.find({ _id: { $in: valid } }, recordFields).lean<ConversationDoc[]>();
        return docs.map(conversationRecord);
      },

      async conversationsByOrderIds(orderIds) {
        const valid = uuids(orderIds);
        if (!valid.length) return [];
        const docs = await Conversation.find({ orderId: { $in: valid } }, recordFields).lean<ConversationDoc[]>();
        return docs.map(conversationRecord);
      },

      async listConversations({ limit, after, kind }) {
        const ofKind = kind ? { kind } : {};
        const afterCursor = after
          ? { $or: [{ lastActivityAt: { $lt: after.at } }, { lastActivityAt: after.at, _id: { $lt: after.id.toLowerCase() } }] }
          : {};
        const [docs, totalCount] = await Promise.all([
          Conversation.find({ ...ofKind, ...afterCursor }, recordFields)
            .sort({ lastActivityAt: -1, _id: -1 })
            .limit(limit)
            .lean<ConversationDoc[]>(),
          Conversation.countDocuments(ofKind),
        ]);
        return { rows: docs.map(conversationRecord), totalCount };
      },

      async participantsOf(conversationIds) {
        const valid = uuids(conversationIds);
        if (!valid.length) return [];
        const docs = await Conversation.find({ _id: { $in: valid } }, { participantIds: 1 }).lean<
          Pick<ConversationDoc, '_id' | 'participantIds'>[]
        >();
        return docs.flatMap((doc) => doc.participantIds.map((userId) => ({ conversationId: doc._id, userId })));
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
        const docs = await Message.find({ _id: { $in: valid } }).lean<MessageDoc[]>();
        return docs.map(messageRecord);
      },

      async insertConversation(input) {
        const conversation = prepareConversation(input);
        try {
          await Conversation.insertMany([conversationDoc(conversation)], { lean: true });
        } catch (error) {
          throw conflictOr(
            error,
            `conversation ${conversation.id} or a conversation for order ${conversation.orderId ?? '-'} already exists`,
          );
        }
        const { participantIds: _participants, ...record } = conversation;
        return record;
      },

      async insertMessage(input) {
        const message = prepareMessage(input);
        if (!uuids([message.conversationId]).length) throw new ConversationNotFoundError(message.conversationId);
        try {
          await atomically(async (session) => {
            // $max never moves activity backwards, so concurrent or back-dated messages are safe;
            // without a transaction (standalone server) a failed insert leaves only an early bump.
            const bumped = await Conversation.updateOne(
              { _id: message.conversationId },
              { $max: { lastMessageAt: message.createdAt, lastActivityAt: message.createdAt } },
              inSession(session),
            );
            if (bumped.matchedCount === 0) throw new ConversationNotFoundError(message.conversationId);
            await Message.insertMany([messageDoc(message)], { lean: true, ...inSession(session) });
          });
        } catch (error) {
          throw conflictOr(error, `message ${message.id} already exists`);
        }
        return message;
      },

      async insertMany(input) {
        const prepared = prepareImport(input);
        try {
          await atomically(async (session) => {
            const write = { lean: true, ordered: true, ...inSession(session) } as const;
            if (prepared.conversations.length) await Conversation.insertMany(prepared.conversations.map(conversationDoc), write);
            if (prepared.messages.length) await Message.insertMany(prepared.messages.map(messageDoc), write);
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
