import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testLogger } from '@market/testkit';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../src/postgres';
import { notes, schema } from './fixtures/schema';

const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));

describe('embedded PGlite clusters', () => {
  it('start from the cluster template kept in the temp folder, and each new one is empty and its own', async () => {
    const dirs = [mkdtempSync(join(tmpdir(), 'pglite-template-')), mkdtempSync(join(tmpdir(), 'pglite-template-'))];
    try {
      const [a, b] = await Promise.all(dirs.map((dataDir) => openPostgres({ dataDir, schema, migrationsFolder, logger: testLogger() })));
      const template = readdirSync(tmpdir()).find((name) => /^market-pglite-.+-initdb\.tar$/.test(name));
      expect(template).toBeDefined();
      expect(statSync(join(tmpdir(), template ?? '')).size).toBeGreaterThan(1_000_000);
      try {
        await a?.db.insert(notes).values({ title: 'only in a' });
        expect(await b?.db.select().from(notes)).toEqual([]);
        expect((await a?.db.select().from(notes))?.map((n) => n.title)).toEqual(['only in a']);
      } finally {
        await Promise.all([a?.close(), b?.close()]);
      }
      // A data folder that holds a cluster is opened as it is, not loaded over.
      for (const dataDir of dirs) expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      const again = await openPostgres({ dataDir: dirs[0], schema, migrationsFolder, logger: testLogger() });
      try {
        expect((await again.db.select().from(notes)).map((n) => n.title)).toEqual(['only in a']);
      } finally {
        await again.close();
      }
    } finally {
      for (const dataDir of dirs) rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
