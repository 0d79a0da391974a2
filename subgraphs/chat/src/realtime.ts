import type { Logger } from '@market/kit';
import type { KeyValueStore } from '@market/stores';
import type { MessageRecord } from './store/chat-store';

/**
 * What travels between chat replicas. A message is published only after it was committed (with
 * its `message.sent` event), so a subscriber never sees a message the store does not have.
 */
export type ConversationSignal =
  { type: 'message'; message: MessageRecord } | { type: 'typing'; conversationId: string; userId: string; typing: boolean; at: string };

export interface UserSignal {
  type: 'conversation';
  conversationId: string;
  reason: 'message' | 'read' | 'edit' | 'delete' | 'participants' | 'created';
}

export const conversationChannel = (conversationId: string) => `conversation:${conversationId}`;
export const userChannel = (userId: string) => `user:${userId}`;

const DATE_FIELDS = new Set(['createdAt', 'editedAt', 'deletedAt', 'replacedAt']);
const revive = (key: string, value: unknown) => (DATE_FIELDS.has(key) && typeof value === 'string' ? new Date(value) : value);

/** Events a slow subscriber may have waiting before the oldest are dropped (and logged). */
const MAX_BUFFERED = 1_000;

interface Channel {
  listeners: Set<(payload: unknown) => void>;
  /** Resolves once the replica's one subscription to the channel is active. */
  ready: Promise<() => Promise<void>>;
}

/**
 * Pub/sub for the subscriptions, over the KeyValueStore (Redis when REDIS_URL is set, in-process
 * otherwise). Each replica subscribes once per channel in use, however many local subscribers
 * it has (reference-counted), and fans every payload out to them: with several replicas on one
 * Redis, every subscriber receives every message exactly once.
 */
export class ChatRealtime {
  private readonly channels = new Map<string, Channel>();
  private readonly logger: Logger;

  constructor(
    private readonly kv: KeyValueStore,
    logger: Logger,
  ) {
    this.logger = logger.child({ component: 'realtime' });
  }

  /** Channels this replica is subscribed to (one per conversation/user in use). */
  get channelCount(): number {
    return this.channels.size;
  }

  async publishToConversation(conversationId: string, signal: ConversationSignal): Promise<void> {
    await this.kv.publish(conversationChannel(conversationId), JSON.stringify(signal));
  }

  /** Tells each user that a conversation of theirs changed (failures are logged: the change is stored). */
  async notifyUsers(userIds: readonly string[], signal: UserSignal): Promise<void> {
    const payload = JSON.stringify(signal);
    await Promise.all(
      [...new Set(userIds)].map((userId) =>
        this.kv
          .publish(userChannel(userId), payload)
          .catch((error: unknown) => this.logger.warn({ err: error, userId }, 'could not notify a user')),
      ),
    );
  }

  subscribeToConversation(
    conversationId: string,
    filter: (signal: ConversationSignal) => boolean,
  ): Promise<AsyncIterableIterator<ConversationSignal>> {
    return this.subscribe(conversationChannel(conversationId), filter as (payload: unknown) => boolean) as Promise<
      AsyncIterableIterator<ConversationSignal>
    >;
  }

  subscribeToUser(userId: string): Promise<AsyncIterableIterator<UserSignal>> {
    return this.subscribe(userChannel(userId), () => true) as Promise<AsyncIterableIterator<UserSignal>>;
  }

  /** Resolves once the channel subscription is active, so nothing published afterwards is missed. */
  private async subscribe(name: string, filter: (payload: unknown) => boolean): Promise<AsyncIterableIterator<unknown>> {
    const buffer: unknown[] = [];
    const waiting: ((result: IteratorResult<unknown>) => void)[] = [];
    let done = false;
    const listener = (payload: unknown) => {
      if (done || !filter(payload)) return;
      const next = waiting.shift();
      if (next) return next({ value: payload, done: false });
      buffer.push(payload);
      if (buffer.length > MAX_BUFFERED) {
        buffer.shift();
        this.logger.warn({ channel: name }, 'a subscriber is too slow: dropped its oldest event');
      }
    };

    let channel = this.channels.get(name);
    if (!channel) {
      const listeners = new Set<(payload: unknown) => void>();
      const created: Channel = {
        listeners,
        ready: this.kv.subscribe(name, (raw) => {
          let payload: unknown;
          try {
            payload = JSON.parse(raw, revive);
          } catch (error) {
            this.logger.warn({ err: error, channel: name }, 'ignored a malformed payload');
            return;
          }
          for (const deliver of listeners) deliver(payload);
        }),
      };
      channel = created;
      this.channels.set(name, created);
      created.ready.catch(() => this.channels.delete(name));
    }
    channel.listeners.add(listener);
    const current = channel;
    try {
      await current.ready;
    } catch (error) {
      current.listeners.delete(listener);
      throw error;
    }

    const finish = async (): Promise<IteratorResult<unknown>> => {
      if (!done) {
        done = true;
        for (const resolve of waiting.splice(0)) resolve({ value: undefined, done: true });
        buffer.length = 0;
        current.listeners.delete(listener);
        if (current.listeners.size === 0 && this.channels.get(name) === current) {
          this.channels.delete(name);
          await (await current.ready)().catch((error: unknown) => this.logger.warn({ err: error, channel: name }, 'could not unsubscribe'));
        }
      }
      return { value: undefined, done: true };
    };

    const iterator: AsyncIterableIterator<unknown> = {
      next: () => {
        if (buffer.length) return Promise.resolve({ value: buffer.shift(), done: false });
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve) => waiting.push(resolve));
      },
      return: finish,
      throw: async (error: unknown) => {
        await finish();
        throw error;
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }
}
