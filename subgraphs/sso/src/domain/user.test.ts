import { describe, expect, it } from 'vitest';
import { normalizeEmail, sortRoles } from './user';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ada.Admin@Example.COM ')).toBe('ada.admin@example.com');
  });
});

describe('sortRoles', () => {
  it('lists roles least to most privileged, once each', () => {
    expect(sortRoles(['ADMIN', 'CUSTOMER', 'ADMIN', 'AGENCY_OWNER'])).toEqual(['CUSTOMER', 'AGENCY_OWNER', 'ADMIN']);
    expect(sortRoles([])).toEqual([]);
  });
});
