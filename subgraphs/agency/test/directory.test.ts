import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admin, codeOf, openHarness, storeTargets, user, type Harness } from './harness';

// The directory on every store target: which agencies serve a point, in which order, page by page.

const BERLIN = { lat: 52.52, lng: 13.405 };

/** Kilometres between two points (haversine), to check the SQL against. */
function km(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h = Math.sin(rad(b.lat - a.lat) / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}
/** A point `north` km north and `east` km east of Berlin's center. */
const offset = (north: number, east: number) => ({
  lat: BERLIN.lat + north / 111.32,
  lng: BERLIN.lng + east / (111.32 * Math.cos((BERLIN.lat * Math.PI) / 180)),
});

interface Spec {
  key: string;
  name: string;
  types: string[];
  base: { lat: number; lng: number };
  areas: { center?: { lat: number; lng: number }; radiusKm?: number; regionCodes?: string[] }[];
  region?: string;
  description?: string;
  ratings?: number[];
  status?: 'SUSPENDED' | 'VERIFIED';
}

// Around Berlin: which of them cover BERLIN is decided by the areas, not by where they are based.
const SPECS: Spec[] = [
  {
    key: 'near-small',
    name: 'Spree Plumbing',
    types: ['TECHNICAL'],
    base: offset(2, 1),
    areas: [{ center: offset(2, 1), radiusKm: 5 }],
    ratings: [5, 5, 4],
  },
  {
    key: 'far-wide',
    name: 'Havel Electric',
    types: ['TECHNICAL'],
    base: offset(40, 0),
    areas: [{ center: offset(40, 0), radiusKm: 50 }],
    ratings: [3],
  },
  {
    key: 'far-small',
    name: 'Oder Builders',
    types: ['CONSTRUCTION'],
    base: offset(30, 0),
    areas: [{ center: offset(30, 0), radiusKm: 20 }],
  },
  {
    key: 'region-only',
    name: 'Mitte Legal Partners',
    types: ['LEGAL'],
    base: offset(-3, 3),
    areas: [{ regionCodes: ['DE-BE'] }],
    ratings: [5, 5, 5, 5, 5, 5],
  },
  {
    key: 'mid',
    name: 'Kreuzberg Cleaning Crew',
    types: ['CLEANING'],
    base: offset(-8, 6),
    areas: [{ center: offset(-8, 6), radiusKm: 15 }],
    ratings: [4, 4],
  },
  {
    key: 'two-areas',
    name: 'Brandenburg Roofing',
    types: ['CONSTRUCTION', 'TECHNICAL'],
    base: offset(60, 60),
    areas: [
      { center: offset(60, 60), radiusKm: 10 },
      { center: offset(1, -1), radiusKm: 3 },
    ],
    ratings: [2, 3],
  },
  {
    key: 'suspended',
    name: 'Shady Repairs',
    types: ['TECHNICAL'],
    base: offset(0, 2),
    areas: [{ center: offset(0, 2), radiusKm: 30 }],
    status: 'SUSPENDED',
  },
  {
    key: 'verified',
    name: 'Tegel IT Service',
    types: ['IT'],
    base: offset(10, -10),
    areas: [{ center: offset(10, -10), radiusKm: 25 }],
    status: 'VERIFIED',
    ratings: [4],
  },
  { key: 'no-areas', name: 'Nowhere Agency', types: ['OTHER'], base: offset(0, 0), areas: [] },
  {
    key: 'munich',
    name: 'Isar Plumbing',
    types: ['TECHNICAL'],
    base: { lat: 48.137, lng: 11.575 },
    areas: [{ center: { lat: 48.137, lng: 11.575 }, radiusKm: 40 }],
    region: 'DE-BY',
  },
  // More that cover Berlin, for pagination.
  ...Array.from({ length: 8 }, (_, i): Spec => ({
    key: `extra-${i}`,
    name: `Berlin Helpers ${i}`,
    types: [i % 2 ? 'TECHNICAL' : 'CLEANING'],
    base: offset(i - 4, 4 - i),
    areas: [{ center: offset(i - 4, 4 - i), radiusKm: 12 + i }],
    ratings: i % 3 === 0 ? [] : [1 + (i % 5)],
    description: i === 3 ? 'Heat pumps and solar installations' : undefined,
  })),
];

const CREATE = `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id createdAt } }`;
const PAGE = `query ($filter: AgencyFilter, $sort: AgencySort, $first: Int, $after: String) {
  agencies(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name distanceKm status rating ranking { score } createdAt } }
  }
}`;

interface Node {
  id: string;
  name: string;
  distanceKm: number | null;
  status: string;
  rating: number | null;
  ranking: { score: number };
  createdAt: string;
}
interface Page {
  agencies: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Node }[] };
}

