import { describe, expect, it } from 'vitest';
import { canRevokeRole, describeDevice, statusChangeProblem } from './accounts';

describe('statusChangeProblem', () => {
  const admin = '11111111-1111-4111-8111-111111111111';
  const user = '22222222-2222-4222-8222-222222222222';
  it('needs a reason to bar a user, none to reactivate', () => {
    for (const status of ['SUSPENDED', 'BLOCKED', 'DELETED'] as const) {
      expect(statusChangeProblem(admin, user, status, '')).toMatchObject({ field: 'reason', code: 'BAD_USER_INPUT' });
      expect(statusChangeProblem(admin, user, status, 'fraud')).toBeNull();
    }
    expect(statusChangeProblem(admin, user, 'ACTIVE', '')).toBeNull();
    expect(statusChangeProblem(admin, user, 'SUSPENDED', 'x'.repeat(501))).toMatchObject({ field: 'reason' });
  });
  it('refuses an admin changing their own status, whatever the case of the id', () => {
    expect(statusChangeProblem(admin, admin.toUpperCase(), 'ACTIVE', 'ok')).toMatchObject({ code: 'FORBIDDEN', field: 'id' });
  });
  it('never lets an admin drop their own ADMIN role', () => {
    expect(canRevokeRole(admin, admin, 'ADMIN')).toBe(false);
    expect(canRevokeRole(admin, admin, 'CUSTOMER')).toBe(true);
    expect(canRevokeRole(admin, user, 'ADMIN')).toBe(true);
  });
});

describe('describeDevice', () => {
  it('names the browser and the system', () => {
    expect(describeDevice('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36')).toBe(
      'Chrome on Linux',
    );
    expect(describeDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0')).toBe('Firefox on Windows');
    expect(
      describeDevice(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ),
    ).toBe('Safari on iOS');
    expect(
      describeDevice(
        'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0',
      ),
    ).toBe('Edge on macOS');
    expect(describeDevice('curl/8.5.0')).toBe('curl');
    expect(describeDevice('something else')).toBeNull();
    expect(describeDevice(null)).toBeNull();
  });
});
