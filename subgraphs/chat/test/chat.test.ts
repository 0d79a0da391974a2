import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData } from '@market/demo-data';
import { freshMongo, freshPostgres, graphql, resolveEntities, testLogger, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type ChatService } from '../src/service';

// The service as it runs: store opened, migrated and seeded, served over HTTP. Without a
// gateway-signed identity every caller is anonymous here; the rules themselves are tested
// in-process with viewers (resolvers.test.ts, subscriptions.test.ts).
let postgres: Provisioned;
let mongo: Provisioned;
let dataDir: string | undefined;
let service: ChatService;
const demo = demoData();

beforeAll(async () => {
  postgres = await freshPostgres('chat');
  mongo = freshMongo('chat');
  dataDir = postgres.url || mongo.url ? undefined : mkdtempSync(join(tmpdir(), 'chat-test-'));
  service = await startService(
    loadEnv({ PORT: '0', HOST: '127.0.0.1', MONGO_URL: mongo.url, DATABASE_URL: postgres.url, DATA_DIR: dataDir, NODE_ENV: 'test' }),
    { logger: testLogger('chat') },
  );
});
afterAll(async () => {
  await service?.stop();
  await postgres?.cleanup();
  await mongo?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('chat service', () => {
  it('refuses anonymous callers: UNAUTHENTICATED for the viewer-bound fields, nothing for references', async () => {
    const list = await graphql(service, '{ conversations(first: 5) { totalCount } }');
    expect(list.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const send = await graphql(
      service,
      'mutation { sendMessage(input: { conversationId: "00000000-0000-4000-8000-000000000000", body: "hi" }) { id } }',
    );
    expect(send.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A seeded order's conversation exists, but is not shown to someone who may not read it.
    const order = demo.orders[0]!;
    const found = await resolveEntities<{ conversation: { id: string } | null }>(
      service,
      [{ __typename: 'Order', id: order.id }],
      '... on Order { conversation { id } }',
    );
    expect(found.errors).toBeUndefined();
    expect(found.data?._entities).toEqual([{ conversation: null }]);
    const users = await resolveEntities<{ unreadMessages: number | null }>(
      service,
      [{ __typename: 'User', id: order.customerId }],
      '... on User { unreadMessages }',
    );
    expect(users.data?._entities).toEqual([{ unreadMessages: null }]);
  });

  it('reports readiness (store and pub/sub) and exposes metrics', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { [mongo.url ? 'mongodb' : 'postgres']: { ok: true } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });
});
