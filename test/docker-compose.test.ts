/**
 * Static checks of the container setup (docker-compose.yml, the Dockerfiles, .dockerignore). No Docker
 * engine is needed: the files are parsed and checked against the repository (ports, workspaces, entry
 * files, every service's own env.ts), which is what usually breaks when a service changes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpaEnv } from '../docker/spa-env';

const repo = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(join(repo, path), 'utf8');

// ------------------------------------------------------------------ the port map (DESIGN.md) --

const PORTS: Readonly<Record<string, number>> = {
  gateway: 3000,
  sso: 3001,
  user: 3002,
  agency: 3003,
  order: 3004,
  chat: 3005,
  notification: 3006,
  file: 3007,
  'web-client': 3008,
  'web-admin': 3009,
};

/** The production stores each service must be pointed at (DESIGN.md); unset would mean embedded stores. */
const STORE_VARIABLES: Readonly<Record<string, readonly string[]>> = {
  gateway: ['REDIS_URL'],
  sso: ['MYSQL_URL', 'REDIS_URL'],
  user: ['DATABASE_URL'],
  agency: ['DATABASE_URL'],
  order: ['DATABASE_URL'],
  chat: ['MONGO_URL', 'REDIS_URL'],
  notification: ['DATABASE_URL', 'SMTP_URL'],
  file: ['DATABASE_URL', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'],
};
/** Store variables an env.ts may read that compose leaves unset on purpose (the production store is another one). */
const DELIBERATELY_UNSET: Readonly<Record<string, readonly string[]>> = {
  sso: ['DATABASE_URL'], // MySQL (MYSQL_URL) in production
  chat: ['DATABASE_URL'], // MongoDB (MONGO_URL) in production
};
const STORE_VARIABLE = /\b(DATABASE_URL|MYSQL_URL|MONGO_URL|REDIS_URL|SMTP_URL|S3_[A-Z0-9_]+)\b/g;

// ------------------------------------------------------------------------- supergraph.yaml --

interface SupergraphConfig {
  subgraphs: Record<string, { routing_url: string }>;
}
const supergraph = parse(read('supergraph.yaml')) as SupergraphConfig;
const subgraphs = Object.entries(supergraph.subgraphs).map(([name, { routing_url }]) => ({
  name,
  routingUrl: routing_url,
  port: Number(new URL(routing_url).port),
}));

// -------------------------------------------------------------------------- docker-compose --

type EnvironmentSpec = Record<string, string | number | boolean | null> | string[];
interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; args?: EnvironmentSpec };
  environment?: EnvironmentSpec;
  ports?: (string | number | { target: number; published?: string | number; host_ip?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean };
  volumes?: (string | { type?: string; source?: string; target: string })[];
  restart?: string;
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const composeText = read('docker-compose.yml');
// Compose understands YAML merge keys (`<<: *app-env`), which YAML 1.2 leaves off by default.
const compose = parse(composeText, { merge: true }) as ComposeFile;
const services = compose.services;

/**
 * Compose interpolation with an empty shell environment, i.e. what `docker compose up` does with no .env:
 * `$$` is a literal `$`, `${VAR:-default}` / `${VAR-default}` give the default. A variable without a
 * default is an error here, so the file runs as is on a fresh checkout.
 */
function interpolate(value: string, where: string): string {
  return value.replace(/\$\$|\$\{([^}]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (match, braced: string | undefined, bare: string | undefined) => {
    if (match === '$$') return '$';
    const expression = braced ?? bare ?? '';
    const withDefault = /^([A-Za-z_][A-Za-z0-9_]*)(:?-)(.*)$/s.exec(expression);
    if (withDefault) return withDefault[3] ?? '';
    throw new Error(`${where}: ${match} has no default; write \${NAME:-dev-default} so compose works without a .env file`);
  });
}

function environmentOf(spec: EnvironmentSpec | undefined, where: string): Record<string, string> {
  const env: Record<string, string> = {};
  if (Array.isArray(spec)) {
    for (const entry of spec) {
      const [key = '', ...rest] = entry.split('=');
      env[key] = interpolate(rest.join('='), `${where}.${key}`);
    }
  } else if (spec) {
    for (const [key, value] of Object.entries(spec)) env[key] = value === null ? '' : interpolate(String(value), `${where}.${key}`);
  }
  return env;
}

/** The unresolved text of each variable, for checks on how a value is written. */
function rawEnvironmentOf(spec: EnvironmentSpec | undefined): Record<string, string> {
  if (Array.isArray(spec)) return Object.fromEntries(spec.map((entry) => [entry.split('=')[0] ?? '', entry.split('=').slice(1).join('=')]));
  return Object.fromEntries(Object.entries(spec ?? {}).map(([key, value]) => [key, String(value ?? '')]));
}

interface PortMapping {
  published?: number;
  target: number;
}
function portsOf(service: ComposeService): PortMapping[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object')
      return { target: Number(port.target), published: port.published === undefined ? undefined : Number(port.published) };
    // [host_ip:][published:]target[/protocol]
    const parts = String(port).split('/')[0]!.split(':');
    const target = Number(parts.at(-1));
    return { target, published: parts.length > 1 ? Number(parts.at(-2)) : undefined };
  });
}

