import { DEMO_PASSWORD } from '@market/demo-data';
import { signInForTokens, startPlatform, type Platform } from '@market/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type GraphQLBody } from './helpers';

// The marketplace across services, through the gateway with real SSO tokens: an agency registered by its owner and
// verified by an admin takes orders; the order subgraph learns of the agency and its members from agency events; the
// agency's ranking follows the orders' events (completion, review); SSO's roles follow memberships; the chat
// subgraph opens the ORDER conversation when the order is placed.

let platform: Platform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startPlatform();
  const signIn = async (email: string, clientId: 'web-client' | 'web-admin', scope: string) =>
    (await signInForTokens({ issuer: platform.issuer!, email, password: DEMO_PASSWORD, clientId, scope })).accessToken;
  tokens.customer = await signIn('customer@example.com', 'web-client', 'openid email roles orders:read orders:write chat');
  tokens.owner = await signIn('owner@example.com', 'web-admin', 'openid email roles agency:manage agency:finance');
  tokens.admin = await signIn('admin@example.com', 'web-admin', 'openid email roles admin:agencies admin:orders admin:users');
});
afterAll(() => platform?.stop());

async function api<T>(who: keyof typeof tokens | null, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  if (body.errors?.length) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data as T;
}

interface Ranking {
  score: number;
  position: number | null;
  positionOf: number | null;
}

const RANKING = `query ($slug: String!) { agency(slug: $slug) { id status rating reviewCount ranking { score tier position positionOf } } }`;
type AgencyRanking = { agency: { id: string; status: string; rating: number | null; reviewCount: number; ranking: Ranking } };

describe('marketplace across services', () => {
  it('a new agency is verified, takes orders, and completing + reviewing them moves its score and position', async () => {
    const slug = `northlight-heating-${Date.now()}`;
    const { createAgency } = await api<{ createAgency: { id: string; status: string; viewerRole: string } }>(
      'owner',
      `mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id status viewerRole } }`,
      {
        input: {
          name: 'Northlight Heating',
          slug,
          description: 'Heat pumps and boilers in Berlin.',
          businessTypes: ['TECHNICAL'],
          city: 'Berlin',
          region: 'DE-BE',
          location: { lat: 52.52, lng: 13.405 },
          serviceAreas: [{ label: 'Berlin', center: { lat: 52.52, lng: 13.405 }, radiusKm: 30 }],
        },
      },
    );
    expect(createAgency).toMatchObject({ status: 'PENDING_REVIEW', viewerRole: 'OWNER' });
    const agencyId = createAgency.id;

    // Not verified yet: no orders.
    const place = () =>
      api<{ placeOrder: { id: string; status: string } }>(
        'customer',
        `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status } }`,
        {
          input: {
            agencyId,
            title: 'Service the heat pump',
            description: 'Annual service, ground floor.',
            lineItems: [{ description: 'Service', quantity: 1, unitAmount: 18_000 }],
          },
        },
      );
    await expect(place()).rejects.toThrow(/agencyId/);

    await api('admin', `mutation ($id: ID!) { setAgencyStatus(id: $id, status: VERIFIED, reason: "Documents checked") { id } }`, {
      id: agencyId,
    });
    const before = (await api<AgencyRanking>(null, RANKING, { slug })).agency;
    expect(before.status).toBe('VERIFIED');
    expect(before.ranking.positionOf).toBeGreaterThan(1);

    // The order subgraph learns of the verification from the agency's event.
    const placed = await eventually(
      () => place().catch((error: Error) => error),
      (result) => !(result instanceof Error),
      15_000,
    );
    if (placed instanceof Error) throw placed;
    const orderIds = [placed.placeOrder.id];
    for (let i = 0; i < 2; i++) orderIds.push((await place()).placeOrder.id);

    for (const id of orderIds) {
      for (const action of ['ACCEPT', 'START', 'DELIVER'])
        await api('owner', `mutation ($id: ID!, $action: OrderAction!) { transitionOrder(id: $id, action: $action) { status } }`, {
          id,
          action,
        });
      const completed = await api<{ transitionOrder: { status: string } }>(
        'customer',
        `mutation ($id: ID!) { transitionOrder(id: $id, action: COMPLETE, note: "All good") { status } }`,
        { id },
      );
      expect(completed.transitionOrder.status).toBe('COMPLETED');
      await api('customer', `mutation ($id: ID!) { reviewOrder(id: $id, rating: 5, comment: "Quick and tidy") { id } }`, { id });
    }

    const after = (
      await eventually(
        () => api<AgencyRanking>(null, RANKING, { slug }),
        ({ agency }) => agency.reviewCount === 3,
        15_000,
      )
    ).agency;
    expect(after.reviewCount).toBe(3);
    expect(after.rating).toBe(5);
    expect(after.ranking.score).toBeGreaterThan(before.ranking.score);
    expect(after.ranking.position).toBeLessThan(before.ranking.position!);

    // The order's history names who did what; the ORDER conversation exists with the customer and the owner.
    const { order } = await api<{
      order: {
        statusHistory: { to: string; actorRole: string }[];
        conversation: { kind: string; participants: { user: { id: string } }[] } | null;
      };
    }>(
      'customer',
      `query ($id: ID!) { order(id: $id) { statusHistory { to actorRole } conversation { kind participants { user { id } } } } }`,
      {
        id: orderIds[0],
      },
    );
    expect(order.statusHistory.map((change) => `${change.to}/${change.actorRole}`)).toEqual([
      'PENDING/CUSTOMER',
      'ACCEPTED/AGENCY',
      'IN_PROGRESS/AGENCY',
      'DELIVERED/AGENCY',
      'COMPLETED/CUSTOMER',
    ]);
    expect(order.conversation?.kind).toBe('ORDER');
    expect(order.conversation?.participants).toHaveLength(2);
  });
});
