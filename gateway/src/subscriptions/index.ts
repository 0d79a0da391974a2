import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { GraphQLDataSource, ServiceMap } from '@apollo/gateway';
import { ErrorCode, type IdentityClaims, type Logger } from '@market/kit';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  OperationTypeNode,
  parse,
  print,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { Context, SubscribePayload } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import { WebSocketServer, type WebSocket } from 'ws';
import { InvalidTokenError, KeysUnavailableError, type AccessTokenVerifier, type Identity } from '../auth';
import { authorizeOperation, unauthorizedError, type AuthorizationRules } from '../authorization';
import { NOT_IN_SAFELIST, type PersistedOperations } from '../persisted-operations';
import { identityPrincipal, principalOf, tierOf, type RateLimitRefusal, type RateLimits } from '../rate-limits';
import type { GatewayContext } from '../subgraph-fetch';
import { batchingDataSource } from './entity-batcher';
import { SubscriptionHub, type HubMetrics, type PreparedSubscription, type SubscriptionListener } from './hub';
import { SubscriptionPlanner } from './planner';
import { UpstreamSocket } from './upstream';

/**
 * Federated subscriptions on the gateway's /graphql over graphql-ws (see README "Subscriptions"): the client's
 * access token is verified in `connection_init` as on HTTP, every subscribe goes through the HTTP edge policies
 * (safelist, rate limits, operation limits, authorization directives), is planned with the query planner, and
 * joins the shared upstream subscription of identical subscriptions (hub.ts).
 */

/** Close code when the access token expired without renewal (or a renewal was not valid). */
export const CLOSE_TOKEN_EXPIRED = 4401;
/** Close code when a renewal names another user than the one the socket was opened for. */
export const CLOSE_IDENTITY_CHANGED = 4403;
/** Close code when too many refused tokens came from the caller's IP. */
export const CLOSE_RATE_LIMITED = 4429;
/** Close code when SSO's keys cannot be fetched (retry later). */
export const CLOSE_TRY_AGAIN = 1013;

export interface SubscriptionSettings {
  corsOrigins: readonly string[];
  trustProxy: boolean;
  /** Safelist, rate limits, operation limits and authorization (EDGE_POLICIES). */
  policies: boolean;
  safelist: boolean;
  maxTokens: number;
  fieldSuggestions: boolean;
  dedupe: boolean;
  giveUpMs: number;
  batchWindowMs: number;
  /** WebSocket ping interval per client socket (12 s pings were 833 writes/s at 10,000 sockets). */
  keepAliveMs: number;
}

export interface GatewaySubscriptionsOptions {
  settings: SubscriptionSettings;
  logger: Logger;
  metrics: HubMetrics & { authorizationRefusals: { inc(labels: { code: string }): void } };
  accessTokens: AccessTokenVerifier;
  limiter: RateLimits;
  validationRules: readonly ValidationRule[];
  rules: () => AuthorizationRules;
  persisted: PersistedOperations;
  /** Signs (and caches) gateway identities. */
  identityToken: (claims: Omit<IdentityClaims, 'requestId'>) => Promise<string>;
  /** The gateway's data source for a subgraph (the same instances its queries use). */
  dataSource: (name: string) => GraphQLDataSource<GatewayContext> | undefined;
  /** The routing URL of a subgraph of the served supergraph. */
  subgraphUrl: (name: string) => string | undefined;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  /** Called with the number of entity fetches joined into each batched fetch. */
  onBatch?: (subgraph: string, joined: number) => void;
}

export interface GatewaySubscriptions {
  /** The supergraph Apollo's gateway (re)loaded. */
  setSupergraph(apiSchema: GraphQLSchema, coreSupergraphSdl: string): void;
  /** Accepts graphql-ws upgrades on /graphql of this server. */
  attach(server: Server): void;
  /** Distinct upstream subscriptions. */
  upstreamCount(): number;
  close(): Promise<void>;
}