function dependsOn(service: ComposeService): Record<string, string | undefined> {
  const deps = service.depends_on ?? {};
  if (Array.isArray(deps)) return Object.fromEntries(deps.map((name) => [name, undefined]));
  return Object.fromEntries(Object.entries(deps).map(([name, spec]) => [name, spec.condition]));
}

const buildOf = (service: ComposeService) => (typeof service.build === 'string' ? { context: service.build } : service.build);

// ------------------------------------------------------------------------------ Dockerfiles --

interface Instruction {
  keyword: string;
  args: string;
}
interface Dockerfile {
  path: string;
  instructions: Instruction[];
  /** Instructions of the last stage: what the image is. */
  final: Instruction[];
  /** ARG defaults (global and per stage), overridden by compose build args. */
  argDefaults: Record<string, string>;
}

function parseDockerfile(path: string, buildArgs: Record<string, string> = {}): Dockerfile {
  const logical = readFileSync(join(repo, path), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const instructions = logical.map((line) => {
    const [keyword = '', ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
  const argDefaults: Record<string, string> = {};
  for (const { keyword, args } of instructions) {
    const match = keyword === 'ARG' ? /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(args) : null;
    if (match?.[1]) argDefaults[match[1]] = match[2]!.replace(/^"(.*)"$/, '$1');
  }
  Object.assign(argDefaults, buildArgs);
  const lastFrom = instructions.map((i) => i.keyword).lastIndexOf('FROM');
  return { path, instructions, final: instructions.slice(lastFrom), argDefaults };
}

/** `${NAME}` / `$NAME` with the Dockerfile's ARG defaults (and ENV set earlier in the stage). */
function substitute(text: string, vars: Record<string, string>): string {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, a: string | undefined, b: string | undefined) => vars[a ?? b ?? ''] ?? match,
  );
}

/** ENV of the final stage, resolved: what the container starts with before compose adds its environment. */
function imageEnvironment(file: Dockerfile): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of file.final) {
    if (keyword !== 'ENV') continue;
    const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)];
    for (const [, key, value] of pairs) env[key!] = substitute(value!.replace(/^"(.*)"$/, '$1'), { ...file.argDefaults, ...env });
  }
  return env;
}

const finalArgs = (file: Dockerfile, keyword: string) =>
  file.final.filter((i) => i.keyword === keyword).map((i) => substitute(i.args, file.argDefaults));

/** `CMD ["a", "b"]` or `CMD a b` → ["a", "b"]. */
function execForm(args: string): string[] {
  return args.trim().startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
}

// ------------------------------------------------------------------------------ .dockerignore --

