import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoData, type DemoFile } from '@market/demo-data';
import { encodeCursor } from '@market/kit';
import { openPostgres } from '@market/stores';
import { freshPostgres, graphql, resolveEntities, testLogger, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv, type Env } from '../src/env';
import { dataPaths, migrationsFolder, startService, type FileService } from '../src/service';
import { createFileRepository } from '../src/store/repository';
import { schema } from '../src/store/schema';
import { seedDemoData } from '../src/store/seed';

// Runs on PostgreSQL when DATABASE_URL is set (CI), otherwise on PGlite in a temporary folder.
let db: Provisioned;
let dataDir: string;
let env: Env;
let service: FileService;
const demo = demoData();
const PUBLIC_URL = 'https://files.example.test';
const SECRET = 'this must never be served';
const CONTENT = Buffer.from('%PDF-1.7 demo content \u00e4\u00f6\u00fc', 'utf8');

// Files whose content the test stores the way a finished upload will (uploads are a later issue).
const uploaded = demo.files[0]!;
const lost = demo.files[1]!;
const escaping = demo.files[2]!;
const symlinked = demo.files[3]!;

interface FileNode {
  id: string;
  name: string;
  contentType: string;
  size: number;
  url: string;
  owner: { id: string };
  createdAt: string;
}
interface FilePage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { cursor: string; node: FileNode }[];
}
const FILE = 'id name contentType size url owner { id } createdAt';
const attachOrder = (a: DemoFile, b: DemoFile) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const expectedNode = (f: DemoFile, size = f.size): FileNode => ({
  id: f.id,
  name: f.name,
  contentType: f.contentType,
  size,
  url: `${PUBLIC_URL}/files/${f.id}`,
  owner: { id: f.ownerId },
  createdAt: f.createdAt.toISOString(),
});

