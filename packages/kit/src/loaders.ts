import DataLoader from 'dataloader';

/**
 * A per-request loader that fetches many keys in one store query and hands the
 * rows back in key order (null where missing), as DataLoader requires.
 */
export function byKeyLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K) {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const map = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => map.get(key) ?? null);
  });
}

/** Like byKeyLoader but each key maps to many rows (e.g. files of an order). */
export function groupLoader<K extends string, V>(fetch: (keys: readonly K[]) => Promise<V[]>, keyOf: (row: V) => K) {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>();
    for (const row of rows) {
      const key = keyOf(row);
      const list = groups.get(key);
      if (list) list.push(row);
      else groups.set(key, [row]);
    }
    return keys.map((key) => groups.get(key) ?? []);
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** True for a syntactically valid UUID; ids that are not cannot exist in a uuid column. */
export const isUuid = (value: string): boolean => UUID.test(value);

/** Keeps the ids a uuid column can hold; a batch with none needs no query. */
export function validUuids(ids: readonly string[]): string[] {
  return ids.filter(isUuid);
}
