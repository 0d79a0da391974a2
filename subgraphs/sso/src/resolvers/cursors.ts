import { badInput, decodeCursor, isUuid } from '@market/kit';
import type { AuditCursor, UserCursor } from '../store/user-store';

/** A newest-first cursor is [createdAt ISO string, id (a UUID)], for users and audit events alike. */
function newestFirstCursor(after: string | null | undefined): { createdAt: Date; id: string } | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [createdAt, id] = key;
  const date = typeof createdAt === 'string' ? new Date(createdAt) : null;
  if (!date || Number.isNaN(date.getTime()) || typeof id !== 'string' || !isUuid(id))
    throw badInput('after is not a valid cursor', 'after');
  return { createdAt: date, id: id.toLowerCase() };
}

export const userCursor = (after: string | null | undefined): UserCursor | null => newestFirstCursor(after);
export const auditCursor = (after: string | null | undefined): AuditCursor | null => newestFirstCursor(after);
export const cursorOf = (row: { createdAt: Date; id: string }) => [row.createdAt.toISOString(), row.id] as const;
