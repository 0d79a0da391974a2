import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

/**
 * Shared fast state: key-value with expiry, pub/sub and streams with consumer
 * groups. Redis in production (shared by every replica), in-process when
 * embedded. Both adapters pass the same contract tests.
 */
export interface KeyValueStore {
  kind: 'redis' | 'memory';
  get(key: string): Promise<string | null>;
  /** Sets a value, optionally expiring after `ttlSeconds`. */
  set(key: string, value: string, ttlSeconds?: number): Promise<void>;
  /** Sets only when absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlSeconds?: number): Promise<boolean>;
  del(key: string): Promise<void>;
  /** Atomically increments; the expiry is set when the key is created. */
  incr(key: string, ttlSeconds?: number): Promise<number>;
  /** Remaining time to live in seconds; -1 without expiry, -2 when missing. */
  ttl(key: string): Promise<number>;
  publish(channel: string, message: string): Promise<void>;
  /** Subscribes; resolves once the subscription is active, with an unsubscribe function. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  streamAdd(stream: string, fields: Record<string, string>): Promise<string>;
  /** Creates the group if needed (starting at the beginning of the stream). */
  streamEnsureGroup(stream: string, group: string): Promise<void>;
  /**
   * Entries never delivered to the group, at most `count`, waiting up to `blockMs`; with `pending`, the entries
   * already delivered to this consumer and not acknowledged (after a crash), without waiting.
   */
  streamReadGroup(
    stream: string,
    group: string,
    consumer: string,
    options?: { count?: number; blockMs?: number; pending?: boolean },
  ): Promise<StreamEntry[]>;
  streamAck(stream: string, group: string, ...ids: string[]): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenKeyValueOptions {
  /** redis:// URL; unset means in-process. */
  url?: string | undefined;
  /** Prefix for every key and channel (isolates services and tests sharing one Redis). */
  prefix?: string;
  logger: Logger;
}

export async function openKeyValue(options: OpenKeyValueOptions): Promise<KeyValueStore> {
  const logger = options.logger.child({ component: 'kv' });
  const store = options.url ? new RedisKeyValue(options.url, options.prefix ?? '', logger) : new MemoryKeyValue(options.prefix ?? '');
  await store.ping();
  logger.info({ kind: store.kind }, 'key-value store ready');
  return store;
}

function fieldsToArray(fields: Record<string, string>): string[] {
  return Object.entries(fields).flat();
}

function arrayToFields(values: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < values.length; i += 2) fields[values[i] as string] = values[i + 1] as string;
  return fields;
}

export class RedisKeyValue implements KeyValueStore {
  readonly kind = 'redis' as const;
  private readonly client: Redis;
  private subscriber: Redis | undefined;
  private subscriberReady: Promise<Redis> | undefined;
  private readonly channels = new Map<string, { handlers: Set<(message: string) => void>; active: Promise<unknown> }>();

  constructor(
    private readonly url: string,
    private readonly prefix: string,
    private readonly logger: Logger,
  ) {
    // Keys are prefixed by hand: ioredis' keyPrefix misses the key of XGROUP and channel names.
    // Commands issued in the same event-loop turn (a message's publishes, a request's rate-limit budgets) leave in
    // one write: one system call instead of one each.
    this.client = new Redis(url, { maxRetriesPerRequest: 3, enableAutoPipelining: true });
    this.client.on('error', (error) => logger.warn({ err: error }, 'redis connection error'));
  }

