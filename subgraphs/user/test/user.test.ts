import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData } from '@market/demo-data';
import { freshPostgres, graphql, resolveEntities, testLogger, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type UserService } from '../src/service';

// Runs on PostgreSQL when DATABASE_URL is set (CI), otherwise on PGlite in a temporary folder.
let db: Provisioned;
let dataDir: string;
let service: UserService;
const demo = demoData();

interface Profile {
  displayName: string;
  avatarUrl: string | null;
  bio: string | null;
  locale: string;
}

beforeAll(async () => {
  db = await freshPostgres('user');
  dataDir = mkdtempSync(join(tmpdir(), 'user-test-'));
  service = await startService(loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, NODE_ENV: 'test' }), {
    logger: testLogger('user'),
  });
});
afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('user subgraph', () => {
  it('adds profiles to 50 user references with exactly one profile query', async () => {
    // 40 demo users, interleaved with 10 users SSO knows but who never made a profile.
    const withoutProfile = Array.from({ length: 10 }, () => randomUUID());
    const ids = demo.users.slice(0, 40).flatMap((u, i) => (i % 4 === 0 ? [u.id, withoutProfile[i / 4]!] : [u.id]));
    expect(ids).toHaveLength(50);

    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; profile: Profile | null }>(
      service,
      ids.map((id) => ({ __typename: 'User', id })),
      '... on User { id profile { displayName avatarUrl bio locale } }',
    );
    expect(result.errors).toBeUndefined();
    expect(service.queryCount() - before).toBe(1);

    const byId = new Map(demo.users.map((u) => [u.id, u]));
    expect(result.data!._entities).toEqual(
      ids.map((id) => {
        const user = byId.get(id);
        return { id, profile: user ? { displayName: user.displayName, avatarUrl: null, bio: user.bio, locale: user.locale } : null };
      }),
    );
  });

  it('answers a reference without a profile, or with a malformed id, with a null profile and no query', async () => {
    const before = service.queryCount();
    const result = await resolveEntities<{ id: string; profile: Profile | null }>(
      service,
      [{ __typename: 'User', id: 'not-a-uuid' }],
      '... on User { id profile { displayName } }',
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([{ id: 'not-a-uuid', profile: null }]);
    expect(service.queryCount() - before).toBe(0);
  });

  it('seeds the demo profiles once, with what the demo users show', async () => {
    const casey = demo.users.find((u) => u.email === 'customer@example.com')!;
    const result = await resolveEntities<{ profile: Profile }>(
      service,
      [{ __typename: 'User', id: casey.id }],
      '... on User { profile { displayName bio locale } }',
    );
    expect(result.data!._entities[0]?.profile).toEqual({ displayName: 'Casey Customer', bio: casey.bio, locale: casey.locale });

    await service.stop();
    service = await startService(loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, NODE_ENV: 'test' }), {
      logger: testLogger('user'),
    });
    const again = await resolveEntities<{ profile: Profile | null }>(
      service,
      [{ __typename: 'User', id: casey.id }],
      '... on User { profile { displayName } }',
    );
    expect(again.data!._entities[0]?.profile).toEqual({ displayName: 'Casey Customer' });
  });

  it('reports readiness and exposes its schema to the gateway', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { postgres: { ok: true } } });
    const sdl = await graphql<{ _service: { sdl: string } }>(
      service,
      `
        {
          _service {
            sdl
          }
        }
      `,
    );
    expect(sdl.data?._service.sdl).toContain('profile: Profile');
  });
});
