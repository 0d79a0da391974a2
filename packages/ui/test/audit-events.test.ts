import { describe, expect, it } from 'vitest';
import { KNOWN_AUDIT_EVENT_TYPES, describeAuditEvent } from '../src/audit-events';

describe('describeAuditEvent', () => {
  it('words the event types SSO records', () => {
    expect(describeAuditEvent('sign_in.failed')).toBe('Failed sign-in attempt');
    expect(describeAuditEvent('user.status_changed')).toBe('Account status changed');
    expect(KNOWN_AUDIT_EVENT_TYPES).toContain('mfa.enabled');
  });

  it('still words a type it does not know, from its name', () => {
    expect(describeAuditEvent('billing.card_added')).toBe('Billing: card added');
    expect(describeAuditEvent('maintenance')).toBe('Maintenance');
    expect(describeAuditEvent('toString')).toBe('ToString');
  });
});
