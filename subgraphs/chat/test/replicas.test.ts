import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { freshPostgres, freshRedis, testEnv, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isIterator, nextEvent, openHarness, viewer, type Harness } from './harness';

// Two chat replicas on one PostgreSQL database and one Redis (a key prefix of this run's own):
// subscribers on both, messages sent through both, every subscriber gets every message once.
const REDIS_URL = testEnv.REDIS_URL ?? 'redis://127.0.0.1:6379';

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 6379), timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

const redisUp = await reachable(REDIS_URL);
const skipReason = !redisUp
  ? `SKIPPED: Redis is unreachable at ${REDIS_URL}`
  : !testEnv.DATABASE_URL
    ? 'SKIPPED: set DATABASE_URL (two replicas need one PostgreSQL database)'
    : null;

describe.skipIf(skipReason !== null)(`two chat replicas on one PostgreSQL and one Redis${skipReason ? ` — ${skipReason}` : ''}`, () => {
  let postgres: Provisioned;
  let redis: Provisioned & { prefix: string };
  let replicas: Harness[] = [];

  beforeAll(async () => {
    postgres = await freshPostgres('chat_replicas');
    redis = await freshRedis('chat-replicas');
    const env = { DATABASE_URL: postgres.url, REDIS_URL: redis.url ?? REDIS_URL, REDIS_PREFIX: redis.prefix };
    // One after the other: the first migrates, the second finds the schema in place.
    replicas = [await openHarness(env), await openHarness(env)];
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    await redis?.cleanup();
    await postgres?.cleanup();
  });

  it('delivers every message exactly once to every subscriber, whichever replica it was sent through', async () => {
    const [a, b] = replicas as [Harness, Harness];
    const [customer, owner, staff, agencyId, orderId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await a.event('agency.member.added', { agencyId, userId: owner, role: 'OWNER' });
    await a.event('agency.member.added', { agencyId, userId: staff, role: 'STAFF' });
    await a.event('order.placed', {
      orderId,
      number: 'ORD-2',
      customerId: customer,
      agencyId,
      title: 'Tiles',
      at: new Date().toISOString(),
    });
    const [conversation] = await a.runtime.store.conversationsByOrderIds([orderId]);
    const id = conversation!.id;

    const SUB = `subscription ($id: ID!) { messageAdded(conversationId: $id) { id body } }`;
    // Two subscribers on each replica (one replica-level channel subscription each).
    const subscribers = await Promise.all(
      [
        [a, customer],
        [a, owner],
        [b, staff],
        [b, customer],
      ].map(async ([replica, user]) => {
        const s = await (replica as Harness).subscribe<{ messageAdded: { id: string; body: string } }>(viewer(user as string), SUB, { id });
        if (!isIterator(s)) throw new Error(JSON.stringify(s.errors));
        return s;
      }),
    );
    expect(a.runtime.realtime.channelCount).toBe(1);
    expect(b.runtime.realtime.channelCount).toBe(1);

    const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
    const sent: string[] = [];
    for (let i = 0; i < 10; i++) {
      const [replica, sender] = i % 2 ? [b, staff] : [a, customer];
      const result = await replica.run<{ sendMessage: { id: string } }>(viewer(sender), SEND, {
        input: { conversationId: id, body: `m${i}` },
      });
      expect(result.errors).toBeUndefined();
      sent.push(result.data!.sendMessage.id);
    }
    for (const subscriber of subscribers) {
      const received: string[] = [];
      for (let i = 0; i < sent.length; i++) received.push((await nextEvent(subscriber)).data!.messageAdded.id);
      // Exactly once: nothing more arrives.
      const extra = await Promise.race([subscriber.next(), new Promise((resolve) => setTimeout(() => resolve('none'), 300))]);
      expect(extra).toBe('none');
      expect([...received].sort()).toEqual([...sent].sort());
      await subscriber.return(undefined);
    }
  });
});
