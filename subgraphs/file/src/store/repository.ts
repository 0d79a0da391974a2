import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { validUuids, type Keyset } from '@market/kit';
import type { PgDb } from '@market/stores';
import type { FileSubject } from '../domain/files';
import { files, type FileRow, type FileSchema, type NewFile } from './schema';

/** Position in a newest-first list: the (created_at, id) of the last row seen. */

export interface FilePage {
  rows: FileRow[];
  totalCount: number;
}

const olderThan = (after: Keyset | null): SQL | undefined =>
  after ? sql`(${files.createdAt}, ${files.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;

/** Every SQL statement of the file subgraph lives here. */
export function createFileRepository(db: PgDb<FileSchema>) {
  return {
    /** Files newest first, keyset-paginated; fetches `limit` rows. */
    listNewest: async (limit: number, after: Keyset | null): Promise<FilePage> => {
      const [rows, [total]] = await Promise.all([
        db.select().from(files).where(olderThan(after)).orderBy(desc(files.createdAt), desc(files.id)).limit(limit),
        db.select({ value: count() }).from(files),
      ]);
      return { rows, totalCount: total?.value ?? 0 };
    },

    byIds: async (ids: readonly string[]): Promise<FileRow[]> => {
      const valid = validUuids(ids);
      return valid.length ? db.select().from(files).where(inArray(files.id, valid)) : [];
    },

    /** The files of many orders (or agencies) in one query, in the order they were attached. */
    ofSubjects: async (subjectType: FileSubject, subjectIds: readonly string[]): Promise<FileRow[]> => {
      const valid = validUuids(subjectIds);
      if (!valid.length) return [];
      return db
        .select()
        .from(files)
        .where(and(eq(files.subjectType, subjectType), inArray(files.subjectId, valid)))
        .orderBy(asc(files.createdAt), asc(files.id));
    },

    /** Records where a file's content was stored (called once its upload completed). */
    attachContent: async (id: string, storageKey: string, size: number): Promise<boolean> => {
      const updated = await db.update(files).set({ storageKey, size }).where(eq(files.id, id)).returning({ id: files.id });
      return updated.length === 1;
    },

    isEmpty: async (): Promise<boolean> => {
      const rows = await db.select({ id: files.id }).from(files).limit(1);
      return rows.length === 0;
    },

    /** Inserts file metadata in one transaction; ids already present are left alone (a replica seeded first). */
    insertAll: async (rows: NewFile[]): Promise<void> => {
      await db.transaction(async (tx) => {
        for (let i = 0; i < rows.length; i += 500)
          await tx
            .insert(files)
            .values(rows.slice(i, i + 500))
            .onConflictDoNothing();
      });
    },
  };
}
export type FileRepository = ReturnType<typeof createFileRepository>;
