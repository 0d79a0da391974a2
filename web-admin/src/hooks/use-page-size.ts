import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

export const PAGE_SIZES = [10, 25, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

/** Rows per page, kept in the URL (`?pageSize=25`) so a view can be shared. */
export function usePageSize(): [number, (size: number) => void] {
  const [params, setParams] = useSearchParams();
  const raw = Number(params.get('pageSize'));
  const size = Number.isInteger(raw) && raw >= 1 && raw <= MAX_PAGE_SIZE ? raw : DEFAULT_PAGE_SIZE;
  const setSize = useCallback(
    (next: number) =>
      setParams((prev) => {
        const updated = new URLSearchParams(prev);
        if (next === DEFAULT_PAGE_SIZE) updated.delete('pageSize');
        else updated.set('pageSize', String(next));
        return updated;
      }),
    [setParams],
  );
  return [size, setSize];
}
