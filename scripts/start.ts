import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD, demoData } from '@market/demo-data';
import { loadEnv as loadGatewayEnv, startGateway } from '@market/gateway';
import { readSupergraphConfig } from '@market/gateway/compose';
import {
  commonEnv,
  createLogger,
  defineEnv,
  gatewayKeyEnv,
  importServiceModule,
  optionalUrl,
  prettyDestination,
  shouldSeedDemoData,
  startSpaServer,
  type EnvSource,
} from '@market/kit';
import { serviceDatabaseUrl } from '@market/stores';
import { z } from 'zod';

/**
 * `npm start` / `npm run dev`: the whole platform in this one process, each
 * service on its own port with its own stores (embedded under .data/ unless
 * DATABASE_URL / MYSQL_URL / MONGO_URL / REDIS_URL name real servers), then the
 * gateway on 3000 and the two web apps on 3008/3009.
 */

const REPO = fileURLToPath(new URL('..', import.meta.url));
const DEV = process.argv.includes('--dev');
/** `npm start -- --only=agency,order`: a subset of subgraphs (the gateway still serves the whole supergraph). */
const ONLY = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter(Boolean);
const GATEWAY_PORT = 3000;
const APPS = [
  { name: 'web-client', title: 'Customer app', port: 3008 },
  { name: 'web-admin', title: 'Back office', port: 3009 },
] as const;

const env = defineEnv('launcher', {
  NODE_ENV: commonEnv.NODE_ENV,
  LOG_LEVEL: commonEnv.LOG_LEVEL,
  SEED_DEMO_DATA: commonEnv.SEED_DEMO_DATA,
  HOST: commonEnv.HOST,
  DATABASE_URL: optionalUrl(['postgres', 'postgresql']),
  MYSQL_URL: optionalUrl(['mysql']),
  MONGO_URL: optionalUrl(['mongodb', 'mongodb+srv']),
  REDIS_URL: optionalUrl(['redis', 'rediss']),
  /** Root of the embedded data (one folder per service) and the logs; relative to the repository. */
  DATA_DIR: commonEnv.DATA_DIR,
  /** The gateway's signing key (see gateway/README.md); generated for this run when unset. */
  GATEWAY_SIGNING_KEY: z.string().optional(),
  /** Any value turns colours off (https://no-color.org). */
  NO_COLOR: z.string().optional(),
})();
const DATA = resolve(REPO, env.DATA_DIR);
const LOG_FILE = join(DATA, 'logs', 'platform.log');

// ── terminal output ──────────────────────────────────────────────────────────
const color = process.stdout.isTTY && !env.NO_COLOR;
const paint = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint('1');
const dim = paint('2');
const green = paint('32');
const red = paint('31');
const cyan = paint('36');
const say = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const elapsed = () => seconds(performance.now());

// ── logs: JSON to .data/logs/platform.log, or readable on the terminal at debug ─
mkdirSync(dirname(LOG_FILE), { recursive: true });
const prettyLogs = env.LOG_LEVEL === 'debug' || env.LOG_LEVEL === 'trace';
const logFile = createWriteStream(LOG_FILE, { flags: 'a' });
const logStream = prettyLogs ? prettyDestination(process.stdout) : logFile;
const loggerFor = (service: string) => createLogger({ service, level: env.LOG_LEVEL, destination: logStream });
const launcherLog = loggerFor('launcher');
/** process.exit drops what the log file stream still buffers; end it first. */
const exitAfterLogs = (code: number) => {
  logFile.end(() => process.exit(code));
  setTimeout(() => process.exit(code), 2_000).unref();
};

