import { and, count, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '@market/stores';
import type { DirectoryCursor, DirectoryQuery } from '../domain/directory';
import { RATING_PRIOR } from '../domain/ranking';
import { agencies, agencyBusinessTypes, serviceAreas, type AgencySchema, type ListedAgency } from './schema';

const EARTH_RADIUS_KM = 6371;
const KM_PER_DEGREE = 111.32;
/** Stands in for "no location" in DISTANCE order and cursors (sorts last). */
export const NO_DISTANCE = 1e9;

/** Great-circle distance in km between two points (haversine), in SQL. */
export function haversineKm(lat1: SQL | number, lng1: SQL | number, lat2: SQL | number, lng2: SQL | number): SQL<number> {
  return sql<number>`(${2 * EARTH_RADIUS_KM}::float8 * asin(least(1::float8, sqrt(
    power(sin(radians((${lat2})::float8 - (${lat1})::float8) / 2), 2)
    + cos(radians((${lat1})::float8)) * cos(radians((${lat2})::float8)) * power(sin(radians((${lng2})::float8 - (${lng1})::float8) / 2), 2)))))`;
}

/** The (lat, lng) box around a point that holds every point within `km`. */
export function boundingBox(lat: number, lng: number, km: number) {
  const dLat = km / KM_PER_DEGREE;
  const cos = Math.max(Math.cos((lat * Math.PI) / 180), 0.01);
  const dLng = Math.min(180, km / (KM_PER_DEGREE * cos));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/**
 * The Bayesian rating of an agency as SQL (the same formula as domain/ranking.ts). The constants are inlined,
 * not parameters, so the expression matches the agencies_rating_idx expression index.
 */
export const bayesianRatingSql = sql<number>`((${sql.raw(String(RATING_PRIOR.weight * RATING_PRIOR.mean))}::float8 + ${agencies.ratingSum}) / (${sql.raw(String(RATING_PRIOR.weight))}::float8 + ${agencies.reviewCount}))`;
const scoreSql = sql<number>`${agencies.rankingScore}`;

/** `search` as a prefix-matching tsquery on the 'simple' config: every word must match, the last one as a prefix. */
export function searchQuery(words: readonly string[]): string {
  return words.map((word, i) => (i === words.length - 1 ? `${word}:*` : word)).join(' & ');
}

export interface DirectoryPage {
  rows: ListedAgency[];
  totalCount: number;
}

/** The directory query: one statement for the page and one for the count. */
export async function listDirectory(db: PgDb<AgencySchema>, query: DirectoryQuery): Promise<DirectoryPage> {
  const { filter } = query;
  const near = filter.near;
  const distance = near ? haversineKm(agencies.lat as unknown as SQL, agencies.lng as unknown as SQL, near.lat, near.lng) : null;
  const distanceKey = distance ? sql<number>`coalesce(${distance}, ${NO_DISTANCE}::float8)` : null;

  const conditions: (SQL | undefined)[] = [];
  if (filter.status) conditions.push(eq(agencies.status, filter.status));
  else if (filter.verifiedOnly) conditions.push(eq(agencies.status, 'VERIFIED'));
  // Inlined, not a parameter: the planner matches it to the partial indexes of the directory.
  else if (!filter.includeSuspended) conditions.push(sql`${agencies.status} <> 'SUSPENDED'`);
  if (filter.verifiedOnly && filter.status) conditions.push(eq(agencies.status, 'VERIFIED'));

  if (filter.businessTypes?.length) {
    conditions.push(
      sql`exists (select 1 from ${agencyBusinessTypes} where ${agencyBusinessTypes.agencyId} = ${agencies.id} and ${inArray(agencyBusinessTypes.code, filter.businessTypes)})`,
    );
  }
  if (near) {
    // The point inside an area's bounding box (indexed) and then inside its circle; or a region code of the area.
    const circle = sql`(${serviceAreas.minLat} <= ${near.lat} and ${serviceAreas.maxLat} >= ${near.lat}
      and ${serviceAreas.minLng} <= ${near.lng} and ${serviceAreas.maxLng} >= ${near.lng}
      and ${haversineKm(serviceAreas.centerLat as unknown as SQL, serviceAreas.centerLng as unknown as SQL, near.lat, near.lng)} <= ${serviceAreas.radiusKm})`;
    const region = filter.region ? sql` or ${filter.region} = any(${serviceAreas.regionCodes})` : sql``;
    conditions.push(sql`exists (select 1 from ${serviceAreas} where ${serviceAreas.agencyId} = ${agencies.id} and (${circle}${region}))`);
    if (filter.radiusKm != null && distance) {
      const box = boundingBox(near.lat, near.lng, filter.radiusKm);
      conditions.push(
        sql`${agencies.lat} between ${box.minLat} and ${box.maxLat} and ${agencies.lng} between ${box.minLng} and ${box.maxLng}`,
        sql`${distance} <= ${filter.radiusKm}`,
      );
    }
  } else if (filter.region) {
    conditions.push(
      sql`(${agencies.region} = ${filter.region} or exists (select 1 from ${serviceAreas} where ${serviceAreas.agencyId} = ${agencies.id} and ${filter.region} = any(${serviceAreas.regionCodes})))`,
    );
  }
  if (filter.minRating != null) conditions.push(sql`${bayesianRatingSql} >= ${filter.minRating}`);
  if (filter.searchWords?.length) {
    conditions.push(sql`${agencies.searchDocument} @@ to_tsquery('simple', ${searchQuery(filter.searchWords)})`);
  }

  const where = and(...conditions);
  const { order, after } = keyset(query, distanceKey);
  const columns = getTableColumns(agencies);
  const [rows, [total]] = await Promise.all([
    db
      .select({
        ...columns,
        score: scoreSql,
        bayesianRating: bayesianRatingSql,
        distanceKm: distance ? sql<number | null>`${distance}` : sql<null>`null::float8`,
      })
      .from(agencies)
      .where(and(where, after))
      .orderBy(...order)
      .limit(query.limit),
    db.select({ value: count() }).from(agencies).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, distanceKm: row.distanceKm == null ? null : Number(row.distanceKm) })),
    totalCount: total?.value ?? 0,
  };
}

