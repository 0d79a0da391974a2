import { demoData } from '@market/demo-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgencyRepository } from '../src/store/repository';
import { seedDemoData } from '../src/store/seed';
import { testLogger } from '@market/testkit';
import { admin, openHarness, storeTargets, type Harness } from './harness';

// The demo seed: every demo agency with areas, contact, members, commission and a ranking; a verification queue
// with pending documents; some deposits and penalties.

const demo = demoData();
const QUERY = `query ($status: AgencyStatus, $after: String) { agencies(first: 100, filter: { status: $status }, after: $after) {
  totalCount
  edges { node {
    id status serviceAreas { radiusKm regionCodes } contact { email phone }
    documents { status kind } members { role }
    finances { commissionPercent depositBalance { amount } penaltiesTotal { amount } commissionTotal { amount } }
    ranking { score tier position positionOf }
  } }
} }`;

interface Node {
  id: string;
  status: string;
  serviceAreas: { radiusKm: number | null; regionCodes: string[] }[];
  contact: { email: string; phone: string };
  documents: { status: string; kind: string }[];
  members: { role: string }[];
  finances: {
    commissionPercent: number;
    depositBalance: { amount: number };
    penaltiesTotal: { amount: number };
    commissionTotal: { amount: number };
  };
  ranking: { score: number; tier: string; position: number | null; positionOf: number | null };
}

describe.each(storeTargets.slice(0, 1))('demo seed on $name', (target) => {
  let h: Harness;
  const root = admin();
  beforeAll(async () => {
    h = await openHarness(target);
    expect(await seedDemoData(createAgencyRepository(h.store.db), testLogger('agency'))).toBe(true);
    expect(await seedDemoData(createAgencyRepository(h.store.db), testLogger('agency'))).toBe(false); // first boot only
  });
  afterAll(async () => {
    await h?.close();
  });

  it('seeds every demo agency, ranked, with areas, contact, owner and commission', async () => {
    const result = await h.ok<{ agencies: { totalCount: number; edges: { node: Node }[] } }>(QUERY, {}, root);
    expect(result.agencies.totalCount).toBe(demo.agencies.length);
    const nodes = result.agencies.edges.map((e) => e.node);
    for (const node of nodes) {
      expect(node.serviceAreas.length).toBeGreaterThan(0);
      expect(node.contact.email).toContain('@');
      expect(node.members.map((m) => m.role)).toContain('OWNER');
      expect(node.finances.commissionPercent).toBeGreaterThanOrEqual(10);
      expect(node.finances.commissionPercent).toBeLessThanOrEqual(15);
      expect(node.ranking.score).toBeGreaterThan(0);
      if (node.status === 'SUSPENDED') expect(node.ranking.position).toBeNull();
      else expect(node.ranking.position).toBeGreaterThanOrEqual(1);
    }
    expect(nodes.some((n) => n.serviceAreas.some((a) => a.regionCodes.length > 0))).toBe(true);
    expect(nodes.filter((n) => n.finances.depositBalance.amount > 0).length).toBeGreaterThan(5);
    expect(nodes.filter((n) => n.finances.penaltiesTotal.amount > 0).length).toBeGreaterThan(1);
    // Commission on the completed demo orders.
    expect(nodes.some((n) => n.finances.commissionTotal.amount > 0)).toBe(true);
    // The ranking differs between agencies (it comes from their orders).
    expect(new Set(nodes.map((n) => n.ranking.score)).size).toBeGreaterThan(10);
  });

  it('fills the admin verification queue: PENDING_REVIEW agencies with pending documents', async () => {
    const queue = await h.ok<{ agencies: { totalCount: number; edges: { node: Node }[] } }>(QUERY, { status: 'PENDING_REVIEW' }, root);
    expect(queue.agencies.totalCount).toBe(demo.agencies.filter((a) => a.status === 'PENDING_REVIEW').length);
    expect(queue.agencies.totalCount).toBeGreaterThan(0);
    for (const { node } of queue.agencies.edges) {
      expect(node.documents.length).toBeGreaterThan(0);
      expect(node.documents.every((d) => d.status === 'PENDING')).toBe(true);
    }
  });
});
