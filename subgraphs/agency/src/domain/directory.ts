import { badInput, decodeCursor, encodeCursor, forbidden, isUuid, pageSize } from '@market/kit';
import type { AgencyStatus } from '../store/schema';

export type DirectorySort = 'RANK' | 'RATING' | 'DISTANCE' | 'NEWEST';

/** Where the previous page ended, per sort: the sort key and the id of its last row. */
export type DirectoryCursor =
  | { sort: 'RANK'; score: number; createdAt: Date; id: string }
  | { sort: 'RATING'; rating: number; id: string }
  | { sort: 'DISTANCE'; distanceKm: number; id: string }
  | { sort: 'NEWEST'; createdAt: Date; id: string };

export interface DirectoryFilter {
  businessTypes?: string[] | null;
  near?: { lat: number; lng: number } | null;
  radiusKm?: number | null;
  region?: string | null;
  minRating?: number | null;
  verifiedOnly?: boolean | null;
  /** The words of `search`, already reduced to letters and digits. */
  searchWords?: string[] | null;
  status?: AgencyStatus | null;
  /** Admins see SUSPENDED agencies too. */
  includeSuspended: boolean;
}

export interface DirectoryQuery {
  filter: DirectoryFilter;
  sort: DirectorySort;
  size: number;
  /** size + 1: the extra row tells whether another page follows. */
  limit: number;
  after: DirectoryCursor | null;
}

export interface DirectoryArgs {
  filter?: {
    businessTypes?: readonly string[] | null;
    near?: { lat: number; lng: number } | null;
    radiusKm?: number | null;
    region?: string | null;
    minRating?: number | null;
    verifiedOnly?: boolean | null;
    search?: string | null;
    status?: AgencyStatus | null;
  } | null;
  sort?: DirectorySort | null;
  first?: number | null;
  after?: string | null;
}

export const REGION_CODE = /^[A-Z]{2}-[A-Z0-9]{1,3}$/;

export function validPoint(point: { lat: number; lng: number }, field: string): { lat: number; lng: number } {
  if (!Number.isFinite(point.lat) || point.lat < -90 || point.lat > 90)
    throw badInput(`${field}.lat must be between -90 and 90`, `${field}.lat`);
  if (!Number.isFinite(point.lng) || point.lng < -180 || point.lng > 180)
    throw badInput(`${field}.lng must be between -180 and 180`, `${field}.lng`);
  return { lat: point.lat, lng: point.lng };
}

/** Words of a search string: letters and digits only (so they are safe in a tsquery), lower-cased, at most 8. */
export function searchWords(search: string): string[] {
  return (search.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 8);
}

/** Validates the directory arguments; every bad value is a BAD_USER_INPUT naming its field. */
export function directoryQuery(args: DirectoryArgs, viewerIsAdmin: boolean): DirectoryQuery {
  const size = pageSize(args.first);
  const sort = args.sort ?? 'RANK';
  const input = args.filter ?? {};
  const filter: DirectoryFilter = { includeSuspended: viewerIsAdmin };
  if (input.businessTypes?.length) filter.businessTypes = [...new Set(input.businessTypes)];
  if (input.near) filter.near = validPoint(input.near, 'filter.near');
  if (input.radiusKm != null) {
    if (!filter.near) throw badInput('filter.radiusKm needs filter.near', 'filter.radiusKm');
    if (!Number.isFinite(input.radiusKm) || input.radiusKm <= 0 || input.radiusKm > 20_000)
      throw badInput('filter.radiusKm must be more than 0 and at most 20000', 'filter.radiusKm');
    filter.radiusKm = input.radiusKm;
  }
  if (input.region != null) {
    const region = input.region.trim().toUpperCase();
    if (!REGION_CODE.test(region)) throw badInput('filter.region must be an ISO 3166-2 code such as DE-BE', 'filter.region');
    filter.region = region;
  }
  if (input.minRating != null) {
    if (!Number.isFinite(input.minRating) || input.minRating < 0 || input.minRating > 5)
      throw badInput('filter.minRating must be between 0 and 5', 'filter.minRating');
    filter.minRating = input.minRating;
  }
  if (input.verifiedOnly) filter.verifiedOnly = true;
  if (input.search != null && input.search.trim() !== '') {
    const words = searchWords(input.search);
    if (!words.length) throw badInput('filter.search needs at least one letter or digit', 'filter.search');
    filter.searchWords = words;
  }
  if (input.status != null) {
    if (!viewerIsAdmin) throw forbidden('Only admins can filter the directory by status');
    filter.status = input.status;
  }
  if (sort === 'DISTANCE' && !filter.near) throw badInput('sort DISTANCE needs filter.near', 'sort');
  return { filter, sort, size, limit: size + 1, after: decodeDirectoryCursor(args.after, sort) };
}

export function encodeDirectoryCursor(cursor: DirectoryCursor): string {
  switch (cursor.sort) {
    case 'RANK':
      return encodeCursor(['RANK', cursor.score, cursor.createdAt.toISOString(), cursor.id]);
    case 'RATING':
      return encodeCursor(['RATING', cursor.rating, cursor.id]);
    case 'DISTANCE':
      return encodeCursor(['DISTANCE', cursor.distanceKm, cursor.id]);
    case 'NEWEST':
      return encodeCursor(['NEWEST', cursor.createdAt.toISOString(), cursor.id]);
  }
}

const invalid = () => badInput('after is not a valid cursor for this sort', 'after');

export function decodeDirectoryCursor(after: string | null | undefined, sort: DirectorySort): DirectoryCursor | null {
  if (after == null) return null;
  const arity = sort === 'RANK' ? 4 : 3;
  const key = decodeCursor(after, arity);
  if (!key || key[0] !== sort) throw invalid();
  const id = key[arity - 1];
  if (typeof id !== 'string' || !isUuid(id)) throw invalid();
  const date = (value: unknown) => {
    const parsed = typeof value === 'string' ? new Date(value) : null;
    if (!parsed || Number.isNaN(parsed.getTime())) throw invalid();
    return parsed;
  };
  const number = (value: unknown) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid();
    return value;
  };
  switch (sort) {
    case 'RANK':
      return { sort, score: number(key[1]), createdAt: date(key[2]), id };
    case 'RATING':
      return { sort, rating: number(key[1]), id };
    case 'DISTANCE':
      return { sort, distanceKm: number(key[1]), id };
    case 'NEWEST':
      return { sort, createdAt: date(key[1]), id };
  }
}
