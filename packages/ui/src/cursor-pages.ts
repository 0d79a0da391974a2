import { useCallback, useMemo, useReducer } from 'react';

/**
 * Relay connections here are forward-only (`first`/`after`), so "Previous" is
 * served from the stack of `after` cursors that led to the current page.
 * Page 0 has no cursor (`null`).
 */
export interface CursorPagesState {
  readonly cursors: readonly (string | null)[];
}

export type CursorPagesAction = { type: 'next'; endCursor: string } | { type: 'previous' } | { type: 'reset' };

export const initialCursorPages: CursorPagesState = { cursors: [null] };

export function cursorPagesReducer(state: CursorPagesState, action: CursorPagesAction): CursorPagesState {
  switch (action.type) {
    case 'next':
      return { cursors: [...state.cursors, action.endCursor] };
    case 'previous':
      return state.cursors.length > 1 ? { cursors: state.cursors.slice(0, -1) } : state;
    case 'reset':
      return initialCursorPages;
  }
}

export interface CursorPages {
  /** The `after` argument for the current page (`null` on the first page). */
  after: string | null;
  /** Zero-based index of the current page. */
  pageIndex: number;
  hasPrevious: boolean;
  next: (endCursor: string) => void;
  previous: () => void;
  /** Back to the first page, e.g. when a filter or the page size changes. */
  reset: () => void;
}

export function useCursorPages(): CursorPages {
  const [state, dispatch] = useReducer(cursorPagesReducer, initialCursorPages);
  const next = useCallback((endCursor: string) => dispatch({ type: 'next', endCursor }), []);
  const previous = useCallback(() => dispatch({ type: 'previous' }), []);
  const reset = useCallback(() => dispatch({ type: 'reset' }), []);
  return useMemo(
    () => ({
      after: state.cursors.at(-1) ?? null,
      pageIndex: state.cursors.length - 1,
      hasPrevious: state.cursors.length > 1,
      next,
      previous,
      reset,
    }),
    [state, next, previous, reset],
  );
}
