import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from '../subgraph-fetch';

/**
 * Entity fetches of subscription events that arrive together, made as one `_entities` fetch per subgraph.
 *
 * Each event's `rest` plan runs through Apollo's own executor (so result shaping, null propagation and error paths
 * are Apollo's); this wrapper around the gateway's data source for a subgraph holds every `_entities` fetch issued
 * within a short window, joins those with the same operation, variables and caller identity into one fetch with
 * the representations concatenated, and hands each caller its slice of `_entities` (errors re-indexed). Fetches of
 * different callers are never joined: a subgraph answers for the identity the fetch carries.
 */

interface Waiting {
  representations: unknown[];
  resolve: (response: GatewayGraphQLResponse) => void;
  reject: (error: unknown) => void;
}

interface Batch {
  options: GraphQLDataSourceProcessOptions<GatewayContext>;
  variables: Record<string, unknown>;
  waiting: Waiting[];
}

export interface EntityBatcherOptions {
  /** How long the first fetch of a batch waits for others (0: until the end of the current macrotask). */
  windowMs: number;
  /** Called with the number of fetches joined into each fetch made (tests and metrics). */
  onFlush?: (subgraph: string, joined: number) => void;
}

type EntitiesData = { _entities?: unknown[] } | null | undefined;

export function batchingDataSource(
  name: string,
  inner: GraphQLDataSource<GatewayContext>,
  options: EntityBatcherOptions,
): GraphQLDataSource<GatewayContext> {
  const batches = new Map<string, Batch>();

  const flush = (key: string) => {
    const batch = batches.get(key);
    batches.delete(key);
    if (!batch) return;
    options.onFlush?.(name, batch.waiting.length);
    const representations = batch.waiting.flatMap((w) => w.representations);
    const request = { ...batch.options.request, variables: { ...batch.variables, representations } };
    inner.process({ ...batch.options, request }).then(
      (response) => {
        const entities = (response.data as EntitiesData)?._entities;
        let offset = 0;
        for (const waiting of batch.waiting) {
          const start = offset;
          const count = waiting.representations.length;
          offset += count;
          const errors: GraphQLFormattedError[] = [];
          for (const error of response.errors ?? []) {
            const index = error.path?.[0] === '_entities' ? error.path[1] : undefined;
            if (typeof index !== 'number') errors.push(error);
            else if (index >= start && index < start + count)
              errors.push({ ...error, path: ['_entities', index - start, ...(error.path?.slice(2) ?? [])] });
          }
          waiting.resolve({
            ...response,
            data: Array.isArray(entities) ? { ...response.data, _entities: entities.slice(start, start + count) } : response.data,
            ...(errors.length > 0 ? { errors } : { errors: undefined }),
          });
        }
      },
      (error: unknown) => {
        for (const waiting of batch.waiting) waiting.reject(error);
      },
    );
  };

  return {
    process(processOptions) {
      const { request, context } = processOptions;
      const { representations, ...variables } = request.variables ?? {};
      // Only entity fetches of subscription events are joined; anything else goes through as it is.
      if (!Array.isArray(representations) || !('subscriptionEvent' in context)) return inner.process(processOptions);
      const key = JSON.stringify([request.query, request.operationName ?? null, variables, context.identityToken ?? null]);
      let batch = batches.get(key);
      if (!batch) {
        batch = { options: processOptions, variables, waiting: [] };
        batches.set(key, batch);
        if (options.windowMs > 0) setTimeout(() => flush(key), options.windowMs);
        else setImmediate(() => flush(key));
      }
      const waiting = batch.waiting;
      return new Promise<GatewayGraphQLResponse>((resolve, reject) => waiting.push({ representations, resolve, reject }));
    },
  };
}