const dockerignore = read('.dockerignore')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line && !line.startsWith('#'))
  .map((line) => {
    const negated = line.startsWith('!');
    const pattern = (negated ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
    const source = pattern
      .split('/')
      .map((part) =>
        part === '**'
          ? '.*'
          : part
              .replace(/[.+^${}()|[\]\\]/g, '\\$&')
              .replace(/\*/g, '[^/]*')
              .replace(/\?/g, '[^/]'),
      )
      .join('/')
      .replace(/\.\*\//g, '(?:.*/)?');
    return { negated, regex: new RegExp(`^${source}$`) };
  });

/** Whether .dockerignore keeps `path` (or a folder above it) out of the build context; the last matching rule wins. */
function ignoredByDocker(path: string): boolean {
  const parts = path.replace(/^\.\/|\/$/g, '').split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of dockerignore) if (candidates.some((candidate) => rule.regex.test(candidate))) ignored = !rule.negated;
  return ignored;
}

// --------------------------------------------------------------------------- the deployables --

interface Deployable {
  name: string;
  port: number;
  dir: string;
  kind: 'gateway' | 'subgraph' | 'web';
  /** The service's own env.ts (its only reader of the environment), if it has one. */
  envModule?: string;
}
const deployables: Deployable[] = [
  { name: 'gateway', port: PORTS.gateway!, dir: 'gateway', kind: 'gateway', envModule: 'gateway/src/env.ts' },
  ...subgraphs.map(({ name }): Deployable => ({
    name,
    port: PORTS[name]!,
    dir: `subgraphs/${name}`,
    kind: 'subgraph',
    envModule: `subgraphs/${name}/src/env.ts`,
  })),
  { name: 'web-client', port: PORTS['web-client']!, dir: 'web-client', kind: 'web' },
  { name: 'web-admin', port: PORTS['web-admin']!, dir: 'web-admin', kind: 'web' },
];

function dockerfileOf(deployable: Deployable): Dockerfile {
  const build = buildOf(services[deployable.name]!);
  const args = environmentOf(build?.args, `${deployable.name}.build.args`);
  return parseDockerfile(join(build?.context ?? '.', build?.dockerfile ?? 'Dockerfile'), args);
}

/** What the container's process sees: image ENV, then the compose environment on top. */
function containerEnvironment(deployable: Deployable): Record<string, string> {
  return {
    ...imageEnvironment(dockerfileOf(deployable)),
    ...environmentOf(services[deployable.name]!.environment, `${deployable.name}.environment`),
  };
}

/** A service has a healthcheck when compose defines one, or its image does (HEALTHCHECK in its Dockerfile). */
function hasHealthcheck(name: string): boolean {
  const service = services[name]!;
  if (service.healthcheck)
    return !service.healthcheck.disable && service.healthcheck.test !== 'NONE' && service.healthcheck.test?.[0] !== 'NONE';
  const deployable = deployables.find((d) => d.name === name);
  return deployable !== undefined && finalArgs(dockerfileOf(deployable), 'HEALTHCHECK').some((args) => !/^NONE\b/.test(args));
}

// ====================================================================================== tests ==

describe('docker-compose.yml: (a) services and ports', () => {
  it('has one service per subgraph of supergraph.yaml, plus the gateway and both apps', () => {
    expect(subgraphs.map((s) => s.name).sort()).toEqual(
      Object.keys(PORTS)
        .filter((n) => !['gateway', 'web-client', 'web-admin'].includes(n))
        .sort(),
    );
    for (const { name } of deployables) expect(services[name], `service ${name}`).toBeDefined();
  });

  it.each(subgraphs)('$name: routing_url port $port = port map = published and container port', ({ name, port }) => {
    expect(port, `${name} in supergraph.yaml`).toBe(PORTS[name]);
    expect(portsOf(services[name]!)).toContainEqual({ target: port, published: port });
  });

  it.each(deployables.filter((d) => d.kind !== 'subgraph'))('$name: published and container port $port', ({ name, port }) => {
    expect(portsOf(services[name]!)).toContainEqual({ target: port, published: port });
  });

  it('every deployable sets PORT to its own port and runs with NODE_ENV=production', () => {
    for (const deployable of deployables) {
      const env = containerEnvironment(deployable);
      expect(env.PORT, `${deployable.name} PORT`).toBe(String(deployable.port));
      expect(env.NODE_ENV, `${deployable.name} NODE_ENV`).toBe('production');
      expect(env.HOST, `${deployable.name} HOST`).toBe('0.0.0.0');
    }
  });

  it('no two services publish the same host port', () => {
    const published = Object.values(services).flatMap((s) =>
      portsOf(s)
        .map((p) => p.published)
        .filter((p) => p !== undefined),
    );
    expect(published.length).toBe(new Set(published).size);
  });
});

describe('Dockerfiles: (b) one multi-stage, non-root image per deployable', () => {
  it.each(deployables)('$name: $dir/Dockerfile, built from the repository root', (deployable) => {
    const build = buildOf(services[deployable.name]!);
    expect(build?.context, 'build context (workspaces need the root lockfile)').toBe('.');
    expect(build?.dockerfile).toBe(`${deployable.dir}/Dockerfile`);
    expect(existsSync(join(repo, deployable.dir, 'Dockerfile'))).toBe(true);
  });

  it.each(deployables)('$name: multi-stage, USER non-root, HEALTHCHECK on /health, EXPOSE $port, CMD', (deployable) => {
    const file = dockerfileOf(deployable);
    expect(file.instructions.filter((i) => i.keyword === 'FROM').length, 'FROM count').toBeGreaterThanOrEqual(2);
    const user = finalArgs(file, 'USER').at(-1);
    expect(user, 'USER in the final stage').toBeDefined();
    expect(user!.split(':')[0], 'final USER').not.toMatch(/^(root|0)$/);
    const healthcheck = finalArgs(file, 'HEALTHCHECK');
    expect(healthcheck.length, 'HEALTHCHECK in the final stage').toBe(1);
    expect(healthcheck[0]).toContain('/health');
    expect(healthcheck[0], 'slim images have no curl/wget').toMatch(/\bCMD \["node"/);
    const exposed = finalArgs(file, 'EXPOSE').flatMap((args) => args.split(/\s+/).map((p) => Number(p.split('/')[0])));
    expect(exposed).toContain(deployable.port);
    expect(finalArgs(file, 'CMD').length, 'CMD in the final stage').toBe(1);
    expect(
      file.final.some((i) => i.keyword === 'ENV' && /\bNODE_ENV=production\b/.test(i.args)),
      'ENV NODE_ENV=production',
    ).toBe(true);
  });

  it.each(deployables)('$name: installs only its own workspace from the root lockfile', (deployable) => {
    const file = dockerfileOf(deployable);
    const installs = file.instructions
      .filter((i) => i.keyword === 'RUN' && /\bnpm ci\b/.test(i.args))
      .map((i) => substitute(i.args, file.argDefaults));
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) {
      expect(install).toMatch(new RegExp(`--workspace "?${deployable.dir}"?(\\s|$)`));
      expect(install).toContain('--include-workspace-root=false');
    }
    expect(existsSync(join(repo, deployable.dir, 'package.json')), `${deployable.dir}/package.json`).toBe(true);
    // The runtime stage runs without dev dependencies (the apps ship no node_modules at all).
    if (deployable.kind !== 'web') expect(installs.some((install) => install.includes('--omit=dev'))).toBe(true);
  });

  it.each(deployables)('$name: every file it COPYs from the context exists and is not in .dockerignore', (deployable) => {
    const file = dockerfileOf(deployable);
    for (const { keyword, args } of file.instructions) {
      if ((keyword !== 'COPY' && keyword !== 'ADD') || /--from=/.test(args)) continue;
      const paths = substitute(args, file.argDefaults)
        .split(/\s+/)
        .filter((a) => !a.startsWith('--'))
        .slice(0, -1);
      for (const source of paths) {
        if (source === '.') continue;
        expect(existsSync(join(repo, source)), `${deployable.name}: COPY ${source}`).toBe(true);
        expect(ignoredByDocker(source), `${deployable.name}: COPY ${source} is excluded by .dockerignore`).toBe(false);
      }
    }
  });

  it.for(deployables)('$name: the CMD entry file exists', (deployable, ctx) => {
    const file = dockerfileOf(deployable);
    const workdir =
      finalArgs(file, 'WORKDIR').at(-1) ??
      substitute(file.instructions.find((i) => i.keyword === 'WORKDIR')?.args ?? '/app', file.argDefaults);
    const [program, entry] = execForm(finalArgs(file, 'CMD')[0]!);
    // tsx runs the sources: the workspace's own copy (/app/node_modules/.bin/tsx) or, in web images, a global one.
    expect(program).toMatch(/(^|\/)tsx$/);
    if (deployable.kind !== 'web') expect(program).toBe('/app/node_modules/.bin/tsx');
    const local = join(repo, workdir.replace(/^\/app\/?/, ''), entry!);
    if (!existsSync(local) && deployable.kind === 'subgraph' && !existsSync(join(repo, deployable.dir, 'src'))) {
      ctx.skip(`${deployable.dir} has no src/ yet`);
    }
    expect(existsSync(local), local).toBe(true);
  });

  it('the seven subgraph Dockerfiles are one file: they differ only in ARG SERVICE and ARG PORT', () => {
    const normalise = (path: string) =>
      read(path)
        .replace(/^ARG SERVICE=.*$/m, 'ARG SERVICE=*')
        .replace(/^ARG PORT=.*$/m, 'ARG PORT=*');
    const reference = normalise('subgraphs/agency/Dockerfile');
    for (const { name } of subgraphs) {
      expect(normalise(`subgraphs/${name}/Dockerfile`), `subgraphs/${name}/Dockerfile drifted from subgraphs/agency/Dockerfile`).toBe(
        reference,
      );
      expect(read(`subgraphs/${name}/Dockerfile`)).toMatch(new RegExp(`^ARG SERVICE=${name}\\n`, 'm'));
    }
  });

  it('the two web app Dockerfiles are one file: they differ only in ARG APP and ARG PORT', () => {
    const normalise = (path: string) =>
      read(path)
        .replace(/^ARG APP=.*$/m, 'ARG APP=*')
        .replace(/^ARG PORT=.*$/m, 'ARG PORT=*');
    expect(normalise('web-admin/Dockerfile')).toBe(normalise('web-client/Dockerfile'));
    expect(read('web-client/Dockerfile')).toMatch(/^ARG APP=web-client\n/m);
    expect(read('web-admin/Dockerfile')).toMatch(/^ARG APP=web-admin\n/m);
  });
});

describe('environment: (c) every service accepts its compose environment', () => {
  for (const deployable of deployables.filter((d) => d.envModule)) {
    const envModule = deployable.envModule!;
    if (!existsSync(join(repo, envModule))) {
      it.skip(`${deployable.name}: ${envModule} does not exist yet, nothing to check`, () => {});
      continue;
    }
    it(`${deployable.name}: ${envModule} loadEnv() accepts it, with every production store set`, async () => {
      const { loadEnv } = (await import(pathToFileURL(join(repo, envModule)).href)) as {
        loadEnv: (source: Record<string, string>) => Record<string, unknown>;
      };
      const env = containerEnvironment(deployable);
      const parsed = loadEnv(env); // throws EnvError listing every problem
      expect(parsed.PORT).toBe(deployable.port);
      expect(parsed.NODE_ENV).toBe('production');

      const source = read(envModule);
      const readByEnvTs = new Set([...source.matchAll(STORE_VARIABLE)].map((m) => m[1]!));
      for (const variable of STORE_VARIABLES[deployable.name] ?? []) {
        expect(env[variable], `${deployable.name}: ${variable} (production store) is not set in docker-compose.yml`).toBeTruthy();
        // Read under this very name, so the value reaches the service (not silently ignored).
        if (readByEnvTs.has(variable)) expect(parsed[variable], `${deployable.name}: loadEnv() dropped ${variable}`).toBeDefined();
      }
      for (const variable of readByEnvTs) {
        if (DELIBERATELY_UNSET[deployable.name]?.includes(variable)) continue;
        expect(
          env[variable],
          `${envModule} reads ${variable}, which docker-compose.yml does not set: the service would fall back to an embedded store`,
        ).toBeTruthy();
      }
    });
  }

  it.each(deployables.filter((d) => d.kind === 'web'))('$name: docker/spa-env.ts accepts it', (deployable) => {
    const env = loadSpaEnv(containerEnvironment(deployable));
    expect(env.APP_NAME).toBe(deployable.name);
    expect(env.PORT).toBe(deployable.port);
    expect(env.DIST_DIR).toBe(`/app/${deployable.name}/dist`);
    expect(new URL(env.GRAPHQL_URL).port, 'the browser reaches the gateway on its published port').toBe(String(PORTS.gateway));
  });

  it('store URLs point at compose services on their real ports, PostgreSQL databases exist', () => {
    const storePorts: Record<string, number> = { postgres: 5432, mysql: 3306, mongo: 27017, redis: 6379, minio: 9000, mailpit: 1025 };
    const databases = environmentOf(services.postgres?.environment, 'postgres.environment').POSTGRES_DATABASES?.split(',') ?? [];
    for (const deployable of deployables) {
      const env = environmentOf(services[deployable.name]!.environment, deployable.name);
      for (const [key, value] of Object.entries(env)) {
        if (!/_URL$|^S3_ENDPOINT$/.test(key) || key === 'GRAPHQL_URL') continue;
        const url = new URL(value);
        if (!(url.hostname in storePorts)) continue;
        expect(services[url.hostname], `${deployable.name}.${key}`).toBeDefined();
        expect(Number(url.port), `${deployable.name}.${key} port`).toBe(storePorts[url.hostname]);
        if (url.hostname === 'postgres')
          expect(databases, `${deployable.name}: database ${url.pathname.slice(1)} is created by the init script`).toContain(
            url.pathname.slice(1),
          );
      }
    }
    const postgresUrls = deployables.map((d) => environmentOf(services[d.name]!.environment, d.name).DATABASE_URL).filter(Boolean);
    expect(new Set(postgresUrls.map((u) => new URL(u!).pathname)).size, 'one database per service').toBe(postgresUrls.length);
  });

  it('secrets are ${VAR:-dev-default} interpolations, never literals', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [key, raw] of Object.entries(rawEnvironmentOf(service.environment))) {
        if (/PASSWORD|SECRET|_AUTH$/.test(key)) expect(raw, `${name}.${key}`).toMatch(/^\$\{[A-Z0-9_]+:-[^}]+\}$/);
        const credentials = /^[a-z]+:\/\/([^@/]*)@/.exec(raw)?.[1];
        const password = credentials?.includes(':') ? credentials.slice(credentials.indexOf(':') + 1) : undefined;
        if (password !== undefined) expect(password, `${name}.${key}: password in the URL`).toMatch(/^\$\{[A-Z0-9_]+:-[^}]+\}$/);
      }
    }
  });
});

