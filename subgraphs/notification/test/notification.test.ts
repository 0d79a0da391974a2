import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData, type DemoNotification } from '@market/demo-data';
import { encodeCursor } from '@market/kit';
import { freshPostgres, graphql, resolveEntities, testLogger, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type NotificationService } from '../src/service';

// Runs on PostgreSQL when DATABASE_URL is set (CI), otherwise on PGlite in a temporary folder.
let db: Provisioned;
let dataDir: string;
let service: NotificationService;
const demo = demoData();

interface NotificationNode {
  id: string;
  channel: string;
  category: string;
  title: string;
  readAt: string | null;
  createdAt: string;
  recipient: { id: string };
}
interface NotificationPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: NotificationNode }[];
}

const newestFirst = (a: DemoNotification, b: DemoNotification) =>
  b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const notificationsOf = (predicate: (n: DemoNotification) => boolean) => demo.notifications.filter(predicate).sort(newestFirst);
const PAGE =
  'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id channel category title readAt createdAt recipient { id } } }';
const recipients = [...new Set(demo.notifications.map((n) => n.recipientId))];

async function readAll(query: string, pick: (data: Record<string, unknown>) => NotificationPage, variables: Record<string, unknown> = {}) {
  const ids: string[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const result = await graphql(service, query, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const page = pick(result.data!);
    totals.add(page.totalCount);
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return { ids, totals: [...totals] };
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

beforeAll(async () => {
  db = await freshPostgres('notification');
  dataDir = mkdtempSync(join(tmpdir(), 'notification-test-'));
  service = await startService(loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, NODE_ENV: 'test' }), {
    logger: testLogger('notification'),
  });
});
afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('notification subgraph', () => {
  it('lists every seeded notification newest first, ties broken by id, with stable cursors', async () => {
    // Demo notifications of one order share a created_at: the id keeps pages from skipping or repeating them.
    expect(new Set(demo.notifications.map((n) => n.createdAt.getTime())).size).toBeLessThan(demo.notifications.length);
    const { ids, totals } = await readAll(
      `query ($after: String) { notifications(first: 17, after: $after) { ${PAGE} } }`,
      (d) => d.notifications as NotificationPage,
    );
    expect(totals).toEqual([demo.notifications.length]);
    expect(ids).toEqual(notificationsOf(() => true).map((n) => n.id));

    const first = await graphql<{ notifications: NotificationPage }>(service, `{ notifications(first: 1) { ${PAGE} } }`);
    const newest = notificationsOf(() => true)[0]!;
    expect(first.data?.notifications.edges[0]?.node).toEqual({
      id: newest.id,
      channel: newest.channel,
      category: newest.category,
      title: newest.title,
      readAt: newest.readAt?.toISOString() ?? null,
      createdAt: newest.createdAt.toISOString(),
      recipient: { id: newest.recipientId },
    });
  });

  it('lists only unread notifications when asked', async () => {
    const expected = notificationsOf((n) => n.readAt === null).map((n) => n.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(demo.notifications.length);
    const { ids, totals } = await readAll(
      `query ($after: String) { notifications(first: 9, after: $after, unreadOnly: true) { ${PAGE} } }`,
      (d) => d.notifications as NotificationPage,
    );
    expect(totals).toEqual([expected.length]);
    expect(ids).toEqual(expected);
  });

  it('resolves 50 notification references in one query, the recipient as a stub', async () => {
    const some = demo.notifications.slice(10, 60);
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; title: string; recipient: { id: string } }>(
      service,
      [...some.map((n) => ({ __typename: 'Notification', id: n.id })), { __typename: 'Notification', id: 'nope' }],
      '... on Notification { id title recipient { id } }',
    );
    expect(service.queryCount() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.slice(0, 50)).toEqual(some.map((n) => ({ id: n.id, title: n.title, recipient: { id: n.recipientId } })));
    expect(result.data!._entities[50]).toBeNull();
  });

  it("answers User.notifications(first: 3) for 20 users with two queries, each user's own newest", async () => {
    const users = [...recipients.slice(0, 19), '00000000-0000-4000-8000-000000000000'];
    expect(users).toHaveLength(20);
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; notifications: NotificationPage }>(
      service,
      users.map((id) => ({ __typename: 'User', id })),
      `... on User { id notifications(first: 3) { ${PAGE} } }`,
    );
    // One LATERAL page query for all users plus one grouped count.
    expect(service.queryCount() - before).toBe(2);
    expect(result.errors).toBeUndefined();
    result.data!._entities.forEach((entity, i) => {
      const own = notificationsOf((n) => n.recipientId === users[i]);
      expect(entity?.notifications.totalCount).toBe(own.length);
      expect(entity?.notifications.edges.map((e) => e.node.id)).toEqual(own.slice(0, 3).map((n) => n.id));
      expect(entity?.notifications.pageInfo.hasNextPage).toBe(own.length > 3);
      for (const edge of entity?.notifications.edges ?? []) expect(edge.node.recipient.id).toBe(users[i]);
    });
  });

  it('batches unread and all notifications of many users per argument set, and pages one user to the end', async () => {
    const users = recipients.slice(0, 12);
    const before = service.queryCount();
    const result = await resolveEntities<{ all: NotificationPage; unread: NotificationPage }>(
      service,
      users.map((id) => ({ __typename: 'User', id })),
      `... on User { all: notifications(first: 2) { ${PAGE} } unread: notifications(first: 2, unreadOnly: true) { ${PAGE} } }`,
    );
    expect(service.queryCount() - before).toBe(4);
    result.data!._entities.forEach((entity, i) => {
      const unread = notificationsOf((n) => n.recipientId === users[i] && n.readAt === null);
      expect(entity?.unread.totalCount).toBe(unread.length);
      expect(entity?.unread.edges.map((e) => e.node.id)).toEqual(unread.slice(0, 2).map((n) => n.id));
      for (const edge of entity?.unread.edges ?? []) expect(edge.node.readAt).toBeNull();
      expect(entity?.all.edges.map((e) => e.node.id)).toEqual(
        notificationsOf((n) => n.recipientId === users[i])
          .slice(0, 2)
          .map((n) => n.id),
      );
    });

    const busiest = recipients
      .map((id) => ({ id, n: demo.notifications.filter((x) => x.recipientId === id).length }))
      .sort((a, b) => b.n - a.n)[0]!;
    expect(busiest.n).toBeGreaterThan(10);
    const { ids, totals } = await readAll(
      `query ($after: String, $r: [_Any!]!) { _entities(representations: $r) { ... on User { notifications(first: 4, after: $after) { ${PAGE} } } } }`,
      (d) => (d._entities as { notifications: NotificationPage }[])[0]!.notifications,
      { r: [{ __typename: 'User', id: busiest.id }] },
    );
    expect(totals).toEqual([busiest.n]);
    expect(ids).toEqual(notificationsOf((n) => n.recipientId === busiest.id).map((n) => n.id));
  });

  it('rejects page sizes and cursors it cannot honour, naming the argument', async () => {
    const notUuid = encodeCursor(['2026-01-01T00:00:00.000Z', 'x']);
    const notDate = encodeCursor(['soon', demo.notifications[0]!.id]);
    for (const [args, field] of [
      ['first: 0', 'first'],
      ['first: 101', 'first'],
      ['after: "garbage"', 'after'],
      [`after: "${notUuid}"`, 'after'],
      [`after: "${notDate}"`, 'after'],
    ] as const) {
      const top = await graphql(service, `{ notifications(${args}) { totalCount } }`);
      expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      const nested = await resolveEntities(
        service,
        [{ __typename: 'User', id: recipients[0] }],
        `... on User { notifications(${args}) { totalCount } }`,
      );
      expect(nested.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('reports readiness and exposes metrics', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { postgres: { ok: true } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });
});
