import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { signInForTokens } from '@market/testkit';

/** Helpers of the web-admin browser tests: what customers and staff do through the gateway (as web-client would). */

const demo = demoData();
/** The demo agency: owner@example.com owns it, staff@example.com works for it. */
export const demoAgency = demo.agencies[0]!;

export interface PlacedOrder {
  id: string;
  number: string;
  status: string;
}

export interface GatewayCaller {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

/** Signs `email` in at SSO (web-client) and returns a caller of the gateway with that token. */
export async function signedInCaller(gatewayUrl: string, issuer: string, email: string): Promise<GatewayCaller> {
  const { accessToken } = await signInForTokens({ issuer, email, password: DEMO_PASSWORD, clientId: 'web-client' });
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}) {
      const response = await fetch(gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as { data?: T; errors?: unknown[] };
      if (!body.data || body.errors) throw new Error(`${query.slice(0, 40)}… failed: ${JSON.stringify(body.errors)}`);
      return body.data;
    },
  };
}

/** The customer places an order with the demo agency: two line items, 4,250 + 2 × 6,000 cents. */
export async function placeOrder(customer: GatewayCaller, title: string): Promise<PlacedOrder> {
  const data = await customer.request<{ placeOrder: PlacedOrder }>(
    `mutation Place($input: PlaceOrderInput!) { placeOrder(input: $input) { id number status } }`,
    {
      input: {
        agencyId: demoAgency.id,
        title,
        description: 'The valve drips since Monday; the boiler is in the basement.',
        lineItems: [
          { description: 'Pressure valve', quantity: 1, unitAmount: 4_250 },
          { description: 'Labour (hour)', quantity: 2, unitAmount: 6_000 },
        ],
      },
    },
  );
  return data.placeOrder;
}

export const ORDER_AMOUNT = 4_250 + 2 * 6_000;

/** Moves an order on through the gateway as the given caller. */
export async function transition(caller: GatewayCaller, orderId: string, action: string): Promise<string> {
  const data = await caller.request<{ transitionOrder: { status: string } }>(
    `mutation Move($id: ID!, $action: OrderAction!) { transitionOrder(id: $id, action: $action) { status } }`,
    { id: orderId, action },
  );
  return data.transitionOrder.status;
}
