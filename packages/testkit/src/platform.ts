import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEnv as loadGatewayEnv, startGateway, type RunningGateway } from '@market/gateway';
import { readSupergraphConfig } from '@market/gateway/compose';
import { createLogger, gatewayKeyEnv, importServiceModule, type EnvSource, type RunningService, type ServiceModule } from '@market/kit';
import { openMongo, serviceDatabaseUrl } from '@market/stores';
import { freshMysql, freshPostgres, freshRedis } from './databases';
import { testEnv } from './env';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Nothing listens on port 2 (and fetch allows it): subgraphs left out with `only` fail fast instead of reaching a local `npm start` on 3001–3007. */
const UNREACHABLE = 'http://127.0.0.1:2/graphql';

export interface StartPlatformOptions {
  /** Seed the demo data (default true). */
  seed?: boolean;
  /** Keep embedded data under this folder (`<root>/<service>`); default: a temp folder removed by stop(). */
  dataDirRoot?: string;
  /** Start only these subgraphs (the gateway still serves the whole supergraph). */
  only?: string[];
  /** The gateway's SUPERGRAPH_PATH (default: the repository's supergraph.graphql). */
  supergraphPath?: string;
  /**
   * Extra gateway environment (e.g. SUBGRAPH_TIMEOUT_MS). Browser tests serving an app on another port than
   * 3008/3009 pass its origin as CORS_ORIGINS, or the gateway refuses the app's cross-origin calls.
   */
  gatewayEnv?: EnvSource;
  /** Subgraphs refuse requests the gateway did not sign (default true); benchmarks of other gateways turn it off. */
  lockDown?: boolean;
  /**
   * Extra SSO environment. Browser tests serving an app on another port than 3008/3009 pass its URL as
   * WEB_CLIENT_URL / WEB_ADMIN_URL, or SSO refuses the app's redirect URIs.
   */
  ssoEnv?: EnvSource;
  /**
   * The gateway's signing key (a private JWK as JSON) the subgraphs trust; default: a fresh pair. Benchmarks that
   * run their own gateway process in front of the platform's subgraphs pass the key they give it.
   */
  signingKey?: string;
}

export interface Platform {
  /** The gateway's GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql. */
  gatewayUrl: string;
  /** SSO's issuer (its own URL, e.g. http://127.0.0.1:41235) when sso is part of the platform. */
  issuer?: string;
  /** Running subgraphs by name (a stopped one is absent until restarted). */
  services: Record<string, RunningService>;
  gateway: RunningGateway;
  stopService(name: string): Promise<void>;
  /** Starts a stopped (or running) subgraph again, on the same port and data. */
  restartService(name: string): Promise<void>;
  stop(): Promise<void>;
}

interface ServiceSlot {
  module: ServiceModule;
  port: number;
  env: EnvSource;
  cleanups: (() => Promise<void>)[];
}

/**
 * A port free right now, so a service's own URL (PUBLIC_URL, ISSUER) is known before it starts. Chosen below
 * the kernel's ephemeral range (32768+), which this process's own outgoing connections (PostgreSQL, Redis,
 * fetch) draw from while a service is still opening its stores; the reservations of one platform are held
 * together until all are taken, so no two services get the same port.
 */
