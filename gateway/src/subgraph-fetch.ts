import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_IDENTITY_HEADER, type Logger } from '@market/kit';
import { GraphQLError } from 'graphql';
import type { Histogram } from 'prom-client';
import { fetch as undiciFetch, type Agent } from 'undici';
import type { Identity } from './auth';

/** What the gateway knows about the incoming request when it calls subgraphs. */
export interface GatewayContext {
  requestId: string;
  /** Whom the rate limits count against (see rate-limits.ts); absent for gateway-initiated calls. */
  principal?: string;
  /** The caller, from a verified access token; absent when anonymous. */
  identity?: Identity;
  /** The gateway-signed identity (anonymous callers too) every subgraph fetch carries in `x-gateway-identity`. */
  identityToken?: string;
}

/** extensions.code of the error a client sees when a subgraph did not answer. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

export interface SubgraphFetchOptions {
  name: string;
  url: string;
  timeoutMs: number;
  agent: Agent;
  latency: Histogram<'subgraph' | 'outcome'>;
  logger: Logger;
}

/** The reason a fetch failed, in words a client may read (no URLs, no stack). */
function describeFailure(error: unknown, timeoutMs: number): { reason: string; outcome: 'timeout' | 'unreachable' } | undefined {
  if (!(error instanceof Error)) return undefined;
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return { reason: `did not answer within ${timeoutMs} ms`, outcome: 'timeout' };
  const cause = error.cause;
  const code = cause instanceof Error && 'code' in cause ? String(cause.code) : undefined;
  if (error.name === 'TypeError' && error.message === 'fetch failed') {
    return {
      reason:
        code === 'ECONNREFUSED'
          ? 'is not running (connection refused)'
          : `could not be reached (${code ?? cause?.toString() ?? 'network error'})`,
      outcome: 'unreachable',
    };
  }
  return undefined;
}

/**
 * One subgraph as the query planner sees it: undici keep-alive connections,
 * a hard per-fetch deadline (so a hung or stopped subgraph costs at most
 * SUBGRAPH_TIMEOUT_MS and the rest of the response still arrives), the
 * request id and the gateway-signed identity of the caller forwarded (never the
 * client's own access token), latency measured.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly options: SubgraphFetchOptions;

  constructor(options: SubgraphFetchOptions) {
    super({ url: options.url });
    this.options = options;
    const { name, agent, latency, timeoutMs } = options;
    const fetcher: Fetcher = async (url, init) => {
      const started = performance.now();
      let outcome = 'error';
      try {
        const response = await undiciFetch(url, { ...init, dispatcher: agent, signal: AbortSignal.timeout(timeoutMs) });
        // Read the body inside the deadline too: a subgraph that stalls mid-body is as hung as one that never answers.
        const body = await response.arrayBuffer();
        outcome = response.ok ? 'ok' : 'error';
        return new Response(body, {
          status: response.status,
          statusText: response.statusText,
          headers: Object.fromEntries(response.headers),
        });
      } catch (error) {
        outcome = describeFailure(error, timeoutMs)?.outcome ?? 'error';
        throw error;
      } finally {
        latency.observe({ subgraph: name, outcome }, (performance.now() - started) / 1000);
      }
    };
    this.fetcher = fetcher;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // Health checks and other gateway-initiated calls have no incoming request.
    if (typeof context.requestId === 'string') headers.set('x-request-id', context.requestId);
    if (typeof context.identityToken === 'string') headers.set(GATEWAY_IDENTITY_HEADER, context.identityToken);
  }

  override didEncounterError(error: Error): void {
    const failure = describeFailure(error, this.options.timeoutMs);
    const { name } = this.options;
    if (failure) {
      this.options.logger.warn({ subgraph: name, reason: failure.reason }, 'subgraph fetch failed');
      throw new GraphQLError(`The ${name} subgraph ${failure.reason}; its fields are missing from this response`, {
        extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: name },
      });
    }
    // HTTP errors and bad bodies: keep Apollo's error but say which subgraph it came from.
    if ('extensions' in error && typeof error.extensions === 'object' && error.extensions !== null) {
      Object.assign(error.extensions, { serviceName: name });
    }
    throw error;
  }
}
