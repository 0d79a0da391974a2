import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BaseContext } from '@apollo/server';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { parse, type DocumentNode } from 'graphql';
import { shouldSeedDemoData } from './env';
import { createLogger, type Logger } from './logger';
import { gatewayIdentityFromEnv, type GatewayIdentityEnv } from './gateway-identity';
import { startSubgraph, type RunningService, type SubgraphOptions, type SubgraphRequestInfo } from './service';
import type { TracingConfig } from './tracing';

/** What a subgraph's store offers the service around it (every adapter has these). */
export interface SubgraphStore {
  /** `postgres`, `pglite`, `mysql`, `mongodb`: names the readiness check. */
  readonly kind: string;
  ping: () => Promise<unknown>;
  close: () => Promise<void>;
}

export interface SubgraphEnv extends GatewayIdentityEnv {
  HOST: string;
  PORT: number;
  LOG_LEVEL: string;
  NODE_ENV: string;
  SEED_DEMO_DATA: boolean | undefined;
  /** OpenTelemetry (commonEnv has them). */
  OTEL_TRACES_EXPORTER?: TracingConfig['OTEL_TRACES_EXPORTER'];
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  OTEL_TRACES_SAMPLER_RATIO?: number;
}

export interface StoredSubgraphOptions<S extends SubgraphStore, Ctx extends BaseContext, B extends BackgroundWork = BackgroundWork> {
  name: string;
  env: SubgraphEnv;
  logger?: Logger | undefined;
  typeDefs: DocumentNode;
  resolvers: object;
  /** Opens the store and applies its migrations. */
  openStore: (logger: Logger) => Promise<S>;
  /** Seeds demo data into an empty store (called only when seeding is allowed). */
  seed: (store: S, logger: Logger) => Promise<unknown>;
  queryCount: (store: S) => number;
  context: (store: S, info: SubgraphRequestInfo) => Ctx;
  routes?: (store: S) => SubgraphOptions<Ctx>['routes'];
  /**
   * Work that runs beside the server for as long as it serves, e.g. the event relay and consumer
   * (`startServiceEvents` of @market/events): started after seeding, stopped before the store closes.
   */
  background?: (store: S, logger: Logger) => Promise<B>;
}

export interface BackgroundWork {
  stop: () => Promise<void>;
}

export interface StoredSubgraph<B extends BackgroundWork = BackgroundWork> extends RunningService {
  queryCount: () => number;
  /** What `background` started (tests use it to wait for events). */
  background?: B | undefined;
}

/** Reads the `schema.graphql` beside a subgraph's `src/` folder. */
export function subgraphTypeDefs(moduleUrl: string): DocumentNode {
  return parse(readFileSync(fileURLToPath(new URL('../schema.graphql', moduleUrl)), 'utf8'));
}

/**
 * The start-up every subgraph shares: open (and migrate) the store, seed demo data
 * on first boot when allowed, serve the subgraph, and close the store when the
 * server stops — or at once when starting fails.
 */
export async function startStoredSubgraph<S extends SubgraphStore, Ctx extends BaseContext, B extends BackgroundWork = BackgroundWork>(
  options: StoredSubgraphOptions<S, Ctx, B>,
): Promise<StoredSubgraph<B>> {
  const { env, name } = options;
  const logger = options.logger ?? createLogger({ service: name, level: env.LOG_LEVEL });
  const seed = shouldSeedDemoData(name, env);
  // Before the store opens: a production subgraph without the gateway's key must not start at all.
  const gatewayIdentity = gatewayIdentityFromEnv(name, env, logger);
  const store = await options.openStore(logger);
  let background: B | undefined;
  try {
    if (seed) await options.seed(store, logger);
    background = await options.background?.(store, logger);
    const service = await startSubgraph<Ctx>({
      name,
      host: env.HOST,
      port: env.PORT,
      tracing: env.OTEL_TRACES_EXPORTER
        ? {
            OTEL_TRACES_EXPORTER: env.OTEL_TRACES_EXPORTER,
            OTEL_EXPORTER_OTLP_ENDPOINT: env.OTEL_EXPORTER_OTLP_ENDPOINT,
            OTEL_TRACES_SAMPLER_RATIO: env.OTEL_TRACES_SAMPLER_RATIO ?? 1,
          }
        : undefined,
      logger,
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as GraphQLResolverMap<Ctx>,
      exposeErrors: env.NODE_ENV === 'development',
      context: (info) => options.context(store, info),
      routes: options.routes?.(store),
      gatewayIdentity,
      // PGlite is PostgreSQL: one check name for both.
      checks: [{ name: store.kind === 'pglite' ? 'postgres' : store.kind, check: () => store.ping() }],
      onStop: async () => {
        await background?.stop();
        await store.close();
      },
    });
    return { ...service, queryCount: () => options.queryCount(store), background };
  } catch (error) {
    await background?.stop();
    await store.close();
    throw error;
  }
}
