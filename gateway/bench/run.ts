import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startPlatform } from '@market/testkit';
import { loadBenchEnv } from './env';
import autocannon from 'autocannon';

/**
 * `npm run bench:gateway`: the same two operations, in one run, against
 *   direct   — the agency subgraph itself (single-subgraph operation only),
 *   apollo   — stock @apollo/gateway + @apollo/server, no plugins,
 *   hive     — Hive Gateway's runtime (@graphql-hive/gateway-runtime),
 *   ours-off — our gateway with EDGE_POLICIES=false,
 *   ours     — our gateway with every edge policy on (budgets large enough never to refuse the load generator),
 * all on the repository's supergraph, over the real subgraphs (demo data; embedded PGlite, or the servers DATABASE_URL and
 * MYSQL_URL name) running in this process.
 * Each gateway runs in its own process (its peak RSS is read from /proc). Prints RPS, p50/p99 and peak memory with
 * the ratios, and writes gateway/bench/results/report.md with an SVG plot.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'gateway/bench/results');
const env = loadBenchEnv();
const DURATION_S = env.BENCH_DURATION_S;
const CONNECTIONS = env.BENCH_CONNECTIONS;
/** Where the subgraphs keep their data (startPlatform follows DATABASE_URL / MYSQL_URL / REDIS_URL). */
const STORES = env.DATABASE_URL ? 'PostgreSQL (sso on MySQL when MYSQL_URL is set)' : 'embedded PGlite';
const TARGETS = env.BENCH_TARGETS;

const OPERATIONS = {
  nested: `query Nested { orders(first: 10) { edges { node { number status customer { email profile { displayName } } agency { name city } } } } }`,
  single: `query Single { agencies(first: 10) { edges { node { name slug city rating } } } }`,
} as const;
type Operation = keyof typeof OPERATIONS;

interface Measurement {
  target: string;
  operation: Operation;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function post(url: string, query: string): Promise<{ data?: unknown; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: unknown; errors?: unknown[] };
}

async function load(url: string, operation: Operation, durationS: number): Promise<Omit<Measurement, 'target'>> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: durationS,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: OPERATIONS[operation] }),
  });
  return {
    operation,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** Peak resident memory of a process in MiB (Linux). */
function peakRssMiB(pid: number): number | undefined {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : undefined;
}

async function startTarget(kind: string, supergraphPath: string): Promise<{ url: string; child: ChildProcess; stderr: () => string }> {
  const port = await freePort();
  // node --import tsx (not the tsx CLI, which runs the script in a child of its own): the pid measured is the gateway's.
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every gateway into that folder (open it in Chrome DevTools).
  const profile = env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${env.BENCH_CPU_PROF}`] : [];
  const child = spawn(
    join(ROOT, 'node_modules/.bin/node'),
    [...profile, '--import', 'tsx', 'bench/target.ts', kind, String(port), supergraphPath],
    {
      cwd: join(ROOT, 'gateway'),
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'test' },
    },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}: ${stderr.slice(-2000)}`)));
  });
  return { url: `http://127.0.0.1:${port}/graphql`, child, stderr: () => stderr };
}

