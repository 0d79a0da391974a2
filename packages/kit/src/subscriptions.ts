import type { Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Logger } from 'pino';
import { createErrorFormatter } from './errors';
import { identityTokenOf, type IdentityVerifier, type Viewer } from './gateway-identity';
import type { SubgraphRequestInfo } from './service';

/**
 * Subscriptions of a subgraph, for the gateway only: graphql-ws on the subgraph's /graphql. The gateway opens one
 * socket per subgraph (its `connection_init` carries a gateway-signed service token in `gatewayIdentity`) and
 * multiplexes every client subscription on it; each `subscribe` carries the caller's gateway-signed identity in
 * `extensions.gatewayIdentity`, which becomes `viewer` in the context the subgraph's own context function builds.
 * Execution is graphql's `subscribe` over the subgraph schema.
 */

/** Where the gateway puts signed identities in graphql-ws messages (connection_init payload, subscribe extensions). */
export const GATEWAY_IDENTITY_EXTENSION = 'gatewayIdentity';

export interface SubgraphSubscriptionsOptions<Ctx> {
  name: string;
  httpServer: Server;
  schema: GraphQLSchema;
  logger: Logger;
  /** The subgraph's context function (the same one its HTTP requests use). */
  context: (info: SubgraphRequestInfo) => Promise<Ctx> | Ctx;
  /** Absent in open development mode: any socket is accepted and every viewer is null. */
  gatewayIdentity?: IdentityVerifier | undefined;
  exposeErrors?: boolean;
  path?: string;
}

export interface SubgraphSubscriptions {
  /** Closes every socket (1001) and stops accepting upgrades. */
  close(): Promise<void>;
}

const unauthenticated = (message: string) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED' } });

export function serveSubgraphSubscriptions<Ctx>(options: SubgraphSubscriptionsOptions<Ctx>): SubgraphSubscriptions {
  const { logger, gatewayIdentity } = options;
  const path = options.path ?? '/graphql';
  const log = logger.child({ component: 'subscriptions' });
  const format = createErrorFormatter(logger, options.exposeErrors ?? false);
  const formatAll = (errors: readonly GraphQLError[]): GraphQLFormattedError[] => errors.map((error) => format(error.toJSON(), error));
  const wss = new WebSocketServer({ noServer: true });
  /** The viewer of each subscription, verified in onSubscribe and read by the context builder. */
  const viewers = new WeakMap<object, Map<string, Viewer | null>>();
  const viewersOf = (ctx: object) => {
    let map = viewers.get(ctx);
    if (!map) viewers.set(ctx, (map = new Map<string, Viewer | null>()));
    return map;
  };

  const server = useServer(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        if (!gatewayIdentity) return true;
        const token = ctx.connectionParams?.[GATEWAY_IDENTITY_EXTENSION];
        try {
          await gatewayIdentity.verify(typeof token === 'string' ? token : undefined);
          return true;
        } catch (error) {
          log.debug({ err: error }, 'refused a subscription socket without a valid gateway token');
          return false;
        }
      },
      onSubscribe: async (ctx, id, payload) => {
        if (!gatewayIdentity) {
          viewersOf(ctx).set(id, null);
          return undefined;
        }
        const token = payload.extensions?.[GATEWAY_IDENTITY_EXTENSION];
        try {
          viewersOf(ctx).set(id, await gatewayIdentity.verify(typeof token === 'string' ? token : undefined));
          return undefined;
        } catch {
          return [unauthenticated('This service answers only subscriptions carrying an identity signed by the gateway')];
        }
      },
      context: async (ctx, id) => {
        const requestId = randomUUID();
        const viewer = viewersOf(ctx).get(id) ?? null;
        return options.context({ requestId, req: ctx.extra.request, logger: log.child({ requestId }), viewer });
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: formatAll(result.errors) } : undefined),
      // Validation errors carry no code; a thrown event stream error does (or is masked).
      onError: (ctx, _id, _payload, errors) =>
        // The gateway went away mid-send: nothing to report to anyone (and not an internal error).
        ctx.extra.socket.readyState !== ctx.extra.socket.OPEN
          ? errors.map((error) => ({ message: error.message }))
          : formatAll(
              errors.map((error) =>
                error.extensions.code || error.originalError
                  ? error
                  : new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }),
              ),
            ),
      onComplete: (ctx, id) => {
        viewers.get(ctx)?.delete(id);
      },
    },
    wss,
  );

  const onUpgrade = (
    req: Parameters<WebSocketServer['handleUpgrade']>[0],
    socket: Parameters<WebSocketServer['handleUpgrade']>[1],
    head: Buffer,
  ) => {
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    if (!gatewayIdentity) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
      return;
    }
    // Locked down: the upgrade itself must carry the gateway's signed token (x-gateway-identity), as HTTP requests do.
    gatewayIdentity.verify(identityTokenOf(req)).then(
      () => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
      () => socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n'),
    );
  };
  options.httpServer.on('upgrade', onUpgrade);
  log.info({ path }, `${options.name} accepts subscriptions over graphql-ws`);

  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        options.httpServer.off('upgrade', onUpgrade);
        await server.dispose();
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closing;
    },
  };
}
