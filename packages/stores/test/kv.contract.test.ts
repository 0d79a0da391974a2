import { freshRedis, testEnv, testLogger } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openKeyValue, type KeyValueStore } from '../src/kv';

const adapters = [{ name: 'in-process', redis: false }, ...(testEnv.REDIS_URL ? [{ name: 'Redis (ioredis)', redis: true }] : [])];

describe.each(adapters)('KeyValueStore contract: $name', ({ redis }) => {
  let kv: KeyValueStore;
  let other: KeyValueStore; // a second client, as a second replica would have
  let cleanup: () => Promise<void>;
  /** Another client on the same server and prefix (the same store when in-process). */
  let openAnother: () => Promise<KeyValueStore>;

  beforeAll(async () => {
    const provisioned = await freshRedis('kv');
    const url = redis ? provisioned.url : undefined;
    kv = await openKeyValue({ url, prefix: provisioned.prefix, logger: testLogger() });
    openAnother = async () => (redis ? openKeyValue({ url, prefix: provisioned.prefix, logger: testLogger() }) : kv);
    other = await openAnother();
    cleanup = provisioned.cleanup;
  });
  afterAll(async () => {
    await kv.close();
    if (other !== kv) await other.close();
    await cleanup();
  });

  it('gets, sets, deletes and expires values', async () => {
    expect(await kv.get('missing')).toBeNull();
    await kv.set('a', '1');
    expect(await other.get('a')).toBe('1');
    expect(await kv.ttl('a')).toBe(-1);
    await kv.set('b', '2', 1);
    expect(await kv.ttl('b')).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 1_100));
    expect(await kv.get('b')).toBeNull();
    expect(await kv.ttl('b')).toBe(-2);
    await kv.del('a');
    expect(await kv.get('a')).toBeNull();
  });

  it('sets only when absent', async () => {
    expect(await kv.setIfAbsent('lock', 'x', 10)).toBe(true);
    expect(await other.setIfAbsent('lock', 'y', 10)).toBe(false);
    expect(await kv.get('lock')).toBe('x');
  });

  it('increments atomically and sets the expiry only on creation', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? kv : other).incr('hits', 30)));
    expect(new Set(results).size).toBe(50);
    expect(Math.max(...results)).toBe(50);
    const ttl = await kv.ttl('hits');
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(30);
  });

  it('delivers published messages to every subscriber, and stops after unsubscribe', async () => {
    const seenA: string[] = [];
    const seenB: string[] = [];
    const offA = await kv.subscribe('news', (m) => seenA.push(m));
    const offB = await other.subscribe('news', (m) => seenB.push(m));
    await kv.publish('news', 'one');
    await other.publish('news', 'two');
    await waitFor(() => seenA.length === 2 && seenB.length === 2);
    expect(seenA).toEqual(['one', 'two']);
    expect(seenB).toEqual(['one', 'two']);
    await offA();
    await kv.publish('news', 'three');
    await waitFor(() => seenB.length === 3);
    expect(seenA).toEqual(['one', 'two']);
    await offB();
  });

  it('subscribes to channels one after another while a fresh client connects, each resolved once it receives', async () => {
    // Subscriptions sent between the TCP connect and the ready check used to fail it and were lost (ioredis#2037).
    const fresh = await openAnother();
    try {
      const seen = new Map<string, string[]>();
      const channels = Array.from({ length: 200 }, (_, i) => `burst-${i}`);
      const subscribing: Promise<() => Promise<void>>[] = [];
      for (const channel of channels) {
        subscribing.push(fresh.subscribe(channel, (m) => seen.set(channel, [...(seen.get(channel) ?? []), m])));
        // One subscription per turn of the event loop, so some land in each phase of the connection.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const offs = await Promise.all(subscribing);
      await Promise.all(channels.map((channel) => other.publish(channel, `to ${channel}`)));
      await waitFor(() => channels.every((channel) => seen.get(channel)?.length === 1));
      for (const channel of channels) expect(seen.get(channel)).toEqual([`to ${channel}`]);
      await Promise.all(offs.map((off) => off()));
    } finally {
      if (fresh !== kv) await fresh.close();
    }
  });

  it('streams: each consumer group sees every entry once, in order, and acks', async () => {
    await kv.streamEnsureGroup('events', 'relay');
    await kv.streamEnsureGroup('events', 'relay'); // idempotent
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await kv.streamAdd('events', { n: String(i) }));
    const first = await kv.streamReadGroup('events', 'relay', 'c1', { count: 3 });
    const second = await other.streamReadGroup('events', 'relay', 'c2', { count: 10 });
    expect([...first, ...second].map((e) => e.fields.n)).toEqual(['0', '1', '2', '3', '4']);
    expect([...first, ...second].map((e) => e.id)).toEqual(ids);
    expect(await kv.streamAck('events', 'relay', ...first.map((e) => e.id))).toBe(3);
    expect(await kv.streamReadGroup('events', 'relay', 'c1', { count: 10 })).toEqual([]);
  });

  it('streams: entries read but never acknowledged are read again as pending (after a crash)', async () => {
    await kv.streamEnsureGroup('crash', 'g');
    for (let i = 0; i < 3; i++) await kv.streamAdd('crash', { n: String(i) });
    const delivered = await kv.streamReadGroup('crash', 'g', 'c1', { count: 2 });
    expect(delivered.map((e) => e.fields.n)).toEqual(['0', '1']);
    expect((await kv.streamReadGroup('crash', 'g', 'c1', { pending: true })).map((e) => e.fields.n)).toEqual(['0', '1']);
    await kv.streamAck('crash', 'g', delivered[0]?.id as string);
    expect((await kv.streamReadGroup('crash', 'g', 'c1', { pending: true })).map((e) => e.fields.n)).toEqual(['1']);
    expect((await kv.streamReadGroup('crash', 'g', 'c1', { count: 10 })).map((e) => e.fields.n)).toEqual(['2']);
  });

  it('streams: a blocked reader wakes up when an entry arrives', async () => {
    await kv.streamEnsureGroup('wake', 'g');
    const reading = kv.streamReadGroup('wake', 'g', 'c', { blockMs: 2_000 });
    setTimeout(() => void other.streamAdd('wake', { hello: 'world' }), 100);
    const started = Date.now();
    const entries = await reading;
    expect(entries.map((e) => e.fields)).toEqual([{ hello: 'world' }]);
    expect(Date.now() - started).toBeLessThan(1_900);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 2_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
