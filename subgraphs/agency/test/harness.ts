import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@market/events';
import type { Viewer } from '@market/kit';
import { openPostgres } from '@market/stores';
import { freshPostgres, testEnv, testLogger } from '@market/testkit';
import type { ExecutionResult } from 'graphql';
import type { AgencySettings } from '../src/context';
import { eventHandlers } from '../src/store/event-handlers';
import { createExecutor } from '../src/executor';
import { migrationsFolder, type AgencyStore } from '../src/service';
import { schema } from '../src/store/schema';

// The subgraph in-process on one store target: PGlite always, PostgreSQL when DATABASE_URL is set.
// Calls go through the subgraph's schema and resolvers, as any viewer; events are read from the outbox
// and delivered to the handlers directly.

export interface StoreTarget {
  name: string;
  url: () => Promise<{ url: string | undefined; cleanup: () => Promise<void> }>;
}

export const storeTargets: StoreTarget[] = [
  { name: 'PGlite', url: async () => ({ url: undefined, cleanup: async () => {} }) },
  ...(testEnv.DATABASE_URL ? [{ name: 'PostgreSQL', url: () => freshPostgres('agency') }] : []),
];

export interface Harness {
  store: AgencyStore;
  settings: AgencySettings & { clock: Date | null };
  run: <T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    viewer?: Viewer | null,
  ) => Promise<ExecutionResult<T>>;
  /** Runs and fails on any error. */
  ok: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer | null) => Promise<T>;
  /** Delivers an event to the handler of its type, in a transaction (as the consumer does). */
  deliver: (type: string, data: object, id?: string) => Promise<void>;
  /** The events recorded in the outbox so far. */
  outbox: () => Promise<{ type: string; data: Record<string, unknown> }[]>;
  close: () => Promise<void>;
}

export async function openHarness(target: StoreTarget): Promise<Harness> {
  const database = await target.url();
  const logger = testLogger('agency');
  const store = await openPostgres({ url: database.url, schema, migrationsFolder, logger });
  const settings: Harness['settings'] = {
    webAdminUrl: 'http://admin.test',
    logInvitationLinks: false,
    clock: null,
    now: () => settings.clock ?? new Date(),
  };
  const run = createExecutor(store, settings, logger);
  return {
    store,
    settings,
    run,
    ok: async <T>(query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) => {
      const result = await run<T>(query, variables, viewer);
      if (result.errors?.length)
        throw new Error(`GraphQL errors: ${result.errors.map((e) => `${e.message} (${String(e.extensions?.code)})`).join('; ')}`);
      return result.data as T;
    },
    deliver: async (type, data, id = randomUUID()) => {
      const handler = eventHandlers[type];
      if (!handler) throw new Error(`no handler for ${type}`);
      const event: DomainEvent = { id, type, source: 'test', occurredAt: new Date().toISOString(), data: data as Record<string, unknown> };
      await store.db.transaction(async (tx) => handler(event, tx));
    },
    outbox: async () => {
      const rows = await store.db.select().from(schema.eventOutbox).orderBy(schema.eventOutbox.seq);
      return rows.map((row) => ({ type: row.type, data: row.data as Record<string, unknown> }));
    },
    close: async () => {
      await store.close();
      await database.cleanup();
    },
  };
}

export const user = (roles: string[] = ['CUSTOMER'], scopes: string[] = []): Viewer => ({
  id: randomUUID(),
  roles,
  scopes,
  clientId: 'web-admin',
  sessionId: null,
});
export const admin = (): Viewer => user(['ADMIN'], ['admin:agencies']);

/** The code of the first error, or undefined. */
export const codeOf = (result: Pick<ExecutionResult, 'errors'>) => result.errors?.[0]?.extensions?.code;