describe('depends_on: (d) start order follows health', () => {
  it('every depends_on target exists and is waited for healthy when it has a healthcheck', () => {
    for (const [name, service] of Object.entries(services)) {
      for (const [target, condition] of Object.entries(dependsOn(service))) {
        expect(services[target], `${name} depends on ${target}, which is not a service`).toBeDefined();
        if (hasHealthcheck(target)) expect(condition, `${name} → ${target}`).toBe('service_healthy');
        else expect(['service_started', 'service_completed_successfully'], `${name} → ${target}`).toContain(condition ?? 'service_started');
      }
    }
  });

  it('every service depends on each store its environment points at', () => {
    for (const deployable of deployables) {
      const deps = dependsOn(services[deployable.name]!);
      const env = environmentOf(services[deployable.name]!.environment, deployable.name);
      for (const [key, value] of Object.entries(env)) {
        // Fetched lazily at the first request, not at start: no start order, and gateway → subgraph → gateway would be a cycle.
        const lazy = key === 'GATEWAY_JWKS_URL' || key === 'OIDC_JWKS_URL';
        if (!URL.canParse(value) || key === 'SUBGRAPH_URLS' || lazy) continue;
        const host = new URL(value).hostname;
        if (services[host] && host !== deployable.name) expect(deps[host], `${deployable.name}.${key} → ${host}`).toBe('service_healthy');
      }
    }
  });

  it('the gateway waits for every subgraph to be healthy', () => {
    const deps = dependsOn(services.gateway!);
    for (const { name } of subgraphs) expect(deps[name], `gateway → ${name}`).toBe('service_healthy');
  });
});

