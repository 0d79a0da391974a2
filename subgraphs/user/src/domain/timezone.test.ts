import { describe, expect, it } from 'vitest';
import { isCountryCode, subdivisionCountry } from './countries';
import { canonicalTimezone } from './timezone';

describe('canonicalTimezone', () => {
  it('names IANA zones as the tz database does', () => {
    expect(canonicalTimezone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(canonicalTimezone(' america/new_york ')).toBe('America/New_York');
    expect(canonicalTimezone('UTC')).toBe('UTC');
  });
  it('refuses unknown zones and raw offsets', () => {
    for (const zone of ['Europe/Atlantis', '+01:00', 'GMT+1 ', 'Berlin time', '']) expect(canonicalTimezone(zone)).toBeNull();
  });
});

describe('countries', () => {
  it('knows the assigned alpha-2 codes only', () => {
    for (const code of ['DE', 'GB', 'US', 'FR', 'AX', 'SS']) expect(isCountryCode(code)).toBe(true);
    for (const code of ['UK', 'EU', 'XK', 'ZZ', 'de', 'DEU']) expect(isCountryCode(code)).toBe(false);
  });
  it('reads the country of an ISO 3166-2 code', () => {
    expect(subdivisionCountry('DE-BE')).toBe('DE');
    expect(subdivisionCountry('FR-75C')).toBe('FR');
    expect(subdivisionCountry('Berlin')).toBeNull();
    expect(subdivisionCountry('DE-ABCD')).toBeNull();
  });
});
