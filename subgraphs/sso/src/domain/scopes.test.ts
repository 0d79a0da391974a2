import { describe, expect, it } from 'vitest';
import { canSignIn, grantableScopes, roleScopes } from './scopes';

describe('scopes', () => {
  it('gives every user the customer scopes and management scopes by role only', () => {
    expect(roleScopes(['CUSTOMER'])).not.toContain('admin:users');
    expect(roleScopes(['ADMIN'])).toContain('admin:users');
    expect(roleScopes(['AGENCY_STAFF'])).toContain('agency:manage');
    expect(roleScopes(['AGENCY_STAFF'])).not.toContain('agency:finance');
  });

  it('never grants management scopes to the customer app, even to an admin', () => {
    expect(grantableScopes(['orders:read', 'admin:users'], 'customer-app', ['ADMIN'])).toEqual(['orders:read']);
    expect(grantableScopes(['orders:read', 'admin:users'], 'management-app', ['ADMIN'])).toEqual(['orders:read', 'admin:users']);
    expect(grantableScopes(['admin:users', 'agency:manage'], 'management-app', ['AGENCY_OWNER'])).toEqual(['agency:manage']);
    expect(grantableScopes(['unknown'], 'management-app', ['ADMIN'])).toEqual([]);
  });

  it('refuses sign-in to suspended, blocked and deleted accounts', () => {
    expect(canSignIn('ACTIVE')).toBe(true);
    expect(canSignIn('SUSPENDED')).toBe(false);
    expect(canSignIn('BLOCKED')).toBe(false);
    expect(canSignIn('DELETED')).toBe(false);
  });
});
