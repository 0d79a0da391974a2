import { sql } from 'drizzle-orm';
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { FILE_SUBJECTS, type FileSubject } from '../domain/files';

// Millisecond precision, as in JavaScript: a keyset cursor carries the exact
// created_at of its row, so no row is skipped or repeated at a page boundary.
const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id').notNull(),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    /** Bytes; bigint in the table, a JavaScript number (exact up to 2^53) in code. */
    size: bigint('size', { mode: 'number' }).notNull(),
    subjectType: text('subject_type').$type<FileSubject>().notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** Key of the content in the blob store; null until the content is uploaded. */
    storageKey: text('storage_key'),
    createdAt: instant('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('files_subject_idx').on(t.subjectType, t.subjectId),
    // Newest first (NULLS FIRST is what a plain ORDER BY … DESC means, so the index can serve it).
    index('files_created_at_idx').on(t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    check('files_size_non_negative', sql`${t.size} >= 0`),
    check('files_subject_type_known', sql.raw(`"subject_type" in (${FILE_SUBJECTS.map((s) => `'${s}'`).join(', ')})`)),
  ],
);

export const schema = { files };
export type FileSchema = typeof schema;
export type FileRow = typeof files.$inferSelect;
export type NewFile = typeof files.$inferInsert;

/** An order or agency as this subgraph knows it: only the key. */
export interface SubjectRef {
  __typename?: 'Order' | 'Agency';
  id: string;
}
/** A user as this subgraph knows it: only the key (the user subgraph owns the rest). */
export interface UserRef {
  __typename?: 'User';
  id: string;
}
