import { isUuid } from '@market/kit';
import { isCountryCode, subdivisionCountry } from './countries';
import { canonicalLocale } from './locale';
import type { PreferencesChange, PreferenceCategory, NotificationChannel, Theme } from './preferences';
import { canonicalTimezone } from './timezone';

/** One invalid input field: its path in the input (`displayName`, `address.country`) and why. */
export interface FieldProblem {
  field: string;
  message: string;
}

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

export const DISPLAY_NAME_MIN = 2;
export const DISPLAY_NAME_MAX = 80;
export const BIO_MAX = 500;
export const ADDRESS_LIMITS = { line1: 120, line2: 120, postalCode: 20, city: 80 } as const;

export interface Address {
  line1: string;
  line2: string | null;
  postalCode: string;
  city: string;
  region: string | null;
  country: string;
}

/** updateProfile's input as GraphQL hands it over: absent = leave as is, null = clear. */
export interface ProfileInput {
  displayName?: string | null;
  avatarFileId?: string | null;
  bio?: string | null;
  locale?: string | null;
  timezone?: string | null;
  address?: {
    line1: string;
    line2?: string | null;
    postalCode: string;
    city: string;
    region?: string | null;
    country: string;
  } | null;
}

/** A valid, normalised change: only the fields to write. */
export interface ProfileChange {
  displayName?: string;
  avatarFileId?: string | null;
  bio?: string | null;
  locale?: string;
  timezone?: string;
  address?: Address | null;
}

// Line breaks, tabs and other control characters have no place in a single-line field.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// A bio may have line breaks, not other control characters.
// eslint-disable-next-line no-control-regex
const CONTROL_EXCEPT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f]/;

/** Length as a reader counts it: code points, not UTF-16 units (an emoji is one). */
const length = (value: string) => [...value].length;

/** A required single-line text: trimmed, not empty, at most `max` characters. */
function line(value: string, max: number, field: string, problems: FieldProblem[], required = true): string | null {
  const trimmed = value.trim();
  if (!trimmed) {
    if (required) problems.push({ field, message: 'is required' });
    return null;
  }
  if (CONTROL.test(trimmed)) problems.push({ field, message: 'must be one line without control characters' });
  else if (length(trimmed) > max) problems.push({ field, message: `must be at most ${max} characters (got ${length(trimmed)})` });
  return trimmed;
}

/**
 * Checks every field of updateProfile's input and normalises it (trimmed text, canonical locale
 * and time zone, upper-case codes). All problems are reported, in input order. `creating` is true
 * for a user without a profile yet, who must give a display name.
 */
