import { describe, expect, it } from 'vitest';
import { averageRating } from './rating';

describe('averageRating', () => {
  it('is null without reviews', () => {
    expect(averageRating(0, 0)).toBeNull();
  });
  it('rounds to one decimal', () => {
    expect(averageRating(14, 3)).toBe(4.7);
    expect(averageRating(10, 2)).toBe(5);
  });
});
