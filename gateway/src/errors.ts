import { createErrorFormatter, type Logger } from '@market/kit';
import type { GraphQLFormattedError } from 'graphql';
import { NOT_IN_SAFELIST } from './persisted-operations';
import { SUBGRAPH_UNAVAILABLE } from './subgraph-fetch';

/**
 * Errors the gateway itself produces about subgraphs are safe to show (they name
 * the subgraph, never its URL); the rest goes through the platform's masking.
 */
export function gatewayErrorFormatter(logger: Logger, exposeInternals: boolean) {
  const platform = createErrorFormatter(logger, exposeInternals);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (code === SUBGRAPH_UNAVAILABLE || code === 'DOWNSTREAM_SERVICE_ERROR' || code === NOT_IN_SAFELIST) return formatted;
    // The query planner's verdict on the client's operation (e.g. `Unknown operation named "X"`), or the null a
    // missing subgraph leaves bubbling up a non-null field: about the request, not an internal failure.
    if (code === 'INVALID_GRAPHQL') return formatted;
    return platform(formatted, error);
  };
}
