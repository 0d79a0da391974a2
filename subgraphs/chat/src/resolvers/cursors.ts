import { badInput, decodeCursor, isUuid } from '@market/kit';

/**
 * Conversation and message lists are keyset-paginated on (time, id), newest first: a cursor
 * is that pair of the last item seen, so later pages stay stable while new messages arrive.
 */
export function timeCursor(at: Date, id: string): [string, string] {
  return [at.toISOString(), id];
}

export function decodeTimeCursor(after: string | null | undefined): { at: Date; id: string } | null {
  const key = decodeCursor(after, 2);
  if (!key) return null;
  const [time, id] = key;
  const at = typeof time === 'string' ? new Date(time) : null;
  if (!at || Number.isNaN(at.getTime()) || typeof id !== 'string' || !isUuid(id)) throw badInput('after is not a valid cursor', 'after');
  return { at, id: id.toLowerCase() };
}