interface Connection {
  identity: Identity | undefined;
  ipPrincipal: string;
  userAgent: string | undefined;
  expiry: NodeJS.Timeout | undefined;
}

type Ctx = Context<Record<string, unknown> | undefined, Extra & Partial<{ connection: Connection }>>;

const code = (message: string, extensionCode: string, extra: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { ...extra, code: extensionCode } });

const rateLimited = (refusal: RateLimitRefusal) =>
  code(`Rate limit exceeded (${refusal.budget} budget); retry in ${refusal.retryAfterS} s`, ErrorCode.RATE_LIMITED, {
    budget: refusal.budget,
    retryAfter: refusal.retryAfterS,
  });

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** JSON with sorted keys: equal variables give equal keys whatever the order the client wrote them in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** The value of `authorization`/`Authorization` in a graphql-ws payload. */
function authorizationOf(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const record = payload as Record<string, unknown>;
  const value = record.authorization ?? record.Authorization;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** When the access token stops being valid (ms since epoch), from its `exp`. */
function expiryOf(authorization: string): number | undefined {
  try {
    const exp = decodeJwt(authorization.replace(/^Bearer +/i, '')).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

export function createGatewaySubscriptions(options: GatewaySubscriptionsOptions): GatewaySubscriptions {
  const { settings, limiter } = options;
  const logger = options.logger.child({ component: 'subscriptions' });
  let served: { planner: SubscriptionPlanner; schema: GraphQLSchema } | undefined;
  const sockets = new Map<string, UpstreamSocket>();
  const batching = new Map<string, GraphQLDataSource<GatewayContext>>();

  const hub = new SubscriptionHub({
    logger,
    metrics: options.metrics,
    formatError: options.formatError,
    socketFor: (subgraph) => {
      const url = options.subgraphUrl(subgraph) ?? '';
      const key = `${subgraph} ${url}`;
      let socket = sockets.get(key);
      if (!socket) {
        socket = new UpstreamSocket({
          subgraph,
          url,
          logger,
          giveUpMs: settings.giveUpMs,
          serviceToken: () => options.identityToken({ roles: [], scopes: [], clientId: 'gateway' }),
        });
        sockets.set(key, socket);
      }
      return socket;
    },
    dataSources: () => {
      const map: ServiceMap = {};
      for (const name of served?.planner.subgraphNames ?? []) {
        const inner = options.dataSource(name);
        if (!inner) continue;
        let wrapped = batching.get(name);
        if (!wrapped) {
          wrapped = batchingDataSource(name, inner, { windowMs: settings.batchWindowMs, onFlush: options.onBatch });
          batching.set(name, wrapped);
        }
        map[name] = wrapped;
      }
      return map;
    },
  });

  /** Verifies a client's access token as HTTP does; closes the socket and returns false when it is refused. */
  const verify = async (ctx: Ctx, authorization: string | undefined, ipPrincipal: string): Promise<Identity | undefined | false> => {
    const socket = ctx.extra.socket;
    try {
      return await options.accessTokens.verify(authorization);
    } catch (error) {
      if (error instanceof KeysUnavailableError) {
        logger.warn({ err: error.cause }, 'cannot fetch the SSO keys to verify an access token');
        socket.close(CLOSE_TRY_AGAIN, 'Access tokens cannot be verified right now; retry shortly');
        return false;
      }
      if (!(error instanceof InvalidTokenError)) throw error;
      // Refused tokens count against the caller's IP, as on HTTP.
      const refusal = await limiter.checkRequest(ipPrincipal);
      if (refusal) socket.close(CLOSE_RATE_LIMITED, `Rate limit exceeded; retry in ${refusal.retryAfterS} s`);
      else socket.close(CLOSE_TOKEN_EXPIRED, `Unauthorized: ${error.message}`.slice(0, 120));
      return false;
    }
  };

  /** (Re)arms the close at the token's expiry. */
  const armExpiry = (ctx: Ctx, connection: Connection, authorization: string | undefined) => {
    clearTimeout(connection.expiry);
    connection.expiry = undefined;
    const expiresAt = authorization ? expiryOf(authorization) : undefined;
    if (expiresAt === undefined) return;
    connection.expiry = setTimeout(
      () => ctx.extra.socket.close(CLOSE_TOKEN_EXPIRED, 'Unauthorized: access token expired'),
      Math.max(0, Math.min(expiresAt - Date.now(), 2 ** 31 - 1)),
    );
  };

  const prepare = async (ctx: Ctx, payload: SubscribePayload): Promise<PreparedSubscription | readonly GraphQLError[]> => {
    const connection = ctx.extra.connection;
    if (!connection) return [code('The connection is not initialised', 'UNAUTHENTICATED')];
    const current = served;
    if (!current) return [code('No supergraph is loaded yet; retry shortly', 'SERVICE_UNAVAILABLE')];
    const { identity } = connection;
    const principal = identity ? identityPrincipal(identity) : connection.ipPrincipal;

    // Persisted operations: by hash (the apps' manifest), the body checked against the hash when both are sent.
    const persistedQuery: unknown = payload.extensions?.persistedQuery;
    const sha256Hash =
      persistedQuery && typeof persistedQuery === 'object' && 'sha256Hash' in persistedQuery ? persistedQuery.sha256Hash : undefined;
    const hash = typeof sha256Hash === 'string' ? sha256Hash : undefined;
    let query = typeof payload.query === 'string' && payload.query ? payload.query : undefined;
    if (hash) {
      if (query && sha256(query) !== hash) return [code('The persisted query hash does not match the query', 'BAD_REQUEST')];
      query ??= options.persisted.bodies.get(hash);
      if (!query) return [code('PersistedQueryNotFound', 'PERSISTED_QUERY_NOT_FOUND')];
    }
    if (!query) return [code('A subscribe message needs a query (or a persisted query hash)', 'BAD_REQUEST')];
    if (settings.policies && settings.safelist && !options.persisted.bodies.has(sha256(query))) {
      return [code('This gateway only runs the registered operations of its apps (safelist); this one is not among them', NOT_IN_SAFELIST)];
    }
    if (settings.policies) {
      const refusal = await limiter.checkRequest(principal, tierOf(identity));
      if (refusal) return [rateLimited(refusal)];
    }

    let document: DocumentNode;
    try {
      document = parse(query, settings.policies ? { maxTokens: settings.maxTokens } : {});
    } catch (error) {
      return [code(error instanceof Error ? error.message : 'Syntax error', 'GRAPHQL_PARSE_FAILED')];
    }
    const rules = settings.policies ? [...specifiedRules, ...options.validationRules] : specifiedRules;
    const invalid = validate(current.schema, document, rules);
    if (invalid.length > 0) {
      return invalid.map((error) =>
        code(settings.fieldSuggestions ? error.message : error.message.replace(SUGGESTION, ''), 'GRAPHQL_VALIDATION_FAILED', {
          ...error.extensions,
        }),
      );
    }
    const operationName = payload.operationName ?? undefined;
    const operation = getOperationAST(document, operationName);
    if (!operation) return [code('Unable to identify the operation to run (name it with operationName)', 'BAD_REQUEST')];
    if (operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return [code('Only subscriptions are served over WebSocket; send queries and mutations over HTTP', 'BAD_REQUEST')];
    }
    const coerced = getVariableValues(current.schema, operation.variableDefinitions ?? [], payload.variables ?? {});
    if (coerced.errors) return coerced.errors.map((error) => code(error.message, ErrorCode.BAD_USER_INPUT));
    const variables = coerced.coerced;

    if (settings.policies) {
      // The cost and mutation budgets as on HTTP (the rate-limit plugin's own hook, so the rules are the same).
      const hooks = await limiter.plugin.requestDidStart?.({} as never);
      try {
        await hooks?.didResolveOperation?.({
          contextValue: { principal, identity, requestId: '' },
          document,
          operation,
          schema: current.schema,
        } as never);
      } catch (error) {
        if (error instanceof GraphQLError)
          return [
            code(error.message, String(error.extensions.code), {
              budget: error.extensions.budget,
              retryAfter: error.extensions.retryAfter,
            }),
          ];
        throw error;
      }
    }

    const authorized = settings.policies
      ? authorizeOperation({ schema: current.schema, rules: options.rules(), document, operationName, identity })
      : { document, removed: [], nothingLeft: false };
    for (const { code: refused } of authorized.removed) options.metrics.authorizationRefusals.inc({ code: refused });
    // A refused root field refuses the subscription: there would be nothing to send.
    const refusedRoots = authorized.removed.filter((removed) => removed.path.length === 1);
    if (authorized.nothingLeft || refusedRoots.length > 0)
      return refusedRoots.map(({ code: refused, path }) => unauthorizedError(refused, path));

    const printed = print(authorized.document);
    let plan;
    try {
      plan = current.planner.plan(`${sha256(printed)}:${operationName ?? ''}`, authorized.document, operationName);
    } catch (error) {
      return [code(error instanceof Error ? error.message : 'The operation cannot be planned', 'INVALID_GRAPHQL')];
    }
    const authorizationContext = identity
      ? [identity.sub ?? null, [...identity.roles].sort(), [...identity.scopes].sort(), identity.clientId ?? null]
      : 'anonymous';
    const shared = JSON.stringify([sha256(printed), operationName ?? null, stableJson(variables), authorizationContext]);
    const claims: Omit<IdentityClaims, 'requestId'> = {
      sub: identity?.sub,
      roles: identity?.roles ?? [],
      scopes: identity?.scopes ?? [],
      clientId: identity?.clientId,
      sessionId: identity?.sessionId,
      ip: connection.ipPrincipal.slice('ip:'.length),
      userAgent: connection.userAgent,
    };
    return {
      // Without dedupe (benchmark baseline) every client subscription gets its own upstream.
      key: settings.dedupe ? shared : `${shared}:${Math.random()}`,
      document: authorized.document,
      operationName,
      variables,
      removed: authorized.removed,
      plan,
      planner: current.planner,
      schema: current.schema,
      context: {
        principal,
        ...(identity ? { identity } : {}),
        dedupeScope: JSON.stringify(authorizationContext),
      },
      identityToken: () => options.identityToken(claims),
    };
  };

  const wss = new WebSocketServer({ noServer: true });
  const server = useServer<Record<string, unknown> | undefined, { connection: Connection }>(
    {
      onConnect: async (ctx) => {
        const request = ctx.extra.request;
        const ipPrincipal = principalOf(request, settings.trustProxy);
        const authorization = authorizationOf(ctx.connectionParams);
        const identity = await verify(ctx, authorization, ipPrincipal);
        if (identity === false) return false;
        const connection: Connection = { identity, ipPrincipal, userAgent: request.headers['user-agent'], expiry: undefined };
        ctx.extra.connection = connection;
        armExpiry(ctx, connection, authorization);
        return true;
      },
      // Token renewal: `{"type":"ping","payload":{"authorization":"Bearer <fresh token>"}}`.
      onPing: async (ctx, payload) => {
        const connection = ctx.extra.connection;
        const authorization = authorizationOf(payload);
        if (!connection || !authorization) return;
        const renewed = await verify(ctx, authorization, connection.ipPrincipal);
        if (renewed === false) return;
        const before = connection.identity;
        if (!renewed || !before || renewed.sub !== before.sub || renewed.clientId !== before.clientId) {
          ctx.extra.socket.close(CLOSE_IDENTITY_CHANGED, 'Forbidden: a renewed token must be for the same user and app');
          return;
        }
        armExpiry(ctx, connection, authorization);
      },
      onClose: (ctx) => {
        clearTimeout(ctx.extra.connection?.expiry);
      },
      onSubscribe: async (ctx, id, payload) => {
        const prepared = await prepare(ctx, payload);
        if (Array.isArray(prepared)) return prepared as readonly GraphQLError[];
        const subscription = prepared as PreparedSubscription;
        const target: ClientTarget = { subscription, socket: ctx.extra.socket, id };
        const args: ExecutionArgs = {
          schema: subscription.schema,
          document: subscription.document,
          operationName: subscription.operationName,
          variableValues: subscription.variables,
          contextValue: target,
        };
        return args;
      },
      // The stream writes its (already formatted) results itself: see clientStream.
      subscribe: (args) => clientStream(hub, args.contextValue as ClientTarget),
    },
    wss,
    settings.keepAliveMs,
  );

  const allowed = new Set(settings.corsOrigins);
  const attached: Server[] = [];
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') return refuse('404 Not Found');
    // Browsers always send Origin on a WebSocket handshake: the same origins as HTTP CORS (others have no Origin).
    const origin = req.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) return refuse('403 Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  let closing: Promise<void> | undefined;
  return {
    setSupergraph(apiSchema, coreSupergraphSdl) {
      try {
        served = { planner: new SubscriptionPlanner(coreSupergraphSdl), schema: apiSchema };
      } catch (error) {
        logger.error({ err: error }, 'cannot plan subscriptions over the new supergraph; keeping the previous one');
      }
    },
    attach(httpServer) {
      httpServer.on('upgrade', onUpgrade);
      attached.push(httpServer);
    },
    upstreamCount: () => hub.upstreamCount,
    close() {
      closing ??= (async () => {
        for (const httpServer of attached) httpServer.off('upgrade', onUpgrade);
        hub.closeAll();
        for (const socket of sockets.values()) socket.close();
        await server.dispose();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closing;
    },
  };
}

/** Bytes waiting in one client's socket before it is considered too slow for its subscriptions. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** Where one client subscription's results go: its socket and the id the client gave the subscription. */
interface ClientTarget {
  subscription: PreparedSubscription;
  socket: WebSocket;
  id: string;
}

/**
 * One client subscription as the async iterator graphql-ws reads. The hub's results are written to the client's
 * socket as graphql-ws `next` messages right here, around the payload the group serialised once (graphql-ws would
 * serialise, validate and await each one per client: most of the gateway's CPU at 10,000 subscribers). The iterator
 * itself yields nothing and ends when the subscription does, so graphql-ws then sends `complete` after the last
 * result; `return()` (the client completed, or its socket closed) leaves the group at once.
 */
function clientStream(hub: SubscriptionHub, { subscription, socket, id }: ClientTarget): AsyncGenerator<never> {
  const prefix = `{"id":${JSON.stringify(id)},"type":"next","payload":`;
  let ended = false;
  let wake: (() => void) | undefined;
  const end = () => {
    ended = true;
    wake?.();
  };
  const write = (json: string) => {
    if (socket.readyState === socket.OPEN) socket.send(`${prefix}${json}}`);
  };
  const listener: SubscriptionListener = {
    next({ json }) {
      if (ended) return;
      // A client that cannot keep up is let go rather than buffered without bound.
      if (socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        write(
          JSON.stringify({
            errors: [{ message: 'This subscription fell too far behind its events and was ended', extensions: { code: 'SLOW_CONSUMER' } }],
          }),
        );
        end();
        return;
      }
      write(json);
    },
    end,
  };
  const leave = hub.join(subscription, listener);
  const done = (): IteratorResult<never> => ({ done: true, value: undefined });
  const stream: AsyncGenerator<never> = {
    async next() {
      while (!ended) await new Promise<void>((resolve) => (wake = resolve));
      leave();
      return done();
    },
    async return() {
      end();
      leave();
      return done();
    },
    async throw(error: unknown) {
      await stream.return(undefined);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return stream;
    },
  };
  return stream;
}
