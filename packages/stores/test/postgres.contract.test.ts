import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, sql } from 'drizzle-orm';
import { freshPostgres, testEnv, testLogger } from '@market/testkit';
import { describe, expect, it } from 'vitest';
import { openPostgres, type PostgresStore } from '../src/postgres';
import { schema, notes } from './fixtures/schema';

const migrationsFolder = fileURLToPath(new URL('./fixtures/migrations', import.meta.url));
type Store = PostgresStore<typeof schema>;

interface Adapter {
  name: string;
  open: () => Promise<{ store: Store; reopen: () => Promise<Store>; cleanup: () => Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'PGlite (embedded, on disk)',
    open: async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'pglite-contract-'));
      const open = () => openPostgres({ dataDir, schema, migrationsFolder, logger: testLogger() });
      return { store: await open(), reopen: open, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
];
if (testEnv.DATABASE_URL) {
  adapters.push({
    name: 'PostgreSQL (pg)',
    open: async () => {
      const db = await freshPostgres('stores');
      const open = () => openPostgres({ url: db.url, schema, migrationsFolder, logger: testLogger() });
      return { store: await open(), reopen: open, cleanup: db.cleanup };
    },
  });
}

describe.each(adapters)('PostgresStore contract: $name', (adapter) => {
  it('applies migrations once and keeps data across reopen', async () => {
    const { store, reopen, cleanup } = await adapter.open();
    try {
      await store.db.insert(notes).values({ title: 'first' });
      await store.close();
      const again = await reopen();
      try {
        const rows = await again.db.select().from(notes);
        expect(rows.map((r) => r.title)).toEqual(['first']);
        // The journal table drizzle keeps in every migrated database.
        const applied = await again.db.select({ n: sql<number>`count(*)::int` }).from(sql`drizzle.__drizzle_migrations`);
        expect(applied).toEqual([{ n: 1 }]);
      } finally {
        await again.close();
      }
    } finally {
      await cleanup();
    }
  });

  it('counts queries, reports health, and rolls back failed transactions completely', async () => {
    const { store, cleanup } = await adapter.open();
    try {
      await store.ping();
      const before = store.queries.count;
      await store.db.insert(notes).values([{ title: 'a' }, { title: 'b' }]);
      await store.db.select().from(notes).where(eq(notes.title, 'a'));
      expect(store.queries.count - before).toBe(2);
      await expect(
        store.db.transaction(async (tx) => {
          await tx.insert(notes).values({ title: 'c' });
          await tx.insert(notes).values({ title: 'a' }); // unique violation
        }),
      ).rejects.toThrow();
      const titles = (await store.db.select().from(notes)).map((r) => r.title).sort();
      expect(titles).toEqual(['a', 'b']);
    } finally {
      await store.close();
      await cleanup();
    }
  });

  it('keeps concurrent increments exact', async () => {
    const { store, cleanup } = await adapter.open();
    try {
      const [row] = await store.db.insert(notes).values({ title: 'counter' }).returning();
      await Promise.all(
        Array.from({ length: 20 }, () =>
          store.db
            .update(notes)
            .set({ votes: sql`${notes.votes} + 1` })
            .where(eq(notes.id, row!.id)),
        ),
      );
      const [after] = await store.db.select().from(notes).where(eq(notes.id, row!.id));
      expect(after?.votes).toBe(20);
    } finally {
      await store.close();
      await cleanup();
    }
  });
});
