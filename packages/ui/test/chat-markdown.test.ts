import { describe, expect, it } from 'vitest';
import { safeHref } from '../src/chat/markdown';
import { formatDuration } from '../src/chat/voice-message';

describe('chat rendering helpers', () => {
  it('links only web and mail targets; script and data URLs stay text', () => {
    expect(safeHref('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(safeHref('mailto:ada@example.com')).toBe('mailto:ada@example.com');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });

  it('formats voice durations as m:ss', () => {
    expect(formatDuration(7_000)).toBe('0:07');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(-5)).toBe('0:00');
  });
});
