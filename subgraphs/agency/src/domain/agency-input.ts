import { badInput, isUuid } from '@market/kit';
import { REGION_CODE, validPoint } from './directory';

/** Field-by-field validation of what callers send; every refusal names the field and says why. */

export interface ContactInput {
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  address?: string | null;
}

export interface AreaInput {
  label?: string | null;
  center?: { lat: number; lng: number } | null;
  radiusKm?: number | null;
  regionCodes?: readonly string[] | null;
}

export interface ValidArea {
  label: string | null;
  center: { lat: number; lng: number } | null;
  radiusKm: number | null;
  regionCodes: string[];
}

export interface ValidContact {
  contactEmail: string | null;
  contactPhone: string | null;
  contactWebsite: string | null;
  contactAddress: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;
export const BUSINESS_TYPE_CODE = /^[A-Z][A-Z0-9_]{1,31}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_AREAS = 20;
export const MAX_AREA_RADIUS_KM = 1_000;

export function text(value: string, field: string, { min = 1, max = 200 } = {}): string {
  const trimmed = value.trim();
  if (trimmed.length < min) throw badInput(min === 1 ? `${field} must not be empty` : `${field} needs at least ${min} characters`, field);
  if (trimmed.length > max) throw badInput(`${field} must be at most ${max} characters`, field);
  return trimmed;
}

const optionalText = (value: string | null | undefined, field: string, max: number) =>
  value == null || value.trim() === '' ? null : text(value, field, { max });

export function region(value: string, field = 'region'): string {
  const code = value.trim().toUpperCase();
  if (!REGION_CODE.test(code)) throw badInput(`${field} must be an ISO 3166-2 code such as DE-BE`, field);
  return code;
}

export function email(value: string, field = 'email'): string {
  const address = value.trim().toLowerCase();
  if (address.length > 254 || !EMAIL.test(address)) throw badInput(`${field} is not an email address`, field);
  return address;
}

export function contact(input: ContactInput | null | undefined, field = 'input.contact'): ValidContact {
  const phone = optionalText(input?.phone, `${field}.phone`, 20);
  if (phone && !PHONE.test(phone.replace(/[\s-]/g, '')))
    throw badInput(`${field}.phone must be in E.164 form, e.g. +4930123456`, `${field}.phone`);
  const website = optionalText(input?.website, `${field}.website`, 300);
  if (website) {
    let ok = false;
    try {
      ok = ['http:', 'https:'].includes(new URL(website).protocol);
    } catch {
      ok = false;
    }
    if (!ok) throw badInput(`${field}.website must be an http(s) URL`, `${field}.website`);
  }
  const mail = optionalText(input?.email, `${field}.email`, 254);
  return {
    contactEmail: mail ? email(mail, `${field}.email`) : null,
    contactPhone: phone ? phone.replace(/[\s-]/g, '') : null,
    contactWebsite: website,
    contactAddress: optionalText(input?.address, `${field}.address`, 300),
  };
}

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

export function slug(value: string, field = 'input.slug'): string {
  const candidate = value.trim().toLowerCase();
  if (candidate.length < 2 || candidate.length > 60 || !SLUG.test(candidate))
    throw badInput(`${field} must be 2–60 lower-case letters, digits and single dashes`, field);
  return candidate;
}

export function businessTypeCodes(codes: readonly string[], field = 'input.businessTypes'): string[] {
  const unique = [...new Set(codes.map((c) => c.trim().toUpperCase()))];
  if (!unique.length) throw badInput(`${field} needs at least one business type`, field);
  if (unique.length > 7) throw badInput(`${field} allows at most 7 business types`, field);
  return unique;
}

export function businessTypeCode(code: string): string {
  if (!BUSINESS_TYPE_CODE.test(code)) throw badInput('code must match ^[A-Z][A-Z0-9_]{1,31}$ (e.g. GARDENING)', 'code');
  return code;
}

export function serviceAreas(areas: readonly AreaInput[], field = 'areas'): ValidArea[] {
  if (areas.length > MAX_AREAS) throw badInput(`${field} allows at most ${MAX_AREAS} service areas`, field);
  return areas.map((area, i) => {
    const at = `${field}[${i}]`;
    const center = area.center ? validPoint(area.center, `${at}.center`) : null;
    if ((center == null) !== (area.radiusKm == null))
      throw badInput(`${at}: center and radiusKm go together (a circle needs both)`, center ? `${at}.radiusKm` : `${at}.center`);
    if (area.radiusKm != null && (!Number.isFinite(area.radiusKm) || area.radiusKm <= 0 || area.radiusKm > MAX_AREA_RADIUS_KM))
      throw badInput(`${at}.radiusKm must be more than 0 and at most ${MAX_AREA_RADIUS_KM}`, `${at}.radiusKm`);
    const regionCodes = [...new Set((area.regionCodes ?? []).map((code, j) => region(code, `${at}.regionCodes[${j}]`)))];
    if (!center && !regionCodes.length) throw badInput(`${at} needs a center with radiusKm, region codes, or both`, at);
    return { label: optionalText(area.label, `${at}.label`, 100), center, radiusKm: area.radiusKm ?? null, regionCodes };
  });
}

export function commissionPercent(percent: number): number {
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) throw badInput('percent must be between 0 and 100', 'percent');
  return Math.round(percent * 100) / 100;
}

export function amount(value: number, field = 'amount'): number {
  if (!Number.isInteger(value) || value <= 0) throw badInput(`${field} must be a positive whole number of minor units (cents)`, field);
  if (value > 100_000_000_00) throw badInput(`${field} is too large`, field);
  return value;
}

/** Ledger amounts are kept in one currency per platform for now: EUR. */
export function currency(value: string | null | undefined, field = 'currency'): string {
  const code = (value ?? 'EUR').trim().toUpperCase();
  if (code !== 'EUR') throw badInput(`${field}: only EUR is supported`, field);
  return code;
}

export function uuid(value: string, field: string): string {
  if (!isUuid(value)) throw badInput(`${field} is not a valid id`, field);
  return value.toLowerCase();
}

/** Commission on a completed order: amount × percent / 100, rounded half-up (away from zero), as a debit. */
export function commissionOf(orderAmount: number, percent: number): number {
  const cents = Math.round(((orderAmount * percent) / 100) * 1e6) / 1e6; // cancel binary noise before rounding
  return -Math.floor(cents + 0.5);
}
