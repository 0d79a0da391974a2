/** The time zone of a profile that never chose one. */
export const DEFAULT_TIMEZONE = 'UTC';

// IANA names only (`Europe/Berlin`, `UTC`, `Etc/GMT+1`): V8 also takes raw offsets such as `+01:00`, a profile must not.
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/**
 * The IANA time zone as the runtime's tz database names it (`europe/berlin` → `Europe/Berlin`),
 * or null when it is not one.
 */
export function canonicalTimezone(value: string): string | null {
  const name = value.trim();
  if (!IANA_NAME.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}