  private k(key: string) {
    return this.prefix + key;
  }
  async get(key: string) {
    return this.client.get(this.k(key));
  }
  async set(key: string, value: string, ttlSeconds?: number) {
    if (ttlSeconds) await this.client.set(this.k(key), value, 'EX', ttlSeconds);
    else await this.client.set(this.k(key), value);
  }
  async setIfAbsent(key: string, value: string, ttlSeconds?: number) {
    const result = ttlSeconds
      ? await this.client.set(this.k(key), value, 'EX', ttlSeconds, 'NX')
      : await this.client.set(this.k(key), value, 'NX');
    return result === 'OK';
  }
  async del(key: string) {
    await this.client.del(this.k(key));
  }
  async incr(key: string, ttlSeconds?: number) {
    if (!ttlSeconds) return this.client.incr(this.k(key));
    const results = await this.client.multi().incr(this.k(key)).expire(this.k(key), ttlSeconds, 'NX').exec();
    return Number(results?.[0]?.[1] ?? 0);
  }
  async ttl(key: string) {
    return this.client.ttl(this.k(key));
  }
  async publish(channel: string, message: string) {
    await this.client.publish(this.prefix + channel, message);
  }
  /**
   * The connection in subscriber mode, opened on first use. SUBSCRIBE is only sent once it is ready: ioredis 5.8+
   * lets a SUBSCRIBE queued during the connection handshake overtake its INFO ready check, which then fails
   * ("Connection in subscriber mode") and takes the queued subscriptions down with it (ioredis#2037).
   */
  private connectSubscriber(): Promise<Redis> {
    this.subscriberReady ??= (async () => {
      const subscriber = new Redis(this.url, { maxRetriesPerRequest: null, lazyConnect: true });
      subscriber.on('error', (error) => this.logger.warn({ err: error }, 'redis subscriber error'));
      subscriber.on('message', (ch: string, message: string) => {
        for (const handler of this.channels.get(ch)?.handlers ?? []) handler(message);
      });
      this.subscriber = subscriber;
      await subscriber.connect();
      return subscriber;
    })();
    this.subscriberReady.catch(() => (this.subscriberReady = undefined));
    return this.subscriberReady;
  }
  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const full = this.prefix + channel;
    let entry = this.channels.get(full);
    if (!entry) {
      const handlers = new Set<(message: string) => void>();
      const created = { handlers, active: this.connectSubscriber().then((subscriber) => subscriber.subscribe(full)) };
      entry = created;
      this.channels.set(full, created);
      created.active.catch(() => {
        if (this.channels.get(full) === created) this.channels.delete(full);
      });
    }
    // Every caller waits for the channel's SUBSCRIBE, also those that join while it is in flight.
    await entry.active;
    // The last subscriber left while this one waited: the channel was unsubscribed, so subscribe it anew.
    if (this.channels.get(full) !== entry) return this.subscribe(channel, onMessage);
    entry.handlers.add(onMessage);
    const joined = entry;
    return async () => {
      joined.handlers.delete(onMessage);
      if (joined.handlers.size === 0 && this.channels.get(full) === joined) {
        this.channels.delete(full);
        await this.subscriber?.unsubscribe(full);
      }
    };
  }
  async streamAdd(stream: string, fields: Record<string, string>) {
    return (await this.client.xadd(this.k(stream), '*', ...fieldsToArray(fields))) as string;
  }
  async streamEnsureGroup(stream: string, group: string) {
    try {
      await this.client.xgroup('CREATE', this.k(stream), group, '0', 'MKSTREAM');
    } catch (error) {
      if (!(error instanceof Error && error.message.includes('BUSYGROUP'))) throw error;
    }
  }
  async streamReadGroup(
    stream: string,
    group: string,
    consumer: string,
    options: { count?: number; blockMs?: number; pending?: boolean } = {},
  ) {
    const count = options.count ?? 100;
    const reply = (
      options.pending
        ? await this.client.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', this.k(stream), '0')
        : options.blockMs
          ? await this.client.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', options.blockMs, 'STREAMS', this.k(stream), '>')
          : await this.client.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'STREAMS', this.k(stream), '>')
    ) as [string, [string, string[]][]][] | null;
    const entries = reply?.[0]?.[1] ?? [];
    return entries.map(([id, values]) => ({ id, fields: arrayToFields(values) }));
  }
  async streamAck(stream: string, group: string, ...ids: string[]) {
    if (ids.length === 0) return 0;
    return this.client.xack(this.k(stream), group, ...ids);
  }
  async ping() {
    await this.client.ping();
  }
  async close() {
    await Promise.all([this.client.quit(), this.subscriber?.quit()]);
  }
}

interface MemoryStream {
  entries: StreamEntry[];
  lastMs: number;
  seq: number;
  /** Per group: index of the next undelivered entry. */
  groups: Map<string, { next: number; pending: Set<string> }>;
  waiters: Set<() => void>;
}

/** In-process equivalent for embedded mode: same semantics, one process only. */
export class MemoryKeyValue implements KeyValueStore {
  readonly kind = 'memory' as const;
  private readonly values = new Map<string, { value: string; expiresAt: number | null }>();
  private readonly bus = new EventEmitter();
  private readonly streams = new Map<string, MemoryStream>();