// ── builds ───────────────────────────────────────────────────────────────────
function newestSource(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stats = statSync(path);
    if (stats.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules' && entry !== 'dist') visit(join(path, entry));
    } else newest = Math.max(newest, stats.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

interface BuildTarget {
  workspace: string;
  dist: string;
  sources: string[];
}

const uiSources = [join(REPO, 'packages/ui/src')];
const appBuild = (name: string): BuildTarget => ({
  workspace: name,
  dist: join(REPO, name, 'dist'),
  sources: [join(REPO, name, 'src'), join(REPO, name, 'index.html'), join(REPO, name, 'vite.config.ts'), ...uiSources],
});
const playgroundBuild: BuildTarget = {
  workspace: 'gateway',
  dist: join(REPO, 'gateway/playground/dist'),
  sources: [
    join(REPO, 'gateway/playground/src'),
    join(REPO, 'gateway/playground/index.html'),
    join(REPO, 'gateway/playground/vite.config.ts'),
  ],
};

function isStale({ dist, sources }: BuildTarget): boolean {
  const index = join(dist, 'index.html');
  return !existsSync(index) || statSync(index).mtimeMs < newestSource(sources);
}

/** `npm run build -w <workspace>`, output to its own log file; resolves false when it failed. */
function build(target: BuildTarget): Promise<boolean> {
  const started = performance.now();
  const log = join(DATA, 'logs', `build-${target.workspace}.log`);
  say(`  ${dim('…')} building ${target.workspace} ${dim(`(output in ${relative(REPO, log)})`)}`);
  return new Promise((resolve) => {
    const out = createWriteStream(log);
    const child = spawn('npm', ['run', 'build', '-w', target.workspace], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
    child.on('error', () => resolve(false));
    child.on('close', (code) => {
      const ok = code === 0;
      say(
        `  ${ok ? green('✓') : red('✗')} ${ok ? 'built' : 'build failed:'} ${target.workspace} ${dim(`in ${seconds(performance.now() - started)}`)}${ok ? '' : ` (see ${relative(REPO, log)})`}`,
      );
      resolve(ok);
    });
  });
}

// ── ports ────────────────────────────────────────────────────────────────────
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

// ── dev servers (npm run dev) ────────────────────────────────────────────────
async function startViteDevServer(name: string, port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const out = createWriteStream(join(DATA, 'logs', `dev-${name}.log`));
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO, 'node_modules/vite/bin/vite.js'), '--port', String(port), '--strictPort'],
    {
      cwd: join(REPO, name),
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const url = `http://localhost:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite exited with code ${child.exitCode} (see .data/logs/dev-${name}.log)`);
    if (
      await fetch(url).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { url, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error('vite did not start within 60 s');
}

// ── main ─────────────────────────────────────────────────────────────────────
interface Stoppable {
  name: string;
  stop(): Promise<void>;
}
const running: Stoppable[] = [];

async function stopAll() {
  // Reverse start order: apps, gateway, then the subgraphs together.
  const subgraphs: Stoppable[] = [];
  for (const item of [...running].reverse()) {
    if (item.name.startsWith('subgraph:')) subgraphs.push(item);
    else await item.stop().catch((error: unknown) => launcherLog.error({ err: error, service: item.name }, 'stop failed'));
  }
  await Promise.allSettled(subgraphs.map((item) => item.stop()));
  running.length = 0;
}

let shutdownAt: number | undefined;
function onSignal(signal: NodeJS.Signals) {
  if (shutdownAt !== undefined) {
    // One Ctrl-C often arrives twice (terminal process group + npm/tsx relaying it); only a later one forces the exit.
    if (performance.now() - shutdownAt < 2_000) return;
    say(red('Forced exit.'));
    process.exit(1);
  }
  shutdownAt = performance.now();
  say(`\n${dim(`${signal}: stopping…`)}`);
  const started = performance.now();
  stopAll().then(
    () => {
      say(`Stopped everything in ${seconds(performance.now() - started)}.`);
      exitAfterLogs(0);
    },
    () => exitAfterLogs(1),
  );
}
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

async function main() {
  const seeding = shouldSeedDemoData('launcher', env);
  const config = readSupergraphConfig(join(REPO, 'supergraph.yaml'));
  const unknown = (ONLY ?? []).filter((name) => !config.subgraphs.some((s) => s.name === name));
  if (unknown.length) throw new Error(`--only: no subgraph named ${unknown.join(', ')} in supergraph.yaml`);
  const subgraphPorts = config.subgraphs.map((s) => ({ ...s, port: Number(new URL(s.routingUrl).port) }));
  const selected = subgraphPorts.filter((s) => !ONLY || ONLY.includes(s.name));
  const stores = [env.DATABASE_URL && 'PostgreSQL', env.MYSQL_URL && 'MySQL', env.MONGO_URL && 'MongoDB', env.REDIS_URL && 'Redis'].filter(
    Boolean,
  );
  say(bold(`Starting the marketplace${DEV ? ' (dev)' : ''}`));
  say(
    dim(
      `  stores: ${stores.length ? `${stores.join(', ')} servers from the environment` : 'embedded'}${env.DATABASE_URL ? '' : ` (data in ${relative(REPO, DATA)}/)`}; logs: ${prettyLogs ? 'terminal' : relative(REPO, LOG_FILE)}`,
    ),
  );

  const busy: number[] = [];
  for (const port of [GATEWAY_PORT, ...subgraphPorts.map((s) => s.port), ...APPS.map((a) => a.port)])
    if (await portInUse(port)) busy.push(port);
  if (busy.length) {
    say(red(`Port${busy.length > 1 ? 's' : ''} ${busy.join(', ')} already in use: is the platform already running?`));
    exitAfterLogs(1);
    return;
  }

  // Builds run in child processes while the services start in this one.
  const builds = [playgroundBuild, ...(DEV ? [] : APPS.map((app) => appBuild(app.name)))].filter(isStale);
  const built = new Map<string, Promise<boolean>>(builds.map((target) => [target.workspace, build(target)]));

  // The gateway's key pair first: the subgraphs start before it and accept only /graphql requests it signed.
  const gatewayKeys = await gatewayKeyEnv(env.GATEWAY_SIGNING_KEY);

  const services = await Promise.all(
    selected.map(async ({ name, schemaFile, port }) => {
      const started = performance.now();
      const module = await importServiceModule(name, dirname(schemaFile));
      const source: EnvSource = {
        ...process.env,
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${port}`,
        LOG_LEVEL: env.LOG_LEVEL,
        DATA_DIR: join(DATA, name),
        // One database per service on a shared server.
        DATABASE_URL: env.DATABASE_URL && serviceDatabaseUrl(env.DATABASE_URL, name),
        MYSQL_URL: env.MYSQL_URL && serviceDatabaseUrl(env.MYSQL_URL, name),
        MONGO_URL: env.MONGO_URL && serviceDatabaseUrl(env.MONGO_URL, name),
        ...gatewayKeys.subgraphs,
      };
      try {
        const service = await module.start(source, { logger: loggerFor(name) });
        running.push({ name: `subgraph:${name}`, stop: () => service.stop() });
        say(
          `  ${green('✓')} ${name.padEnd(13)} ${cyan(`http://localhost:${port}/graphql`)} ${dim(`ready in ${seconds(performance.now() - started)}`)}`,
        );
        return service;
      } catch (error) {
        say(`  ${red('✗')} ${name.padEnd(13)} failed to start: ${error instanceof Error ? error.message : String(error)}`);
        throw error;
      }
    }),
  );

  const gatewayStarted = performance.now();
  await built.get('gateway');
  const gateway = await startGateway(
    loadGatewayEnv({
      ...process.env,
      PORT: String(GATEWAY_PORT),
      LOG_LEVEL: env.LOG_LEVEL,
      SUBGRAPH_URLS: undefined,
      ...gatewayKeys.gateway,
    }),
    { logger: loggerFor('gateway'), subgraphUrls: Object.fromEntries(services.map((s) => [s.name, `${s.url}/graphql`])) },
  );
  running.push({ name: 'gateway', stop: () => gateway.stop() });
  say(
    `  ${green('✓')} ${'gateway'.padEnd(13)} ${cyan(`http://localhost:${GATEWAY_PORT}/graphql`)} ${dim(`ready in ${seconds(performance.now() - gatewayStarted)}`)}`,
  );

  const graphqlUrl = `http://localhost:${GATEWAY_PORT}/graphql`;
  const apps = await Promise.all(
    APPS.map(async (app) => {
      const started = performance.now();
      try {
        if (DEV) {
          const server = await startViteDevServer(app.name, app.port);
          running.push({ name: app.name, stop: () => server.stop() });
        } else {
          if ((await built.get(app.name)) === false) throw new Error('its build failed');
          const server = await startSpaServer({
            name: app.name,
            port: app.port,
            host: env.HOST,
            distDir: join(REPO, app.name, 'dist'),
            config: { graphqlUrl },
            logger: loggerFor(app.name),
          });
          running.push({ name: app.name, stop: () => server.stop() });
        }
        say(
          `  ${green('✓')} ${app.name.padEnd(13)} ${cyan(`http://localhost:${app.port}`)} ${dim(`ready in ${seconds(performance.now() - started)}${DEV ? ' (vite dev server)' : ''}`)}`,
        );
        return { ...app, ok: true };
      } catch (error) {
        say(`  ${red('✗')} ${app.name.padEnd(13)} not started: ${error instanceof Error ? error.message : String(error)}`);
        return { ...app, ok: false };
      }
    }),
  );

  const ready = await fetch(`http://127.0.0.1:${GATEWAY_PORT}/ready`).then(
    (r) => r.ok,
    () => false,
  );
  say();
  say(bold(green(`Marketplace ready in ${elapsed()}`)) + (ready ? '' : red(' (the gateway reports a subgraph as not ready: see /ready)')));
  say();
  say(`  ${'GraphQL API + playground'.padEnd(26)} ${cyan(graphqlUrl)}`);
  for (const app of apps) say(`  ${app.title.padEnd(26)} ${app.ok ? cyan(`http://localhost:${app.port}`) : red('not running')}`);
  say(`  ${'Subgraphs'.padEnd(26)} ${dim(subgraphPorts.map((s) => `${s.name} :${s.port}`).join('  '))}`);
  say(`  ${'Health'.padEnd(26)} ${dim(`http://localhost:${GATEWAY_PORT}/ready  /metrics`)}`);
  if (seeding) {
    say();
    say(`  Demo sign-ins ${dim(`(password ${DEMO_PASSWORD})`)}`);
    for (const user of demoData().users.filter((u) => u.signIn))
      say(`    ${user.email.padEnd(24)} ${dim(user.roles.join(', ').toLowerCase())}`);
  }
  say();
  say(dim(`  Logs: ${prettyLogs ? 'above' : relative(REPO, LOG_FILE)}   Stop: Ctrl-C`));
  launcherLog.info({ ms: Math.round(performance.now()) }, 'platform ready');
}

main().catch(async (error: unknown) => {
  launcherLog.fatal({ err: error }, 'start-up failed');
  say(red(`\nStart-up failed: ${error instanceof Error ? error.message : String(error)}`));
  say(dim(`Details in ${relative(REPO, LOG_FILE)}`));
  await stopAll();
  exitAfterLogs(1);
});
