import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import { executeApolloHttp, operationMetricsPlugin } from './apollo-http';
import { createErrorFormatter } from './errors';
import { HttpError, sendJson, sendText, withTimeout } from './http';
import { createMetrics, type Metrics } from './metrics';
import { identityTokenOf, type IdentityVerifier, type Viewer } from './gateway-identity';
import { serveSubgraphSubscriptions } from './subscriptions';
import { startTracing, withServerSpan, type TracingConfig } from './tracing';

export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface RunningService {
  name: string;
  /** Base URL, e.g. http://127.0.0.1:3003 */
  url: string;
  port: number;
  httpServer: Server;
  metrics: Metrics;
  /** SQL/store statements run so far, where the service counts them (batching tests read it). */
  queryCount?: () => number;
  stop(): Promise<void>;
}

export interface RequestInfo {
  requestId: string;
  req: IncomingMessage;
  logger: Logger;
}

/** What a subgraph's context builder knows about the request: the viewer the gateway vouched for, or null. */
export interface SubgraphRequestInfo extends RequestInfo {
  viewer: Viewer | null;
}

export interface HttpServiceOptions {
  name: string;
  host: string;
  port: number;
  logger: Logger;
  checks?: ReadinessCheck[];
  /** Application routes; return true when handled. */
  handle: (req: IncomingMessage, res: ServerResponse, info: RequestInfo) => Promise<boolean>;
  /** Called after the HTTP server stopped accepting and drained (close stores here). */
  onStop?: () => Promise<void>;
  metrics?: Metrics;
  /** How long in-flight requests may take to finish on shutdown. */
  drainMs?: number;
  /** OpenTelemetry settings (tracing.ts); off when absent or `none`. */
  tracing?: TracingConfig | undefined;
}

const READY_TIMEOUT_MS = 2_000;

/**
 * An HTTP service with the platform's standard endpoints: /health (alive),
 * /ready (every check passes), /metrics (Prometheus), request ids, access
 * metrics and graceful shutdown (stop accepting, drain, then close stores).
 */
export async function startHttpService(options: HttpServiceOptions): Promise<RunningService> {
  const { name, logger, checks = [] } = options;
  const metrics = options.metrics ?? createMetrics(name);

  const runChecks = async () => {
    const results = await Promise.all(
      checks.map(async ({ name: checkName, check }) => {
        try {
          await withTimeout(check, READY_TIMEOUT_MS, checkName);
          return [checkName, { ok: true }] as const;
        } catch (error) {
          return [checkName, { ok: false, error: error instanceof Error ? error.message : String(error) }] as const;
        }
      }),
    );
    const report: Record<string, { ok: boolean; error?: string }> = {};
    for (const [checkName, result] of results) report[checkName] = result;
    return { ready: results.every(([, r]) => r.ok), checks: report };
  };

  const tracing = options.tracing ? startTracing(name, options.tracing, { logger }) : undefined;
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    const header = req.headers['x-request-id'];
    const requestId = typeof header === 'string' && /^[\w.:-]{1,128}$/.test(header) ? header : randomUUID();
    res.setHeader('x-request-id', requestId);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const route = ['/health', '/ready', '/metrics', '/graphql'].includes(path) ? path : 'other';
    res.on('finish', () => {
      metrics.httpRequests.inc({ route, method: req.method ?? 'GET', status: String(res.statusCode) });
      metrics.httpDuration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
    });
    const reqLogger = logger.child({ requestId });
    const serve = async () => {
      try {
        if (path === '/health') return sendJson(res, 200, { status: 'ok', service: name });
        if (path === '/ready') {
          const report = await runChecks();
          return sendJson(res, report.ready ? 200 : 503, { status: report.ready ? 'ready' : 'not ready', service: name, ...report });
        }
        if (path === '/metrics') {
          return sendText(res, 200, await metrics.registry.metrics(), metrics.registry.contentType);
        }
        if (await options.handle(req, res, { requestId, req, logger: reqLogger })) return;
        sendJson(res, 404, { error: 'not found' });
      } catch (error) {
        if (error instanceof HttpError) {
          if (!res.headersSent) sendJson(res, error.status, { errors: [{ message: error.message, extensions: { code: 'BAD_REQUEST' } }] });
          return;
        }
        reqLogger.error({ err: error }, 'unhandled error in HTTP handler');
        if (!res.headersSent)
          sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
        else res.destroy();
      }
    };
    // Probes stay out of traces; everything else continues the caller's trace when tracing is on.
    if (route === '/health' || route === '/ready' || route === '/metrics') void serve();
    else void withServerSpan(name, req, res, route, serve);
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  logger.info({ port }, `${name} listening`);

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      logger.info(`${name} stopping`);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const drainMs = options.drainMs ?? 5_000;
      const forced = setTimeout(() => server.closeAllConnections(), drainMs);
      await closed;
      clearTimeout(forced);
      await options.onStop?.();
      await tracing?.shutdown();
      logger.info(`${name} stopped`);
    })();
    return stopping;
  };

  return { name, url: `http://${host}:${port}`, port, httpServer: server, metrics, stop };
}

