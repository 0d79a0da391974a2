import { randomBytes } from 'node:crypto';
import { demoData } from '@market/demo-data';
import { gatewayKeyEnv, GATEWAY_IDENTITY_HEADER, identitySigner, loadGatewaySigningKey, type Viewer } from '@market/kit';
import { freshPostgres, graphql, tempDataDir, testEnv, testLogger, type GraphQLResult } from '@market/testkit';
import { loadEnv } from '../src/env';
import { startService, type OrderService } from '../src/service';

/** The stores these tests run on: PGlite always, PostgreSQL when DATABASE_URL is set (CI). */
export const STORE_TARGETS = [
  { name: 'PGlite', postgres: false },
  ...(testEnv.DATABASE_URL ? [{ name: 'PostgreSQL', postgres: true }] : []),
] as const;

export interface Harness {
  service: OrderService;
  /** A GraphQL call as the gateway makes it, for `viewer` (anonymous when null). */
  as: <T = Record<string, unknown>>(
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
  ) => Promise<GraphQLResult<T> & { status: number }>;
  stop: () => Promise<void>;
}

/** Starts the order subgraph on a fresh database of the target, signed requests only, its own event stream. */
export async function startHarness(
  target: { postgres: boolean },
  options: { env?: Record<string, string>; countQueries?: boolean } = {},
): Promise<Harness> {
  const keys = await gatewayKeyEnv();
  const sign = identitySigner(await loadGatewaySigningKey(keys.gateway.GATEWAY_SIGNING_KEY));
  const db = target.postgres ? await freshPostgres('order') : { url: undefined, cleanup: async () => {} };
  const data = tempDataDir('order');
  const service = await startService(
    loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATA_DIR: data.dir,
      EVENTS_PREFIX: `order-test-${randomBytes(4).toString('hex')}:`,
      ...keys.subgraphs,
      ...options.env,
    }),
    { logger: testLogger('order') },
  );
  // The outbox relay polls the same database every 200 ms; tests that count a request's statements stop it
  // (nothing here consumes the order events it would publish).
  if (options.countQueries) await service.background?.relay.stop();
  return {
    service,
    async as(viewer, query, variables = {}) {
      const token = await sign({
        sub: viewer?.id,
        roles: viewer?.roles ?? [],
        scopes: viewer?.scopes ?? [],
        clientId: viewer?.clientId ?? undefined,
      });
      return graphql(service, query, variables, { [GATEWAY_IDENTITY_HEADER]: token });
    },
    async stop() {
      await service.stop();
      await db.cleanup();
      await data.cleanup();
    },
  };
}

const demo = demoData();
const byEmail = (email: string) => {
  const user = demo.users.find((u) => u.email === email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
};
const viewer = (id: string, roles: string[], scopes: string[] = []): Viewer => ({ id, roles, scopes, clientId: 'web-client' });

/** The demo agency (VERIFIED) with its owner and staff, a customer, an admin, and a stranger. */
export const people = {
  agency: demo.agencies[0]!,
  customer: viewer(byEmail('customer@example.com').id, ['CUSTOMER']),
  customer2: viewer(byEmail('customer2@example.com').id, ['CUSTOMER']),
  owner: viewer(byEmail('owner@example.com').id, ['AGENCY_OWNER']),
  staff: viewer(byEmail('staff@example.com').id, ['AGENCY_STAFF']),
  admin: viewer(byEmail('admin@example.com').id, ['ADMIN'], ['admin:orders']),
  /** An admin without the admin:orders scope is nobody special here. */
  adminWithoutScope: viewer(byEmail('admin@example.com').id, ['ADMIN'], []),
  stranger: viewer('00000000-0000-4000-8000-00000000beef', ['CUSTOMER']),
};

export const ORDER_FIELDS =
  'id number status amount currency paidAt updatedAt availableActions statusHistory { from to action actor { id } actorRole note at }';

export const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id number status amount currency dueDate lineItems { description quantity unitAmount amount } statusHistory { from to action actorRole actor { id } } } }`;
export const TRANSITION = `mutation ($id: ID!, $action: OrderAction!, $note: String) { transitionOrder(id: $id, action: $action, note: $note) { ${ORDER_FIELDS} } }`;