export function validateProfileInput(input: ProfileInput, options: { creating: boolean }): Validated<ProfileChange> {
  const problems: FieldProblem[] = [];
  const change: ProfileChange = {};

  if (input.displayName === undefined || input.displayName === null) {
    if (input.displayName === null) problems.push({ field: 'displayName', message: 'cannot be removed' });
    else if (options.creating) problems.push({ field: 'displayName', message: 'is required for a new profile' });
  } else {
    const name = input.displayName.trim();
    if (CONTROL.test(name)) problems.push({ field: 'displayName', message: 'must be one line without control characters' });
    else if (length(name) < DISPLAY_NAME_MIN || length(name) > DISPLAY_NAME_MAX)
      problems.push({
        field: 'displayName',
        message: `must be ${DISPLAY_NAME_MIN} to ${DISPLAY_NAME_MAX} characters after trimming (got ${length(name)})`,
      });
    else change.displayName = name;
  }

  if (input.avatarFileId !== undefined) {
    if (input.avatarFileId === null) change.avatarFileId = null;
    else if (!isUuid(input.avatarFileId.trim())) problems.push({ field: 'avatarFileId', message: 'must be a file id (a UUID)' });
    else change.avatarFileId = input.avatarFileId.trim().toLowerCase();
  }

  if (input.bio !== undefined) {
    const bio = input.bio?.trim() ?? '';
    if (CONTROL_EXCEPT_NEWLINE.test(bio)) problems.push({ field: 'bio', message: 'must not contain control characters' });
    else if (length(bio) > BIO_MAX) problems.push({ field: 'bio', message: `must be at most ${BIO_MAX} characters (got ${length(bio)})` });
    else change.bio = bio || null;
  }

  if (input.locale !== undefined) {
    const locale = input.locale === null ? null : validLocale(input.locale);
    if (input.locale === null) problems.push({ field: 'locale', message: 'cannot be removed' });
    else if (!locale) problems.push({ field: 'locale', message: `must be a BCP-47 language tag such as en-GB (got "${input.locale}")` });
    else change.locale = locale;
  }

  if (input.timezone !== undefined) {
    const timezone = input.timezone === null ? null : canonicalTimezone(input.timezone);
    if (input.timezone === null) problems.push({ field: 'timezone', message: 'cannot be removed' });
    else if (!timezone)
      problems.push({ field: 'timezone', message: `must be an IANA time zone such as Europe/Berlin (got "${input.timezone}")` });
    else change.timezone = timezone;
  }

  if (input.address === null) change.address = null;
  else if (input.address) {
    const a = input.address;
    const before = problems.length;
    const line1 = line(a.line1, ADDRESS_LIMITS.line1, 'address.line1', problems);
    const line2 = a.line2 == null ? null : line(a.line2, ADDRESS_LIMITS.line2, 'address.line2', problems, false);
    const postalCode = line(a.postalCode, ADDRESS_LIMITS.postalCode, 'address.postalCode', problems);
    const city = line(a.city, ADDRESS_LIMITS.city, 'address.city', problems);
    const country = a.country.trim().toUpperCase();
    const countryValid = isCountryCode(country);
    const region = a.region?.trim().toUpperCase() || null;
    if (region) {
      const regionCountry = subdivisionCountry(region);
      if (!regionCountry)
        problems.push({ field: 'address.region', message: `must be an ISO 3166-2 code such as DE-BE (got "${a.region ?? ''}")` });
      else if (countryValid && regionCountry !== country)
        problems.push({ field: 'address.region', message: `must be a region of ${country} (${country}-…), got "${region}"` });
    }
    if (!countryValid)
      problems.push({ field: 'address.country', message: `must be an ISO 3166-1 alpha-2 country code such as DE (got "${a.country}")` });
    if (problems.length === before && line1 && postalCode && city) change.address = { line1, line2, postalCode, city, region, country };
  }

  return problems.length ? { ok: false, problems } : { ok: true, value: change };
}

function validLocale(tag: string): string | null {
  try {
    return canonicalLocale(tag);
  } catch {
    return null;
  }
}

/** updatePreferences' input as GraphQL hands it over. */
export interface PreferencesInput {
  channels?: { category: PreferenceCategory; channels: NotificationChannel[] }[] | null;
  privacy?: { showPhoneToAgencies?: boolean | null; showOnlineStatus?: boolean | null; allowAnalytics?: boolean | null } | null;
  language?: string | null;
  theme?: Theme | null;
}

/** Checks updatePreferences' input: each category at most once, a BCP-47 language (null = follow the profile). */
export function validatePreferencesInput(input: PreferencesInput): Validated<PreferencesChange> {
  const problems: FieldProblem[] = [];
  const seen = new Set<PreferenceCategory>();
  for (const [index, entry] of (input.channels ?? []).entries()) {
    if (seen.has(entry.category))
      problems.push({ field: `channels.${index}.category`, message: `${entry.category} is named more than once` });
    seen.add(entry.category);
  }
  let language: string | null | undefined;
  if (input.language !== undefined) {
    language = input.language === null ? null : validLocale(input.language);
    if (input.language !== null && !language)
      problems.push({ field: 'language', message: `must be a BCP-47 language tag such as en-GB (got "${input.language}")` });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: {
      channels: input.channels ?? null,
      privacy: input.privacy ?? null,
      ...(language !== undefined ? { language } : {}),
      theme: input.theme ?? null,
    },
  };
}
