import { demoData } from '@market/demo-data';
import { freshPostgres, graphql, resolveEntities, tempDataDir, testLogger, type GraphQLResult, type Provisioned } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEnv } from '../src/env';
import { startService, type AgencyService } from '../src/service';

// Runs on PostgreSQL when DATABASE_URL is set (CI), otherwise on PGlite in a temporary folder.
let db: Provisioned;
const data = tempDataDir('agency');
let service: AgencyService;
const demo = demoData();
interface AgencyPage {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: {
    node: {
      id: string;
      name: string;
      ranking: {
        score: number;
        position: number | null;
        positionOf: number | null;
        positionScope: string | null;
        breakdown: { key: string }[];
      };
    };
  }[];
}
const brightline = demo.agencies.find((a) => a.slug === 'brightline-technical-services')!;

beforeAll(async () => {
  db = await freshPostgres('agency');
  service = await startService(loadEnv({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, DATA_DIR: data.dir, NODE_ENV: 'test' }), {
    logger: testLogger('agency'),
  });
});
afterAll(async () => {
  await service?.stop();
  await db?.cleanup();
  await data.cleanup();
});

describe('agency subgraph', () => {
  it('lists the seeded agencies by rank (SUSPENDED hidden) with stable cursor pagination', async () => {
    const query = `query ($after: String) { agencies(first: 20, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id name slug createdAt ranking { score tier position positionOf positionScope breakdown { key points } } } }
    } }`;
    const seen: AgencyPage['edges'][number]['node'][] = [];
    const visible = demo.agencies.filter((a) => a.status !== 'SUSPENDED');
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult<{ agencies: AgencyPage }> = await graphql<{ agencies: AgencyPage }>(service, query, { after });
      expect(result.errors).toBeUndefined();
      const page: AgencyPage = result.data!.agencies;
      expect(page.totalCount).toBe(visible.length);
      seen.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen.map((a) => a.id))).toEqual(new Set(visible.map((a) => a.id)));
    expect(seen).toHaveLength(visible.length);
    // Best score first; the seed ranked every agency from the demo orders.
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.ranking.score).toBeGreaterThanOrEqual(seen[i]!.ranking.score);
    for (const agency of seen) {
      expect(agency.ranking.position).toBeGreaterThanOrEqual(1);
      expect(agency.ranking.position).toBeLessThanOrEqual(agency.ranking.positionOf!);
      expect(agency.ranking.breakdown.map((f) => f.key)).toEqual([
        'RATING',
        'COMPLETION',
        'ON_TIME',
        'RESPONSE_TIME',
        'DISPUTES',
        'PENALTIES',
        'RECENCY',
      ]);
    }
    expect(seen.find((a) => a.id === brightline.id)?.ranking.positionScope).toBe('Technical in DE-BE');
  });

  it('serves the demo agencies near Berlin with their service areas and contact', async () => {
    const result = await graphql<{
      agencies: { edges: { node: { id: string; distanceKm: number; serviceAreas: { radiusKm: number }[]; contact: { email: string } } }[] };
    }>(
      service,
      `
        {
          agencies(first: 50, sort: DISTANCE, filter: { near: { lat: 52.52, lng: 13.405 } }) {
            edges {
              node {
                id
                distanceKm
                serviceAreas {
                  radiusKm
                }
                contact {
                  email
                }
              }
            }
          }
        }
      `,
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.agencies.edges.map((e) => e.node);
    expect(nodes.map((n) => n.id)).toContain(brightline.id);
    for (let i = 1; i < nodes.length; i++) expect(nodes[i - 1]!.distanceKm).toBeLessThanOrEqual(nodes[i]!.distanceKm);
    expect(nodes.every((n) => n.serviceAreas.length > 0 && n.contact.email.includes('@'))).toBe(true);
  });

  it('finds one agency by slug or id, and says which argument is wrong', async () => {
    const bySlug = await graphql<{ agency: { id: string; businessTypes: { code: string }[] } }>(
      service,
      `{ agency(slug: "${brightline.slug}") { id businessTypes { code } } }`,
    );
    expect(bySlug.data?.agency.id).toBe(brightline.id);
    expect(bySlug.data?.agency.businessTypes.map((t) => t.code).sort()).toEqual([...brightline.businessTypes].sort());
    const both = await graphql(service, `{ agency(id: "${brightline.id}", slug: "x") { id } }`);
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await graphql<{ agency: null }>(
      service,
      `
        {
          agency(id: "not-a-uuid") {
            id
          }
        }
      `,
    );
    expect(missing.errors).toBeUndefined();
    expect(missing.data?.agency).toBeNull();
  });

  it('rejects page sizes and cursors it cannot honour', async () => {
    const big = await graphql(
      service,
      `
        {
          agencies(first: 1000) {
            totalCount
          }
        }
      `,
    );
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const bad = await graphql(
      service,
      `
        {
          agencies(after: "garbage") {
            totalCount
          }
        }
      `,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('resolves entity references by id (batched) and by slug', async () => {
    const refs = demo.agencies.slice(0, 40).map((a) => ({ __typename: 'Agency', id: a.id }));
    const resolve = () =>
      resolveEntities<{ id: string; name: string; businessTypes: { code: string }[] }>(
        service,
        [...refs, { __typename: 'Agency', id: '00000000-0000-4000-8000-000000000000' }],
        '... on Agency { id name businessTypes { code } }',
      );
    const result = await resolve();
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    expect(entities.slice(0, 40).map((e) => e?.id)).toEqual(refs.map((r) => r.id));
    expect(entities[40]).toBeNull();
    // One query for the agencies and one for their business types, however many references. The event relay polls
    // the same store in the background, so the fewest queries seen over a few calls is the resolver's own count.
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const before = service.queryCount();
      await resolve();
      counts.push(service.queryCount() - before);
    }
    expect(Math.min(...counts)).toBe(2);

    const bySlug = await resolveEntities<{ id: string }>(
      service,
      [{ __typename: 'Agency', slug: brightline.slug }],
      '... on Agency { id }',
    );
    expect(bySlug.data?._entities[0]?.id).toBe(brightline.id);
  });

  it('reports readiness and exposes metrics', async () => {
    const ready = await fetch(`${service.url}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { postgres: { ok: true } } });
    const metrics = await (await fetch(`${service.url}/metrics`)).text();
    expect(metrics).toContain('graphql_operations_total');
  });
});
