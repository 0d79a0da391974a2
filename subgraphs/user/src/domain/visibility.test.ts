import { describe, expect, it } from 'vitest';
import type { Viewer } from '@market/kit';
import { canSeePreferences, canSeePrivateProfile } from './visibility';

const owner = '11111111-1111-4111-8111-111111111111';
const as = (id: string, roles: string[] = ['CUSTOMER'], scopes: string[] = []): Viewer => ({ id, roles, scopes, clientId: 'web-client' });

describe('visibility', () => {
  it.each([
    ['the user themself', as(owner), true, true],
    ['another customer', as('other'), false, false],
    ['anonymous', null, false, false],
    ['an admin with admin:users', as('admin', ['ADMIN'], ['admin:users']), true, false],
    ['an admin without admin:users', as('admin', ['ADMIN'], ['admin:orders']), false, false],
    ['a non-admin holding admin:users', as('staff', ['AGENCY_STAFF'], ['admin:users']), false, false],
  ])('%s: phone/address %s, preferences %s', (_who, viewer, privateFields, preferences) => {
    expect(canSeePrivateProfile(viewer, owner)).toBe(privateFields);
    expect(canSeePreferences(viewer, owner)).toBe(preferences);
  });
});