async function reservePorts(count: number): Promise<number[]> {
  const held: Server[] = [];
  const ports: number[] = [];
  for (let attempts = 0; ports.length < count; attempts++) {
    if (attempts > 1000) throw new Error('startPlatform: no free ports between 20000 and 32000');
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    if (ports.includes(candidate)) continue;
    const server = createServer();
    const bound = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(candidate, '127.0.0.1', () => resolve(true));
    });
    if (!bound) continue;
    held.push(server);
    ports.push(candidate);
  }
  await Promise.all(held.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** One port free right now on 127.0.0.1 (below the ephemeral range, like the platform's own). */
export async function freePort(): Promise<number> {
  const [port] = await reservePorts(1);
  if (port === undefined) throw new Error('freePort: no port');
  return port;
}

const addressInUse = (error: unknown) => error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';

/** Real-server databases for one service when CI provides servers; none when embedded. */
async function provisionStores(name: string, label: string): Promise<{ env: EnvSource; cleanups: (() => Promise<void>)[] }> {
  const env: EnvSource = {};
  const cleanups: (() => Promise<void>)[] = [];
  const postgres = await freshPostgres(`${label}_${name}`);
  env.DATABASE_URL = postgres.url;
  cleanups.push(postgres.cleanup);
  if (name === 'sso') {
    const mysql = await freshMysql(`${label}_sso`);
    env.MYSQL_URL = mysql.url;
    cleanups.push(mysql.cleanup);
  }
  if (name === 'chat' && testEnv.MONGO_URL) {
    const url = serviceDatabaseUrl(testEnv.MONGO_URL, `${label}_chat`);
    env.MONGO_URL = url;
    cleanups.push(async () => {
      const mongo = await openMongo({ url, logger: createLogger({ service: 'testkit', level: 'silent' }) });
      try {
        await mongo.connection.dropDatabase();
      } finally {
        await mongo.close();
      }
    });
  }
  return { env, cleanups };
}

/**
 * The whole platform in this process, for platform and browser tests: every
 * subgraph of supergraph.yaml on a free port with its own stores (embedded, or
 * fresh databases on the servers named by DATABASE_URL / MYSQL_URL / MONGO_URL /
 * REDIS_URL), then the gateway routing to them.
 */
export async function startPlatform(options: StartPlatformOptions = {}): Promise<Platform> {
  const label = `p${randomBytes(3).toString('hex')}`;
  const ownDataDir = options.dataDirRoot === undefined;
  const dataRoot = options.dataDirRoot ?? mkdtempSync(join(tmpdir(), 'market-platform-'));
  const config = readSupergraphConfig(join(REPO, 'supergraph.yaml'));
  const wanted = config.subgraphs.filter((s) => !options.only || options.only.includes(s.name));
  const unknown = (options.only ?? []).filter((name) => !config.subgraphs.some((s) => s.name === name));
  if (unknown.length) throw new Error(`startPlatform: unknown subgraphs ${unknown.join(', ')}`);

  const redis = await freshRedis(label);
  // The gateway's key pair comes first: subgraphs start before the gateway and refuse /graphql requests it did not sign.
  const gatewayKeys = await gatewayKeyEnv(options.signingKey);
  let issuer: string | undefined;
  const slots = new Map<string, ServiceSlot>();
  const services: Record<string, RunningService> = {};
  let gateway: RunningGateway | undefined;

  const cleanupAll = async () => {
    await gateway?.stop();
    await Promise.allSettled(Object.values(services).map((service) => service.stop()));
    for (const name of Object.keys(services)) delete services[name];
    await Promise.allSettled([...slots.values()].flatMap((slot) => slot.cleanups.map((cleanup) => cleanup())));
    await redis.cleanup();
    if (ownDataDir) rmSync(dataRoot, { recursive: true, force: true });
  };

  const start = async (name: string) => {
    const slot = slots.get(name);
    if (!slot) throw new Error(`startPlatform: ${name} is not part of this platform`);
    const logger = createLogger({ service: name, level: testEnv.TEST_LOG_LEVEL });
    services[name] = await slot.module.start(slot.env, { logger });
  };

  try {
    const reserved = await reservePorts(wanted.length);
    // Known before anything starts, so services can link to each other (the user subgraph's avatar URLs point at
    // the file service).
    const firstPort = new Map(wanted.map(({ name }, index) => [name, reserved[index] as number]));
    const fileUrl = firstPort.has('file') ? `http://127.0.0.1:${firstPort.get('file')}` : undefined;
    await Promise.all(
      wanted.map(async ({ name, schemaFile }) => {
        const module = await importServiceModule(name, dirname(schemaFile));
        const stores = await provisionStores(name, label);
        // A fixed port (not 0): restarts keep the gateway's routing valid, and PUBLIC_URL (links the
        // service hands out, e.g. File.url) is right from the start. Another process can still take it
        // between reservation and listen: then the service starts again on a new one.
        for (let attempt = 1; ; attempt++) {
          const port = attempt === 1 ? (firstPort.get(name) as number) : ((await reservePorts(1))[0] as number);
          const env: EnvSource = {
            NODE_ENV: 'test',
            HOST: '127.0.0.1',
            PORT: String(port),
            PUBLIC_URL: `http://127.0.0.1:${port}`,
            LOG_LEVEL: testEnv.TEST_LOG_LEVEL,
            DATA_DIR: join(dataRoot, name),
            SEED_DEMO_DATA: String(options.seed ?? true),
            REDIS_URL: redis.url,
            // The platform's own event stream (on Redis under its prefix, or in-process): nothing of other runs.
            EVENTS_PREFIX: `${redis.prefix}events:`,
            ...(fileUrl ? { FILE_PUBLIC_URL: fileUrl } : {}),
            ...(options.lockDown === false ? {} : gatewayKeys.subgraphs),
            ...stores.env,
          };
          if (name === 'sso') {
            // SSO's own URL is its issuer, so the OIDC flows of tests run against it as against a deployment.
            issuer = `http://127.0.0.1:${port}`;
            env.ISSUER = issuer;
            Object.assign(env, options.ssoEnv);
          }
          slots.set(name, { module, port, env, cleanups: stores.cleanups });
          try {
            await start(name);
            break;
          } catch (error) {
            if (!addressInUse(error) || attempt >= 3) throw error;
          }
        }
      }),
    );
    const subgraphUrls = Object.fromEntries(
      config.subgraphs.map(({ name }) => [name, services[name] ? `${services[name].url}/graphql` : UNREACHABLE]),
    );
    gateway = await startGateway(
      loadGatewayEnv({
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: testEnv.TEST_LOG_LEVEL,
        REDIS_URL: redis.url,
        // Under the platform's own prefix: its rate-limit budgets and APQ are its own, and cleanup removes them.
        REDIS_PREFIX: `${redis.prefix}gateway:`,
        ...gatewayKeys.gateway,
        ...(issuer ? { OIDC_ISSUER: issuer } : {}),
        ...(options.supergraphPath ? { SUPERGRAPH_PATH: options.supergraphPath } : {}),
        ...options.gatewayEnv,
      }),
      { logger: createLogger({ service: 'gateway', level: testEnv.TEST_LOG_LEVEL }), subgraphUrls },
    );
  } catch (error) {
    await cleanupAll();
    throw error;
  }
  const runningGateway = gateway;

  let stopping: Promise<void> | undefined;
  return {
    gatewayUrl: `${runningGateway.url}/graphql`,
    ...(issuer ? { issuer } : {}),
    services,
    gateway: runningGateway,
    stopService: async (name) => {
      const service = services[name];
      if (!service) return;
      delete services[name];
      await service.stop();
    },
    restartService: async (name) => {
      if (!slots.has(name)) throw new Error(`startPlatform: ${name} is not part of this platform`);
      const running = services[name];
      if (running) {
        delete services[name];
        await running.stop();
      }
      await start(name);
    },
    stop: () => {
      stopping ??= cleanupAll();
      return stopping;
    },
  };
}
