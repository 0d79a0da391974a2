/**
 * The security events SSO records (`AuditEvent.type`), in words. The list is what the
 * admin audit-log filter offers; an event type missing here still shows, worded from its name.
 */
export const AUDIT_EVENT_LABELS = {
  'sign_in.succeeded': 'Signed in',
  'sign_in.failed': 'Failed sign-in attempt',
  'sign_in.locked': 'Sign-in locked after too many attempts',
  'mfa.challenge_passed': 'Two-step verification passed',
  'mfa.challenge_failed': 'Wrong two-step verification code',
  'mfa.recovery_code_used': 'Signed in with a recovery code',
  'mfa.enabled': 'Authenticator app turned on',
  'mfa.disabled': 'Authenticator app turned off',
  'mfa.recovery_codes_regenerated': 'New recovery codes created',
  'password.changed': 'Password changed',
  'password.reset': 'Password reset by email',
  'account.registered': 'Account created',
  'email.verified': 'Email address verified',
  'social.signed_in': 'Signed in with a linked account',
  'social.linked': 'Account linked',
  'identity.unlinked': 'Account unlinked',
  'session.revoked': 'Session signed out',
  'sign_out.everywhere': 'Signed out everywhere',
  'reauthentication.failed': 'Wrong password when confirming a change',
  'refresh_token.reused': 'Reuse of an old sign-in token blocked',
  'consent.granted': 'Access granted to an app',
  'consent.denied': 'Access refused to an app',
  'user.status_changed': 'Account status changed',
  'user.role_granted': 'Role granted',
  'user.role_revoked': 'Role revoked',
  'client.created': 'OAuth client created',
  'client.updated': 'OAuth client updated',
  'client.secret_rotated': 'OAuth client secret rotated',
  'client.deleted': 'OAuth client deleted',
} as const satisfies Record<string, string>;

export type KnownAuditEventType = keyof typeof AUDIT_EVENT_LABELS;

export const KNOWN_AUDIT_EVENT_TYPES = Object.keys(AUDIT_EVENT_LABELS) as KnownAuditEventType[];

function isKnown(type: string): type is KnownAuditEventType {
  return Object.hasOwn(AUDIT_EVENT_LABELS, type);
}

/** `sign_in.failed` → "Failed sign-in attempt"; an unknown `billing.card_added` → "Billing: card added". */
export function describeAuditEvent(type: string): string {
  if (isKnown(type)) return AUDIT_EVENT_LABELS[type];
  const [subject = '', ...rest] = type.split('.');
  const words = (part: string) => part.replaceAll('_', ' ').trim();
  const head = words(subject);
  const tail = words(rest.join(' '));
  const sentence = tail ? `${head}: ${tail}` : head;
  return sentence ? sentence.charAt(0).toUpperCase() + sentence.slice(1) : type;
}
