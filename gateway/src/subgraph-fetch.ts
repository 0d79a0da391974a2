import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GATEWAY_IDENTITY_HEADER, type Logger } from '@market/kit';
import {
  BrokenCircuitError,
  circuitBreaker,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { GraphQLError } from 'graphql';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { STATUS_CODES } from 'node:http';
import type { Agent } from 'undici';
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
  /**
   * Everything a subgraph's answer to a query may depend on about the caller (user, client, session, roles, scopes):
   * identical queries in flight with the same scope share one subgraph fetch.
   */
  dedupeScope?: string;
}

/** extensions.code of the error a client sees when a subgraph did not answer. */
export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

type Fetcher = RemoteGraphQLDataSource['fetcher'];
type FetcherResponse = Awaited<ReturnType<Fetcher>>;

export interface SubgraphFetchOptions {
  name: string;
  url: string;
  timeoutMs: number;
  agent: Agent;
  latency: Histogram<'subgraph' | 'outcome'>;
  logger: Logger;
  /** Extra attempts for queries (never mutations) whose connection failed; 0 disables retries. */
  retries?: number;
  /** Consecutive failed fetches (unreachable or timed out) that open the circuit; 0 disables the breaker. */
  breakerThreshold?: number;
  /** How long an open circuit fails fast before one trial fetch is let through. */
  breakerResetMs?: number;
  /** 1 while the subgraph's circuit is open. */
  circuitOpen?: Gauge<'subgraph'>;
  /** Share identical query fetches in flight at once (same subgraph, body and caller scope). */
  dedupe?: boolean;
  /** Counts fetches answered by a shared in-flight one. */
  deduplicated?: Counter<'subgraph'>;
}

/** Internal: carries the caller scope from willSendRequest to the fetcher; removed before sending. */
const DEDUPE_HEADER = 'x-gateway-dedupe-scope';

interface BufferedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A subgraph's answer, read whole, as Apollo's data source reads it (status, headers.get, json, text). Several
 * deduplicated fetches may each get one over the same buffered answer.
 */
class SubgraphResponse implements FetcherResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  #headers: Headers | undefined;

  constructor(
    readonly url: string,
    private readonly buffered: BufferedResponse,
  ) {}

  get status() {
    return this.buffered.status;
  }
  get ok() {
    return this.buffered.status >= 200 && this.buffered.status < 300;
  }
  get statusText() {
    return STATUS_CODES[this.buffered.status] ?? '';
  }
  get headers(): Headers {
    if (!this.#headers) {
      const headers = new Headers();
      for (const [name, value] of Object.entries(this.buffered.headers)) {
        if (Array.isArray(value)) for (const one of value) headers.append(name, one);
        else if (value !== undefined) headers.set(name, value);
      }
      this.#headers = headers;
    }
    return this.#headers;
  }
  text() {
    return Promise.resolve(this.buffered.body);
  }
  json() {
    return Promise.resolve().then(() => JSON.parse(this.buffered.body) as unknown);
  }
  arrayBuffer() {
    return Promise.resolve(new TextEncoder().encode(this.buffered.body).buffer);
  }
  clone() {
    return new SubgraphResponse(this.url, this.buffered);
  }
}

/** The code of a system or undici error of undici's request API (nothing usable came back). */
function connectionErrorCode(error: Error): string | undefined {
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  return code && (/^E[A-Z]+$/.test(code) || code.startsWith('UND_ERR_')) ? code : undefined;
}