/** A raw HTTP request: fetch would normalise `..` out of the path before sending it. */
function raw(
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(service.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  db = await freshPostgres('file');
  dataDir = mkdtempSync(join(tmpdir(), 'file-test-'));
  env = loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: dataDir, NODE_ENV: 'test', PUBLIC_URL: `${PUBLIC_URL}/` });
  const paths = dataPaths(env);

  // Prepare the database and blobs as uploads would have left them, then start the service on it.
  const store = await openPostgres({
    url: env.DATABASE_URL,
    dataDir: paths.database,
    schema,
    migrationsFolder,
    logger: testLogger('file'),
  });
  try {
    const repo = createFileRepository(store.db);
    await seedDemoData(repo, testLogger('file'));
    mkdirSync(join(paths.blobs, 'ab'), { recursive: true });
    writeFileSync(join(paths.blobs, 'ab', 'uploaded.bin'), CONTENT);
    writeFileSync(join(dataDir, 'secret.txt'), SECRET);
    symlinkSync(join(dataDir, 'secret.txt'), join(paths.blobs, 'ab', 'link.bin'));
    expect(await repo.attachContent(uploaded.id, 'ab/uploaded.bin', CONTENT.length)).toBe(true);
    expect(await repo.attachContent(lost.id, 'ab/never-written.bin', 10)).toBe(true);
    expect(await repo.attachContent(escaping.id, '../secret.txt', SECRET.length)).toBe(true);
    expect(await repo.attachContent(symlinked.id, 'ab/link.bin', SECRET.length)).toBe(true);
  } finally {
    await store.close();
  }
  service = await startService(env, { logger: testLogger('file') });
});
afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('file subgraph', () => {
  it('lists every seeded file newest first with stable cursors and public URLs', async () => {
    const ids: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result: Awaited<ReturnType<typeof graphql<{ files: FilePage }>>> = await graphql<{ files: FilePage }>(
        service,
        `query ($after: String) { files(first: 30, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FILE} } } } }`,
        { after },
      );
      expect(result.errors).toBeUndefined();
      const page: FilePage = result.data!.files;
      expect(page.totalCount).toBe(demo.files.length);
      ids.push(...page.edges.map((e) => e.node.id));
      for (const { node } of page.edges) expect(node.url).toBe(`${PUBLIC_URL}/files/${node.id}`);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(ids).toEqual(
      [...demo.files]
        .sort(attachOrder)
        .reverse()
        .map((f) => f.id),
    );
  });

  it('finds one file by id; an unknown or malformed id is null, not an error', async () => {
    const file = demo.files[10]!;
    const found = await graphql<{ file: FileNode }>(service, `{ file(id: "${file.id}") { ${FILE} } }`);
    expect(found.data?.file).toEqual(expectedNode(file));
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000']) {
      const missing = await graphql<{ file: null }>(
        service,
        `
          query ($id: ID!) {
            file(id: $id) {
              id
            }
          }
        `,
        { id },
      );
      expect(missing.errors).toBeUndefined();
      expect(missing.data?.file).toBeNull();
    }
  });

  it('resolves 50 file references in one query', async () => {
    const some = demo.files.slice(20, 70);
    const before = service.queryCount();
    const result = await resolveEntities<FileNode>(
      service,
      [...some.map((f) => ({ __typename: 'File', id: f.id })), { __typename: 'File', id: 'x' }],
      `... on File { ${FILE} }`,
    );
    expect(service.queryCount() - before).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.slice(0, 50)).toEqual(some.map((f) => expectedNode(f)));
    expect(result.data!._entities[50]).toBeNull();
  });

  it('answers Order.files for 50 orders and Agency.files for 50 agencies with one query each', async () => {
    const orders = demo.orders.slice(0, 50);
    const agencies = demo.agencies.slice(0, 50);
    const before = service.queryCount();
    const result = await resolveEntities<{
      id: string;
      files?: { id: string; name: string }[];
    }>(
      service,
      [...orders.map((o) => ({ __typename: 'Order', id: o.id })), ...agencies.map((a) => ({ __typename: 'Agency', id: a.id }))],
      '... on Order { id files { id name } } ... on Agency { id files { id name } }',
    );
    expect(service.queryCount() - before).toBe(2);
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    let withFiles = 0;
    orders.forEach((order, i) => {
      const own = demo.files.filter((f) => f.subjectType === 'ORDER' && f.subjectId === order.id).sort(attachOrder);
      withFiles += own.length ? 1 : 0;
      expect(entities[i]?.files).toEqual(own.map((f) => ({ id: f.id, name: f.name })));
    });
    expect(withFiles).toBeGreaterThan(10);
    agencies.forEach((agency, i) => {
      const own = demo.files.filter((f) => f.subjectType === 'AGENCY' && f.subjectId === agency.id).sort(attachOrder);
      expect(own).toHaveLength(2);
      expect(entities[orders.length + i]?.files).toEqual(own.map((f) => ({ id: f.id, name: f.name })));
    });
  });

  it('serves uploaded content with its type, and 404s content that was never uploaded', async () => {
    const ok = await fetch(`${service.url}/files/${uploaded.id}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe(uploaded.contentType);
    expect(ok.headers.get('content-length')).toBe(String(CONTENT.length));
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(ok.headers.get('content-disposition')).toContain(`filename="${uploaded.name}"`);
    expect(Buffer.from(await ok.arrayBuffer()).equals(CONTENT)).toBe(true);
    const head = await raw(`/files/${uploaded.id}`, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toHaveLength(0);

    const seeded = await fetch(`${service.url}/files/${demo.files[40]!.id}`);
    expect(seeded.status).toBe(404);
    expect(await seeded.json()).toEqual({ error: 'file content not uploaded yet' });
    const missingBlob = await fetch(`${service.url}/files/${lost.id}`);
    expect(missingBlob.status).toBe(404);
    expect(await missingBlob.json()).toEqual({ error: 'file content not uploaded yet' });
    const unknown = await fetch(`${service.url}/files/00000000-0000-4000-8000-000000000000`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'file not found' });
    const post = await raw(`/files/${uploaded.id}`, 'POST');
    expect(post.status).toBe(405);
  });

  it('never serves anything outside the blob store', async () => {
    for (const path of [
      '/files/../secret.txt',
      '/files/..%2Fsecret.txt',
      '/files/..%2F..%2Fsecret.txt',
      '/files/%2e%2e%2fsecret.txt',
      `/files/${uploaded.id}/../../secret.txt`,
      `/files/${uploaded.id}%2F..%2F..%2Fsecret.txt`,
      '/files/%00',
    ]) {
      const response = await raw(path);
      expect(response.status, path).toBe(404);
      expect(response.body.toString('utf8')).not.toContain(SECRET);
    }
    // Stored keys that would leave the store (a bad key, a symlink out of it) are treated as missing content.
    for (const file of [escaping, symlinked]) {
      const response = await raw(`/files/${file.id}`);
      expect(response.status).toBe(404);
      expect(JSON.parse(response.body.toString('utf8'))).toEqual({ error: 'file content not uploaded yet' });
    }
  });

  it('rejects page sizes and cursors it cannot honour, naming the argument', async () => {
    const notUuid = encodeCursor(['2026-01-01T00:00:00.000Z', 'x']);
    for (const [args, field] of [
      ['first: 0', 'first'],
      ['first: 500', 'first'],
      ['after: "garbage"', 'after'],
      [`after: "${notUuid}"`, 'after'],
    ] as const) {
      const result = await graphql(service, `{ files(${args}) { totalCount } }`);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
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