describe('gateway: (e) SUBGRAPH_URLS', () => {
  it('names every subgraph, each at http://<its service>:<its port>/graphql', () => {
    const env = environmentOf(services.gateway!.environment, 'gateway.environment');
    const urls = Object.fromEntries(
      (env.SUBGRAPH_URLS ?? '').split(',').map((entry) => {
        const [name = '', ...url] = entry.trim().split('=');
        return [name, url.join('=')];
      }),
    );
    expect(Object.keys(urls).sort()).toEqual(subgraphs.map((s) => s.name).sort());
    for (const { name, port } of subgraphs) expect(urls[name]).toBe(`http://${name}:${port}/graphql`);
  });
});

describe('stores: (f) real servers with healthchecks', () => {
  const stores = [
    { name: 'mysql', image: /^mysql:8\.4/ },
    { name: 'postgres', image: /^postgres:17/ },
    { name: 'mongo', image: /^mongo:7/ },
    { name: 'redis', image: /^redis:7/ },
    { name: 'minio', image: /minio\/minio/ },
    { name: 'mailpit', image: /mailpit/ },
  ];
  it.each(stores)('$name: image and healthcheck', ({ name, image }) => {
    const service = services[name];
    expect(service, name).toBeDefined();
    expect(service!.image).toMatch(image);
    expect(service!.healthcheck?.test, `${name} healthcheck`).toBeDefined();
    expect(service!.healthcheck?.disable).not.toBe(true);
  });

  it('data lives in named volumes, declared at the top level; bind mounts exist in the repository', () => {
    for (const name of ['mysql', 'postgres', 'mongo', 'redis', 'minio']) {
      const sources = (services[name]!.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[0]! : (v.source ?? '')));
      expect(
        sources.some((s) => s in (compose.volumes ?? {})),
        `${name} has a named data volume`,
      ).toBe(true);
    }
    for (const [name, service] of Object.entries(services)) {
      for (const volume of service.volumes ?? []) {
        const source = typeof volume === 'string' ? volume.split(':')[0]! : (volume.source ?? '');
        if (source.startsWith('.') || source.startsWith('/')) expect(existsSync(join(repo, source)), `${name}: ${source}`).toBe(true);
        else expect(compose.volumes ?? {}, `${name}: volume ${source}`).toHaveProperty(source);
      }
    }
  });

  it('PostgreSQL creates one database per service with the init script', () => {
    const volumes = (services.postgres!.volumes ?? []).map(String);
    expect(volumes.some((v) => v.startsWith('./docker/postgres/create-databases.sh:/docker-entrypoint-initdb.d/'))).toBe(true);
  });
});

describe('.dockerignore', () => {
  it('keeps installs, builds, local data, VCS state, test output and secrets out of the build context', () => {
    for (const path of [
      'node_modules',
      'gateway/node_modules/x',
      'web-client/dist/index.html',
      '.data/agency',
      '.git',
      'test-results',
      '.env',
      'coverage',
    ]) {
      expect(ignoredByDocker(path), path).toBe(true);
    }
    for (const path of [
      'package-lock.json',
      'packages/kit/src/spa.ts',
      'subgraphs/agency/drizzle/0000_init.sql',
      'docker/spa-server.ts',
      'supergraph.graphql',
    ]) {
      expect(ignoredByDocker(path), path).toBe(false);
    }
  });
});
