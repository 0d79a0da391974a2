import { describe, expect, it } from 'vitest';
import { canonicalLocale } from './locale';

describe('canonicalLocale', () => {
  it('canonicalises the case of a BCP-47 tag', () => {
    expect(canonicalLocale('en-gb')).toBe('en-GB');
    expect(canonicalLocale(' DE-de ')).toBe('de-DE');
    expect(canonicalLocale('zh-hant-tw')).toBe('zh-Hant-TW');
  });
  it('refuses what is not a language tag', () => {
    expect(() => canonicalLocale('not a locale')).toThrow(RangeError);
    expect(() => canonicalLocale('')).toThrow(RangeError);
  });
});