describe.each(storeTargets)('directory on $name', (target) => {
  let h: Harness;
  const ids = new Map<string, string>();
  const keyOf = new Map<string, string>();
  const root = admin();

  beforeAll(async () => {
    h = await openHarness(target);
    for (const spec of SPECS) {
      const owner = user(['AGENCY_OWNER']);
      const created = await h.ok<{ createAgency: { id: string } }>(
        CREATE,
        {
          input: {
            name: spec.name,
            description: spec.description ?? `${spec.name} works in and around the city.`,
            businessTypes: spec.types,
            city: 'Berlin',
            region: spec.region ?? 'DE-BE',
            location: spec.base,
            serviceAreas: spec.areas,
          },
        },
        owner,
      );
      ids.set(spec.key, created.createAgency.id);
      keyOf.set(created.createAgency.id, spec.key);
      for (const rating of spec.ratings ?? [])
        await h.deliver('order.reviewed', {
          orderId: randomUUID(),
          reviewId: randomUUID(),
          agencyId: created.createAgency.id,
          customerId: randomUUID(),
          rating,
          at: new Date().toISOString(),
        });
      if (spec.status)
        await h.ok(
          `mutation ($id: ID!, $s: AgencyStatus!) { setAgencyStatus(id: $id, status: $s, reason: "test") { id } }`,
          { id: created.createAgency.id, s: spec.status },
          root,
        );
    }
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Walks every page of size `first` and returns the nodes in order. */
  async function walk(variables: Record<string, unknown>, first: number): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 50; guard++) {
      const page: Page = await h.ok<Page>(PAGE, { ...variables, first, after });
      nodes.push(...page.agencies.edges.map((e) => e.node));
      if (!page.agencies.pageInfo.hasNextPage) return nodes;
      after = page.agencies.pageInfo.endCursor;
    }
    throw new Error('pagination did not end');
  }

  const covering = () =>
    SPECS.filter((s) => s.status !== 'SUSPENDED' && s.areas.some((a) => a.center && a.radiusKm && km(a.center, BERLIN) <= a.radiusKm));

  it('near a point: only agencies whose area covers it, nearest base first, with distanceKm', async () => {
    const page = await h.ok<Page>(PAGE, { filter: { near: BERLIN }, sort: 'DISTANCE', first: 50 });
    const expected = covering()
      .map((s) => ({ key: s.key, id: ids.get(s.key)!, d: km(s.base, BERLIN) }))
      .sort((a, b) => a.d - b.d || (a.id < b.id ? -1 : 1));
    expect(page.agencies.edges.map((e) => keyOf.get(e.node.id))).toEqual(expected.map((e) => e.key));
    expect(page.agencies.totalCount).toBe(expected.length);
    for (const [i, edge] of page.agencies.edges.entries()) expect(edge.node.distanceKm).toBeCloseTo(expected[i]!.d, 2);
    // Not covering: far-small (30 km away, 20 km radius), region-only (no circle), no-areas, munich; suspended is hidden.
    for (const key of ['far-small', 'region-only', 'no-areas', 'munich', 'suspended'])
      expect(page.agencies.edges.map((e) => keyOf.get(e.node.id))).not.toContain(key);
    expect(page.agencies.edges.map((e) => keyOf.get(e.node.id))).toContain('two-areas'); // its second, small area covers Berlin
  });

  it('near with region: region codes of an area count too; radiusKm limits how far the base is', async () => {
    const withRegion = await h.ok<Page>(PAGE, { filter: { near: BERLIN, region: 'DE-BE' }, sort: 'DISTANCE', first: 50 });
    expect(withRegion.agencies.edges.map((e) => keyOf.get(e.node.id))).toContain('region-only');
    const within = await h.ok<Page>(PAGE, { filter: { near: BERLIN, radiusKm: 10 }, sort: 'DISTANCE', first: 50 });
    const expected = covering().filter((s) => km(s.base, BERLIN) <= 10);
    expect(new Set(within.agencies.edges.map((e) => keyOf.get(e.node.id)))).toEqual(new Set(expected.map((s) => s.key)));
    expect(within.agencies.edges.every((e) => (e.node.distanceKm ?? Infinity) <= 10)).toBe(true);
  });

  it('pages are stable for every sort: the pages together are the full list, no duplicates, nothing missing', async () => {
    const cases: Record<string, unknown>[] = [
      { sort: 'RANK' },
      { sort: 'RATING' },
      { sort: 'NEWEST' },
      { sort: 'DISTANCE', filter: { near: BERLIN } },
      { sort: 'RANK', filter: { near: BERLIN, businessTypes: ['TECHNICAL', 'CLEANING'] } },
    ];
    for (const variables of cases) {
      const all = await walk(variables, 100);
      const paged = await walk(variables, 2);
      expect(
        paged.map((n) => n.id),
        JSON.stringify(variables),
      ).toEqual(all.map((n) => n.id));
      expect(new Set(paged.map((n) => n.id)).size).toBe(paged.length);
    }
  });

  it('orders each sort as documented', async () => {
    const rank = await walk({ sort: 'RANK' }, 100);
    for (let i = 1; i < rank.length; i++) {
      const [a, b] = [rank[i - 1]!, rank[i]!];
      expect(
        a.ranking.score > b.ranking.score ||
          (a.ranking.score === b.ranking.score && (a.createdAt < b.createdAt || (a.createdAt === b.createdAt && a.id < b.id))),
      ).toBe(true);
    }
    const newest = await walk({ sort: 'NEWEST' }, 100);
    expect(newest.map((n) => n.id)).toEqual(
      [...newest]
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
        .map((n) => n.id),
    );
    // RATING is by the Bayesian average: six 5-star reviews (4.545) beat three reviews averaging 4.67 (4.375).
    const rating = await walk({ sort: 'RATING' }, 100);
    const keys = rating.map((n) => keyOf.get(n.id));
    expect(keys.indexOf('region-only')).toBeLessThan(keys.indexOf('near-small'));
    expect(keys[0]).toBe('region-only');
    expect(rating.length).toBe(SPECS.length - 1); // everyone but the suspended agency
  });

  it('full-text search over name, description and business types, the last word as a prefix', async () => {
    const names = async (search: string) => (await walk({ filter: { search }, sort: 'NEWEST' }, 50)).map((n) => keyOf.get(n.id)).sort();
    expect(await names('plumb')).toEqual(['munich', 'near-small']);
    expect(await names('spree plumb')).toEqual(['near-small']);
    expect(await names('heat pump')).toEqual(['extra-3']);
    expect(await names('legal')).toEqual(['region-only']); // the business type's label
    expect(await names('zzzz')).toEqual([]);
    const bad = await h.run(PAGE, { filter: { search: '&&!' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
  });

  it('filters by business types, minimum (Bayesian) rating, region and verification', async () => {
    const keys = async (filter: Record<string, unknown>) => (await walk({ filter, sort: 'NEWEST' }, 50)).map((n) => keyOf.get(n.id)).sort();
    expect(await keys({ businessTypes: ['CONSTRUCTION'] })).toEqual(['far-small', 'two-areas']);
    // Bayesian: (20 + Σ) / (5 + n) ≥ 4.2 — near-small (34/8 = 4.25) and region-only (50/11 = 4.55).
    expect(await keys({ minRating: 4.2 })).toEqual(['near-small', 'region-only']);
    expect(await keys({ verifiedOnly: true })).toEqual(['verified']);
    expect(await keys({ region: 'DE-BY' })).toEqual(['munich']);
  });

  it('hides SUSPENDED agencies from everyone but admins; only admins filter by status', async () => {
    const asAdmin = await h.run<Page>(PAGE, { filter: { status: 'SUSPENDED' }, first: 10 }, root);
    expect(asAdmin.data?.agencies.edges.map((e) => keyOf.get(e.node.id))).toEqual(['suspended']);
    const all = await h.run<Page>(PAGE, { first: 100 }, root);
    expect(all.data?.agencies.totalCount).toBe(SPECS.length);
    const asUser = await h.run<Page>(PAGE, { filter: { status: 'SUSPENDED' } }, user());
    expect(codeOf(asUser)).toBe('FORBIDDEN');
  });

  it('refuses what it cannot honour, naming the argument', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ sort: 'DISTANCE' }, 'sort'],
      [{ filter: { radiusKm: 5 } }, 'filter.radiusKm'],
      [{ filter: { near: { lat: 95, lng: 0 } } }, 'filter.near.lat'],
      [{ filter: { minRating: 7 } }, 'filter.minRating'],
      [{ filter: { region: 'Berlin' } }, 'filter.region'],
      [{ first: 0 }, 'first'],
      [{ after: 'garbage' }, 'after'],
    ];
    for (const [variables, field] of cases) {
      const result = await h.run(PAGE, variables);
      expect(result.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    // A cursor of one sort cannot continue another.
    const rank = await h.ok<Page>(PAGE, { sort: 'RANK', first: 1 });
    const mixed = await h.run(PAGE, { sort: 'NEWEST', after: rank.agencies.pageInfo.endCursor });
    expect(mixed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(ids.size).toBe(SPECS.length);
  });
});
