import { badInput } from './errors';
import { isUuid } from './loaders';
import { decodeCursor, pageSize, toConnection, type Connection } from './pagination';

/** Position in a newest-first list: keyset (created_at desc, id desc). */
export interface Keyset {
  createdAt: Date;
  id: string;
}

/** Cursor of a newest-first list: the ISO created_at and the id of the row. */
export function decodeKeyset(after: string | null | undefined): Keyset | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [at, id] = key;
  const createdAt = typeof at === 'string' ? new Date(at) : null;
  if (!createdAt || Number.isNaN(createdAt.getTime()) || typeof id !== 'string' || !isUuid(id)) {
    throw badInput('after is not a valid cursor', 'after');
  }
  return { createdAt, id };
}

/** Validated page arguments: `limit` is one more than the page, to see whether another follows. */
export function pageArgs(first: number | null | undefined, after: string | null | undefined) {
  const size = pageSize(first);
  return { size, limit: size + 1, after: decodeKeyset(after) };
}

export function newestFirstConnection<T extends { createdAt: Date; id: string }>(
  rows: T[],
  size: number,
  totalCount: number,
): Connection<T> {
  return toConnection(rows, size, totalCount, (row) => [row.createdAt.toISOString(), row.id]);
}