export interface SubgraphOptions<Ctx extends BaseContext> {
  name: string;
  host: string;
  port: number;
  logger: Logger;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<Ctx>;
  /** Builds the per-request context (create DataLoaders here). */
  context: (info: SubgraphRequestInfo) => Promise<Ctx> | Ctx;
  checks?: ReadinessCheck[];
  onStop?: () => Promise<void>;
  /** Show internal error messages to clients (development only). */
  exposeErrors?: boolean;
  introspection?: boolean;
  /** Largest accepted request body in bytes. */
  bodyLimit?: number;
  /** Extra routes served before /graphql (SSO's OIDC endpoints, say). */
  routes?: HttpServiceOptions['handle'];
  plugins?: ApolloServerPlugin<Ctx>[];
  tracing?: TracingConfig | undefined;
  /**
   * Lock-down: /graphql answers only requests carrying a valid gateway-signed identity (401 otherwise);
   * the viewer comes from it. Without it /graphql is open and every viewer is null (development).
   */
  gatewayIdentity?: IdentityVerifier | undefined;
}

export interface RunningSubgraph<Ctx extends BaseContext> extends RunningService {
  apollo: ApolloServer<Ctx>;
}

/** A federated subgraph over HTTP with the platform's standard endpoints. */
export async function startSubgraph<Ctx extends BaseContext>(options: SubgraphOptions<Ctx>): Promise<RunningSubgraph<Ctx>> {
  const { logger, name } = options;
  const metrics = createMetrics(name);
  const schema = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap }]);
  const apollo = new ApolloServer<Ctx>({
    schema,
    formatError: createErrorFormatter(logger, options.exposeErrors ?? false),
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (runMain / the launcher: drain HTTP, then stores); Apollo must not kill the process itself.
    stopOnTerminationSignals: false,
    plugins: [operationMetricsPlugin<Ctx>(metrics), ...(options.plugins ?? [])],
    logger,
  });
  await apollo.start();
  const bodyLimit = options.bodyLimit ?? 1_000_000;

  const service = await startHttpService({
    name,
    host: options.host,
    port: options.port,
    logger,
    checks: options.checks ?? [],
    metrics,
    tracing: options.tracing,
    onStop: async () => {
      await apollo.stop();
      await options.onStop?.();
    },
    handle: async (req, res, info) => {
      if (options.routes && (await options.routes(req, res, info))) return true;
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/graphql') return false;
      let viewer: Viewer | null = null;
      if (options.gatewayIdentity) {
        try {
          viewer = await options.gatewayIdentity.verify(identityTokenOf(req));
        } catch (error) {
          info.logger.debug({ err: error }, 'refused a request without a valid gateway identity');
          const message = 'This service answers only requests signed by the gateway';
          sendJson(res, 401, { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
          return true;
        }
      }
      await executeApolloHttp(apollo, req, res, { bodyLimit, context: async () => options.context({ ...info, viewer }) });
      return true;
    },
  });
  // --- subscriptions (graphql-ws on /graphql), only for a schema with a Subscription root type ---
  const subscriptions = schema.getSubscriptionType()
    ? serveSubgraphSubscriptions({
        name,
        httpServer: service.httpServer,
        schema,
        logger,
        context: options.context,
        gatewayIdentity: options.gatewayIdentity,
        exposeErrors: options.exposeErrors,
      })
    : undefined;
  if (!subscriptions) return { ...service, apollo };
  // Open sockets would hold the HTTP server's close forever: they are closed (1001) first.
  const stop = async () => {
    await subscriptions.close();
    await service.stop();
  };
  return { ...service, apollo, stop };
  // --- end subscriptions ---
}

/**
 * Entry point helper for a service run on its own: starts it, stops it cleanly
 * on SIGINT/SIGTERM, exits non-zero when start-up fails.
 */
export function runMain(start: () => Promise<{ stop(): Promise<void> }>, logger: Logger): void {
  start().then(
    (service) => {
      let signalled = false;
      const shutdown = (signal: NodeJS.Signals) => {
        if (signalled) return;
        signalled = true;
        logger.info({ signal }, 'shutting down');
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'error during shutdown');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'failed to start');
      process.exit(1);
    },
  );
}