  constructor(private readonly prefix = '') {
    this.bus.setMaxListeners(0);
  }

  private live(key: string) {
    const entry = this.values.get(this.prefix + key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= Date.now()) {
      this.values.delete(this.prefix + key);
      return undefined;
    }
    return entry;
  }
  async get(key: string) {
    return this.live(key)?.value ?? null;
  }
  async set(key: string, value: string, ttlSeconds?: number) {
    this.values.set(this.prefix + key, { value, expiresAt: ttlSeconds ? Date.now() + ttlSeconds * 1000 : null });
  }
  async setIfAbsent(key: string, value: string, ttlSeconds?: number) {
    if (this.live(key)) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }
  async del(key: string) {
    this.values.delete(this.prefix + key);
  }
  async incr(key: string, ttlSeconds?: number) {
    const entry = this.live(key);
    const next = (entry ? Number(entry.value) : 0) + 1;
    if (Number.isNaN(next)) throw new Error('ERR value is not an integer or out of range');
    this.values.set(this.prefix + key, {
      value: String(next),
      expiresAt: entry ? entry.expiresAt : ttlSeconds ? Date.now() + ttlSeconds * 1000 : null,
    });
    return next;
  }
  async ttl(key: string) {
    const entry = this.live(key);
    if (!entry) return -2;
    if (entry.expiresAt === null) return -1;
    return Math.ceil((entry.expiresAt - Date.now()) / 1000);
  }
  async publish(channel: string, message: string) {
    // Asynchronous like Redis: publishers never run subscriber code inline.
    queueMicrotask(() => this.bus.emit(this.prefix + channel, message));
  }
  async subscribe(channel: string, onMessage: (message: string) => void) {
    this.bus.on(this.prefix + channel, onMessage);
    return async () => {
      this.bus.off(this.prefix + channel, onMessage);
    };
  }
  private stream(name: string): MemoryStream {
    let stream = this.streams.get(this.prefix + name);
    if (!stream) {
      stream = { entries: [], lastMs: 0, seq: 0, groups: new Map(), waiters: new Set() };
      this.streams.set(this.prefix + name, stream);
    }
    return stream;
  }
  async streamAdd(name: string, fields: Record<string, string>) {
    const stream = this.stream(name);
    const now = Date.now();
    if (now > stream.lastMs) {
      stream.lastMs = now;
      stream.seq = 0;
    } else stream.seq += 1;
    const id = `${stream.lastMs}-${stream.seq}`;
    stream.entries.push({ id, fields: { ...fields } });
    for (const wake of stream.waiters) wake();
    return id;
  }
  async streamEnsureGroup(name: string, group: string) {
    const stream = this.stream(name);
    if (!stream.groups.has(group)) stream.groups.set(group, { next: 0, pending: new Set() });
  }
  async streamReadGroup(
    name: string,
    group: string,
    _consumer: string,
    options: { count?: number; blockMs?: number; pending?: boolean } = {},
  ) {
    const stream = this.stream(name);
    const state = stream.groups.get(group);
    if (!state) throw new Error(`NOGROUP No such consumer group '${group}' for key name '${name}'`);
    if (options.pending) {
      // One process: every consumer of the group is this one.
      return stream.entries
        .filter((entry) => state.pending.has(entry.id))
        .slice(0, options.count ?? 100)
        .map((entry) => ({ id: entry.id, fields: { ...entry.fields } }));
    }
    if (state.next >= stream.entries.length && options.blockMs) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          stream.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, options.blockMs);
        stream.waiters.add(wake);
      });
    }
    const batch = stream.entries.slice(state.next, state.next + (options.count ?? 100));
    state.next += batch.length;
    for (const entry of batch) state.pending.add(entry.id);
    return batch.map((entry) => ({ id: entry.id, fields: { ...entry.fields } }));
  }
  async streamAck(name: string, group: string, ...ids: string[]) {
    const state = this.stream(name).groups.get(group);
    let acked = 0;
    for (const id of ids) if (state?.pending.delete(id)) acked += 1;
    return acked;
  }
  async ping() {}
  async close() {
    this.bus.removeAllListeners();
    for (const stream of this.streams.values()) for (const wake of stream.waiters) wake();
  }
}
