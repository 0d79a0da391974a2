import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** How long a code can be confirmed. */
export const CODE_TTL_MS = 10 * 60_000;
/** Wrong codes allowed per code; then a new one must be requested. */
export const CODE_ATTEMPTS = 5;
/** At most one code per user per this interval. */
export const RESEND_INTERVAL_MS = 60_000;
export const CODE_LENGTH = 6;

/**
 * The E.164 form of an international phone number (`+49 30 1234567` → `+49301234567`), or null when
 * it is not a valid number: it must start with + and the country code, and be a number that country
 * assigns (full libphonenumber metadata, not just a plausible length). Spaces, dashes and brackets are tolerated.
 */
export function e164(input: string): string | null {
  const value = input.trim();
  if (!value.startsWith('+') || !/^\+[\d\s\-().]+$/.test(value)) return null;
  const parsed = parsePhoneNumberFromString(value);
  return parsed?.isValid() ? parsed.number : null;
}

/** The number as logs may show it: country code and the last two digits (`+49*******67`). */
export function maskPhone(phone: string): string {
  const parsed = parsePhoneNumberFromString(phone);
  const prefix = parsed ? `+${parsed.countryCallingCode}` : phone.slice(0, 3);
  const rest = phone.slice(prefix.length);
  return `${prefix}${'*'.repeat(Math.max(0, rest.length - 2))}${rest.slice(-2)}`;
}

/** A uniformly random 6-digit code (leading zeros included). */
export const generateCode = (): string => String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');

/** A fresh salt for one code. */
export const newSalt = (): string => randomBytes(16).toString('hex');

/** What is stored of a code: HMAC-SHA-256 under its own salt. */
export const hashCode = (code: string, salt: string): string => createHmac('sha256', salt).update(code).digest('hex');

/** Compares a submitted code with the stored hash in constant time. */
export function codeMatches(submitted: string, salt: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = Buffer.from(hashCode(submitted.trim(), salt), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** True for what could be a code (6 digits): anything else is refused before it costs an attempt. */
export const isCodeShaped = (value: string): boolean => new RegExp(`^\\d{${CODE_LENGTH}}$`).test(value.trim());

/** Seconds until a new code may be sent, 0 when it may be now. */
export function resendWaitSeconds(lastSentAt: Date | null, now: Date): number {
  if (!lastSentAt) return 0;
  const wait = lastSentAt.getTime() + RESEND_INTERVAL_MS - now.getTime();
  return wait > 0 ? Math.ceil(wait / 1000) : 0;
}

/** What startPhoneVerification tells the caller. */
export interface PendingVerification {
  phone: string;
  expiresAt: Date;
  attemptsLeft: number;
}