/** ORDER BY and the "after this row" condition of each sort (every order ends in a unique id). */
function keyset(query: DirectoryQuery, distanceKey: SQL<number> | null): { order: SQL[]; after: SQL | undefined } {
  const cursor: DirectoryCursor | null = query.after;
  switch (query.sort) {
    case 'RANK':
      return {
        order: [sql`${scoreSql} desc nulls last`, sql`${agencies.createdAt} asc`, sql`${agencies.id} asc`],

        after:
          cursor?.sort === 'RANK'
            ? sql`(${scoreSql} < ${cursor.score} or (${scoreSql} = ${cursor.score} and (${agencies.createdAt}, ${agencies.id}) > (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)))`
            : undefined,
      };
    case 'RATING':
      return {
        order: [sql`${bayesianRatingSql} desc`, sql`${agencies.id} asc`],
        after:
          cursor?.sort === 'RATING'
            ? sql`(${bayesianRatingSql} < ${cursor.rating} or (${bayesianRatingSql} = ${cursor.rating} and ${agencies.id} > ${cursor.id}::uuid))`
            : undefined,
      };
    case 'DISTANCE': {
      const key = distanceKey ?? sql<number>`0::float8`;
      return {
        order: [sql`${key} asc`, sql`${agencies.id} asc`],
        after:
          cursor?.sort === 'DISTANCE'
            ? sql`(${key} > ${cursor.distanceKm} or (${key} = ${cursor.distanceKm} and ${agencies.id} > ${cursor.id}::uuid))`
            : undefined,
      };
    }
    case 'NEWEST':
      return {
        order: [sql`${agencies.createdAt} desc`, sql`${agencies.id} desc`],
        after:
          cursor?.sort === 'NEWEST'
            ? sql`(${agencies.createdAt}, ${agencies.id}) < (${cursor.createdAt.toISOString()}::timestamptz, ${cursor.id}::uuid)`
            : undefined,
      };
  }
}
