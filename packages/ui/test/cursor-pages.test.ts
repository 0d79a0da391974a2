import { describe, expect, it } from 'vitest';
import { cursorPagesReducer, initialCursorPages } from '../src/cursor-pages';

describe('cursorPagesReducer', () => {
  it('goes forward by end cursor and back through the cursors it came from', () => {
    let state = cursorPagesReducer(initialCursorPages, { type: 'next', endCursor: 'c1' });
    state = cursorPagesReducer(state, { type: 'next', endCursor: 'c2' });
    expect(state.cursors).toEqual([null, 'c1', 'c2']);
    state = cursorPagesReducer(state, { type: 'previous' });
    expect(state.cursors).toEqual([null, 'c1']);
  });

  it('stays on the first page when going back from it, and reset returns there', () => {
    expect(cursorPagesReducer(initialCursorPages, { type: 'previous' })).toBe(initialCursorPages);
    const deep = cursorPagesReducer(initialCursorPages, { type: 'next', endCursor: 'c1' });
    expect(cursorPagesReducer(deep, { type: 'reset' }).cursors).toEqual([null]);
  });
});