function svgPlot(rows: Measurement[]): string {
  const operations = Object.keys(OPERATIONS) as Operation[];
  const targets = [...new Set(rows.map((r) => r.target))];
  const max = Math.max(...rows.map((r) => r.rps), 1);
  const barW = 34;
  const groupW = targets.length * barW + 40;
  const height = 320;
  const colors = ['#8d99ae', '#2b9348', '#e76f51', '#457b9d', '#1d3557'];
  const bars = operations.flatMap((operation, g) =>
    targets.flatMap((target, i) => {
      const row = rows.find((r) => r.operation === operation && r.target === target);
      if (!row) return [];
      const h = Math.round((row.rps / max) * (height - 80));
      const x = 60 + g * groupW + i * barW;
      const y = height - 40 - h;
      return [
        `<rect x="${x}" y="${y}" width="${barW - 6}" height="${h}" fill="${colors[i % colors.length]}"><title>${target} ${operation}: ${Math.round(row.rps)} req/s</title></rect>`,
        `<text x="${x + (barW - 6) / 2}" y="${y - 4}" font-size="10" text-anchor="middle">${Math.round(row.rps)}</text>`,
      ];
    }),
  );
  const labels = operations.map(
    (operation, g) =>
      `<text x="${60 + g * groupW + (targets.length * barW) / 2}" y="${height - 20}" font-size="12" text-anchor="middle">${operation}</text>`,
  );
  const legend = targets.map(
    (target, i) =>
      `<rect x="${60 + i * 110}" y="8" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${74 + i * 110}" y="17" font-size="11">${target}</text>`,
  );
  const width = 80 + operations.length * groupW;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<text x="10" y="${height / 2}" font-size="11" transform="rotate(-90 10 ${height / 2})" text-anchor="middle">requests per second</text>
<line x1="50" y1="${height - 40}" x2="${width - 10}" y2="${height - 40}" stroke="#333"/>
${[...legend, ...bars, ...labels].join('\n')}
</svg>
`;
}

/** Without terminal colour codes. */
const stripAnsi = (text: string) => text.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '');

const ratio = (a: number | undefined, b: number | undefined) => (a && b ? `${(a / b).toFixed(2)}×` : '–');

async function main() {
  process.stdout.write(`Starting the subgraphs (embedded, demo data)…\n`);
  const platform = await startPlatform({ lockDown: false, only: ['sso', 'user', 'agency', 'order'] });
  const scratch = mkdtempSync(join(tmpdir(), 'bench-gateway-'));
  const rows: Measurement[] = [];
  const memory: Record<string, number | undefined> = {};
  const failures: Record<string, string> = {};
  try {
    // The supergraph, routed to the subgraphs of this run.
    let sdl = readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8');
    for (const [name, service] of Object.entries(platform.services)) {
      sdl = sdl.replace(new RegExp(`(@join__graph\\(name: "${name}", url: ")[^"]+"`), `$1${service.url}/graphql"`);
    }
    const supergraphPath = join(scratch, 'supergraph.graphql');
    writeFileSync(supergraphPath, sdl);

    const agency = `${platform.services.agency?.url}/graphql`;
    const reference = JSON.stringify((await post(agency, OPERATIONS.single)).data);
    await load(agency, 'single', 2);
    rows.push({ target: 'direct', ...(await load(agency, 'single', DURATION_S)) });
    process.stdout.write(`direct single: ${Math.round(rows.at(-1)?.rps ?? 0)} req/s\n`);

    let nestedReference: string | undefined;
    for (const target of TARGETS) {
      let started: Awaited<ReturnType<typeof startTarget>> | undefined;
      try {
        started = await startTarget(target, supergraphPath);
        // Same answers everywhere, or the comparison means nothing.
        for (const operation of Object.keys(OPERATIONS) as Operation[]) {
          const answer = await post(started.url, OPERATIONS[operation]);
          if (answer.errors?.length) throw new Error(`${operation}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
          const data = JSON.stringify(answer.data);
          if (operation === 'single' && data !== reference) throw new Error('single: a different answer than the subgraph');
          if (operation === 'nested') {
            nestedReference ??= data;
            if (data !== nestedReference) throw new Error('nested: a different answer than the other gateways');
          }
        }
        for (const operation of Object.keys(OPERATIONS) as Operation[]) {
          await load(started.url, operation, 2);
          const measured = await load(started.url, operation, DURATION_S);
          rows.push({ target, ...measured });
          process.stdout.write(`${target} ${operation}: ${Math.round(measured.rps)} req/s, p99 ${measured.p99} ms\n`);
        }
        memory[target] = started.child.pid ? peakRssMiB(started.child.pid) : undefined;
      } catch (error) {
        failures[target] = `${error instanceof Error ? error.message : String(error)}${
          started ? ` — ${stripAnsi(started.stderr()).trim().slice(0, 1500)}` : ''
        }`;
        process.stdout.write(`${target}: FAILED ${failures[target]}\n`);
      } finally {
        if (started) {
          const exited = new Promise((resolve) => started?.child.once('exit', resolve));
          started.child.kill('SIGTERM');
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
          started.child.kill('SIGKILL');
        }
      }
    }
  } finally {
    await platform.stop();
    rmSync(scratch, { recursive: true, force: true });
  }

  const find = (target: string, operation: Operation) => rows.find((r) => r.target === target && r.operation === operation);
  const table = [
    '| target | operation | req/s | p50 ms | p99 ms | errors | peak RSS MiB |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) => `| ${r.target} | ${r.operation} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} | ${memory[r.target] ?? '–'} |`,
    ),
  ].join('\n');
  const ratios = (['nested', 'single'] as Operation[])
    .map((operation) => {
      const ours = find('ours', operation)?.rps;
      return `| ${operation} | ${ratio(ours, find('apollo', operation)?.rps)} | ${ratio(ours, find('hive', operation)?.rps)} | ${ratio(ours, find('ours-off', operation)?.rps)} |`;
    })
    .join('\n');
  const report = `# Gateway benchmark

${new Date().toISOString()} · Node ${process.version} · ${CONNECTIONS} connections · ${DURATION_S} s per run after 2 s of warm-up ·
subgraphs sso, user, agency, order on ${STORES} in the load generator's process; each gateway in its own process.

Operations: **nested** \`${OPERATIONS.nested}\` (order → sso + user + agency), **single** \`${OPERATIONS.single}\` (agency only).

${table}

Ratios (throughput of ours with every edge policy on):

| operation | ours / stock @apollo/gateway | ours / Hive Gateway | ours / ours with policies off |
|---|---:|---:|---:|
${ratios}

${Object.entries(failures)
  .map(([target, message]) => `- **${target} failed:** ${message}`)
  .join('\n')}

![requests per second](gateway-rps.svg)
`;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'report.md'), report);
  writeFileSync(join(RESULTS, 'gateway-rps.svg'), svgPlot(rows));
  process.stdout.write(
    `\n${table}\n\n| operation | ours/apollo | ours/hive | ours/ours-off |\n|---|---:|---:|---:|\n${ratios}\n\nReport: gateway/bench/results/report.md\n`,
  );
}

await main();