/** undici's own deadlines, and the abort of our per-fetch deadline: the subgraph did not answer in time. */
const TIMEOUT_CODES = new Set(['UND_ERR_ABORTED', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The first word of the operation a fetch carries: only queries are retried. */
function isQuery(body: unknown): boolean {
  if (typeof body !== 'string') return false;
  const match = /"query"\s*:\s*"\s*(\w+)/.exec(body);
  const keyword = match?.[1];
  return keyword === 'query' || (keyword !== undefined && keyword !== 'mutation' && keyword !== 'subscription');
}

/** The reason a fetch failed, in words a client may read (no URLs, no stack). */
function describeFailure(
  error: unknown,
  timeoutMs: number,
): { reason: string; outcome: 'timeout' | 'unreachable' | 'circuit_open' } | undefined {
  if (error instanceof BrokenCircuitError) {
    return { reason: 'failed repeatedly, so calls to it are paused for a few seconds (circuit open)', outcome: 'circuit_open' };
  }
  if (!(error instanceof Error)) return undefined;
  const code = connectionErrorCode(error);
  if (error.name === 'TimeoutError' || error.name === 'AbortError' || (code && TIMEOUT_CODES.has(code)))
    return { reason: `did not answer within ${timeoutMs} ms`, outcome: 'timeout' };
  if (code === undefined) return undefined;
  return {
    reason: code === 'ECONNREFUSED' ? 'is not running (connection refused)' : `could not be reached (${code})`,
    outcome: 'unreachable',
  };
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
    const { name, agent, latency, timeoutMs, logger } = options;
    const failed = (error: unknown) => {
      const outcome = describeFailure(error, timeoutMs)?.outcome;
      return outcome === 'unreachable' || outcome === 'timeout';
    };
    // Retries: only when the connection failed (nothing reached the subgraph, or it reset), never after a
    // timeout (the deadline is spent) and never for mutations (not idempotent).
    const retrying: RetryPolicy | undefined = options.retries
      ? retry(
          handleWhen((error) => describeFailure(error, timeoutMs)?.outcome === 'unreachable'),
          { maxAttempts: options.retries, backoff: new ExponentialBackoff({ initialDelay: 25, maxDelay: 200 }) },
        )
      : undefined;
    const breaker: CircuitBreakerPolicy | undefined = options.breakerThreshold
      ? circuitBreaker(handleWhen(failed), {
          halfOpenAfter: options.breakerResetMs ?? 5_000,
          breaker: new ConsecutiveBreaker(options.breakerThreshold),
        })
      : undefined;
    breaker?.onStateChange((state) => {
      const open = state === CircuitState.Open || state === CircuitState.Isolated;
      options.circuitOpen?.set({ subgraph: name }, open ? 1 : 0);
      if (state === CircuitState.Open) logger.warn({ subgraph: name }, 'subgraph circuit opened: failing fast');
      if (state === CircuitState.Closed) logger.info({ subgraph: name }, 'subgraph circuit closed');
    });

    // undici's request API, not fetch: the WHATWG layers (Request, Response, streams) cost more CPU than the call.
    let target: { url: string; origin: string; path: string } | undefined;
    const fetchOnce = async (url: string, init: Parameters<Fetcher>[1], signal: AbortSignal): Promise<BufferedResponse> => {
      const started = performance.now();
      let outcome = 'error';
      try {
        if (target?.url !== url) {
          const parsed = new URL(url);
          target = { url, origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
        }
        const response = await agent.request({
          origin: target.origin,
          path: target.path,
          method: init?.method ?? 'POST',
          headers: init?.headers,
          body: init?.body,
          signal,
        });
        // Read the body inside the deadline too: a subgraph that stalls mid-body is as hung as one that never answers.
        const body = await response.body.text();
        outcome = response.statusCode >= 200 && response.statusCode < 300 ? 'ok' : 'error';
        return { status: response.statusCode, headers: response.headers, body };
      } catch (error) {
        outcome = describeFailure(error, timeoutMs)?.outcome ?? 'error';
        throw error;
      } finally {
        latency.observe({ subgraph: name, outcome }, (performance.now() - started) / 1000);
      }
    };
    const send = (url: string, init: Parameters<Fetcher>[1]): Promise<BufferedResponse> => {
      // One deadline for every attempt of this fetch.
      const signal = AbortSignal.timeout(timeoutMs);
      const attempt = () =>
        retrying && isQuery(init?.body) ? retrying.execute(() => fetchOnce(url, init, signal)) : fetchOnce(url, init, signal);
      return breaker ? breaker.execute(attempt) : attempt();
    };
    /** Identical query fetches in flight at once, by URL, caller scope and body: one request upstream, shared. */
    const inflight = new Map<string, Promise<BufferedResponse>>();
    const fetcher: Fetcher = async (url, init) => {
      const headers = { ...init?.headers };
      const scope = headers[DEDUPE_HEADER];
      delete headers[DEDUPE_HEADER];
      const request = { ...init, headers };
      let buffered: BufferedResponse;
      if (options.dedupe && scope !== undefined && isQuery(init?.body)) {
        const key = `${url}\n${scope}\n${String(init?.body)}`;
        let shared = inflight.get(key);
        if (shared) {
          options.deduplicated?.inc({ subgraph: name });
        } else {
          shared = send(url, request);
          inflight.set(key, shared);
          const forget = () => inflight.delete(key);
          shared.then(forget, forget);
        }
        buffered = await shared;
      } else {
        buffered = await send(url, request);
      }
      return new SubgraphResponse(url, buffered);
    };
    this.fetcher = fetcher;
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    if (!headers) return;
    // Health checks and other gateway-initiated calls have no incoming request.
    if (typeof context.requestId === 'string') headers.set('x-request-id', context.requestId);
    if (typeof context.identityToken === 'string') headers.set(GATEWAY_IDENTITY_HEADER, context.identityToken);
    // Who the answer is for (never sent upstream): identical queries for the same caller scope may share a fetch.
    if (typeof context.dedupeScope === 'string') headers.set(DEDUPE_HEADER, context.dedupeScope);
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
