import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ApolloServerPlugin } from '@apollo/server';
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GatewayContext } from './subgraph-fetch';

/**
 * The apps' operations, extracted at build time (`npm run persisted-operations` → gateway/persisted-operations.json,
 * Apollo's persisted query manifest format). The gateway resolves them by hash without the APQ registration
 * round trip, and with SAFELIST=true refuses every operation that is not in the manifest.
 */

const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/),
      name: z.string(),
      type: z.enum(['query', 'mutation', 'subscription']),
      body: z.string(),
    }),
  ),
});

export interface PersistedOperations {
  /** Operation bodies by the sha256 of the body (Apollo Server's queryHash and the APQ hash). */
  bodies: ReadonlyMap<string, string>;
}

/** Reads and checks a manifest: every id must be the sha256 of its body (else a forged entry could smuggle a body). */
export function loadPersistedOperations(path: string): PersistedOperations {
  const parsed = manifestSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} is not an Apollo persisted query manifest: ${parsed.error.issues[0]?.message ?? ''}`);
  const bodies = new Map<string, string>();
  for (const operation of parsed.data.operations) {
    const hash = createHash('sha256').update(operation.body).digest('hex');
    if (hash !== operation.id) throw new Error(`${path}: the id of operation ${operation.name} is not the sha256 of its body`);
    bodies.set(hash, operation.body);
  }
  return { bodies };
}

/** The hash at the end of a cache key (Apollo Server prefixes APQ keys with `apq:`). */
const hashOf = (key: string) => /[0-9a-f]{64}$/.exec(key)?.[0] ?? '';

/** The APQ cache: manifest operations first (never evicted, no registration needed), then the shared cache. */
export function persistedQueryCache(operations: PersistedOperations, fallback: KeyValueCache<string>): KeyValueCache<string> {
  return {
    get: async (key) => operations.bodies.get(hashOf(key)) ?? (await fallback.get(key)),
    set: (key, value, options) => (operations.bodies.has(hashOf(key)) ? Promise.resolve() : fallback.set(key, value, options)),
    delete: (key) => fallback.delete(key),
  };
}

export const NOT_IN_SAFELIST = 'PERSISTED_QUERY_NOT_IN_SAFELIST';

/** Refuses (400) every operation whose body is not in the manifest, before anything is planned or charged. */
export function safelistPlugin(operations: PersistedOperations): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ queryHash }) {
          if (operations.bodies.has(queryHash)) return;
          throw new GraphQLError('This gateway only runs the registered operations of its apps (safelist); this one is not among them', {
            extensions: { code: NOT_IN_SAFELIST, http: { status: 400 } },
          });
        },
      };
    },
  };
}
