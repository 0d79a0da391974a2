import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { request } from 'undici';
import { createLogger, generateGatewayKeys } from '@market/kit';
import { freePort } from '@market/testkit';
import { readSupergraphConfig } from '../src/compose';
import { loadSubscriptionBenchEnv } from './env';
import { AUDIENCE, ISSUER, startSsoStandIn, type SsoStandIn } from '../test/sso-stand-in';
import type { LoadAssignment, LoadCommand, LoadMessage } from './subscriptions-load';
import type { HostMessage, HostStart } from './subscriptions-platform';
import { composeSubscriptionStubs, startSubscriptionStubs } from './subscriptions-stubs';

/**
 * `npm run bench:subscriptions -w gateway`: N graphql-ws clients (from BENCH_SUB_WORKERS load-generator processes)
 * subscribe through ONE gateway process to M conversations, with a federated field in the selection
 * (`sender { profile { displayName } }` from the user subgraph). Messages are sent at a fixed rate; measured:
 * delivered/expected, end-to-end latency p50/p99, gateway RSS per subscriber, upstream subscriptions (gateway
 * metric) vs distinct subscriptions, after BENCH_SUB_WARMUP_S of the same load reported apart. The same load runs
 * again with SUBSCRIPTION_DEDUPE=false as the baseline.
 * Writes gateway/bench/results/subscriptions.md and subscriptions-latency.svg.
 *
 * Targets (BENCH_SUB_TARGET):
 * - `platform` (default): the real chat and user subgraphs (PGlite, or PostgreSQL when DATABASE_URL is set; pub/sub
 *   in-process, or Redis when REDIS_URL is set). Every message is a `sendMessage` mutation over HTTP through the
 *   measured gateway; latency runs from just before the mutation is sent to the receipt by each subscriber.
 * - `stubs`: stand-in subgraphs (bench/subscriptions-stubs.ts) that publish without a store, which isolates the
 *   gateway; latency runs from the stub's publish to the receipt.
 */

const env = loadSubscriptionBenchEnv();

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS = join(ROOT, 'gateway/bench/results');
const logger = createLogger({ service: 'bench', level: 'warn' });

/** The subgraphs the gateway is put in front of. */
interface BenchTarget {
  name: string;
  /** What the latency is measured from (for the report). */
  latencyFrom: string;
  /** The client subscription (variable `conversationId`). */
  query: string;
  /** Where each result carries its send time (a number in ms since epoch, or a string ending in `@<ms>`). */
  sentAtPath: string[];
  /** Where each result carries the time the subgraph stored it (ISO date), when it does. */
  storedAtPath?: string[];
  supergraphSdl: string;
  subgraphUrls: Record<string, string>;
  /** The subgraphs the gateway must reach before a run starts. */
  needed: string[];
  conversations: string[];
  participants(conversationId: string): string[];
  /**
   * Sends message number `sequence` in the conversation, through the measured gateway at `gatewayUrl`; its body
   * starts `message <sequence>`, or `warm-up <sequence>` for a warm-up message.
   */
  publish(gatewayUrl: string, conversationId: string, sequence: number, warmUp?: boolean): Promise<void> | void;
  /** Processes that run the subgraphs apart from this one (their CPU is reported). */
  pids(): number[];
  stop(): Promise<void>;
}

async function stubTarget(publicJwk: Parameters<typeof startSubscriptionStubs>[0]['gatewayPublicJwk']): Promise<BenchTarget> {
  const stubs = await startSubscriptionStubs({ gatewayPublicJwk: publicJwk, logger });
  const conversations = Array.from({ length: env.BENCH_SUB_CONVERSATIONS }, (_, i) => `conversation-${i}`);
  const participants = (conversationId: string) =>
    Array.from({ length: env.BENCH_SUB_USERS_PER_CONVERSATION }, (_, k) => `user-${conversationId}-${k}`);
  return {
    name: 'stub chat + people subgraphs (bench/subscriptions-stubs.ts)',
    latencyFrom: "the stub subgraph's publish (no store, no mutation)",
    query: `subscription Added($conversationId: ID!) {
  messageAdded(conversationId: $conversationId) { id body publishedAt sender { id profile { displayName } } }
}`,
    sentAtPath: ['messageAdded', 'publishedAt'],
    supergraphSdl: composeSubscriptionStubs(),
    subgraphUrls: stubs.urls(),
    needed: ['chat', 'people'],
    conversations,
    participants,
    publish: (_gatewayUrl, conversationId, sequence, warmUp) => {
      stubs.publish(
        conversationId,
        `${warmUp ? 'warm-up' : 'message'} ${sequence}`,
        participants(conversationId)[sequence % env.BENCH_SUB_USERS_PER_CONVERSATION] ?? 'x',
      );
    },
    pids: () => [],
    stop: () => stubs.stop(),
  };
}

/** Nothing listens on port 2: subgraphs the benchmark does not run fail fast instead of reaching a local `npm start`. */
const UNREACHABLE = 'http://127.0.0.1:2/graphql';

/** undici's request API rather than fetch: the sender shares the machine's cores with what it measures. */
async function graphql(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.body.json()) as { data?: Record<string, unknown> | null; errors?: { message: string }[] };
  if (response.statusCode !== 200 || body.errors?.length || !body.data) {
    throw new Error(`${response.statusCode}: ${body.errors?.map((e) => e.message).join('; ') ?? 'no data'}`);
  }
  return body.data;
}

/**
 * The real chat and user subgraphs, in a process of their own (bench/subscriptions-platform.ts). Set-up goes
 * through that process's own gateway with the same tokens: every user names themself (updateProfile), then the
 * first of each pair opens a DIRECT conversation with the second (startConversation). The measured gateway process
 * is spawned per run in front of the same subgraphs with the signing key they trust.
 */
async function platformTarget(signingKey: string, sso: SsoStandIn): Promise<BenchTarget> {
  if (env.BENCH_SUB_USERS_PER_CONVERSATION !== 2) {
    throw new Error('BENCH_SUB_USERS_PER_CONVERSATION must be 2 for the platform target (DIRECT conversations)');
  }
  process.stdout.write(`starting the chat and user subgraphs (${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})…\n`);
  const profile = env.BENCH_SUB_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', join(env.BENCH_SUB_CPU_PROF, 'subgraphs')] : [];
  const host = fork(join(ROOT, 'gateway/bench/subscriptions-platform.ts'), [], {
    execArgv: [...profile, '--import', 'tsx'],
    cwd: join(ROOT, 'gateway'),
  });
  const stopHost = async () => {
    if (host.exitCode !== null) return;
    const exited = new Promise((resolve) => host.once('exit', resolve));
    host.send({ type: 'stop' });
    await exited;
  };
  const ready = await new Promise<Extract<HostMessage, { type: 'ready' }>>((resolve, reject) => {
    host.once('exit', (code) => reject(new Error(`the subgraph host exited (${code})`)));
    host.on('message', (message: HostMessage) => {
      if (message.type === 'ready') resolve(message);
      else reject(new Error(`the subgraph host failed: ${message.error}`));
    });
    host.send({
      type: 'start',
      signingKey,
      gatewayEnv: {
        OIDC_ISSUER: ISSUER,
        OIDC_JWKS_URL: sso.jwksUrl,
        API_AUDIENCE: AUDIENCE,
        RATE_LIMIT_REQUESTS: '1000000000',
        RATE_LIMIT_COST: '1000000000000',
      },
    } satisfies HostStart);
  });
  try {
    const tokens = new Map<string, string>();
    const tokenOf = async (user: string) => {
      let token = tokens.get(user);
      if (!token) tokens.set(user, (token = await sso.accessToken({ subject: user, expiresAt: Math.floor(Date.now() / 1000) + 3_600 })));
      return token;
    };
    const members = new Map<string, string[]>();
    const conversations: string[] = [];
    process.stdout.write(`creating ${env.BENCH_SUB_CONVERSATIONS} DIRECT conversations and ${2 * env.BENCH_SUB_CONVERSATIONS} profiles…\n`);
    for (let i = 0; i < env.BENCH_SUB_CONVERSATIONS; i++) {
      const pair = [randomUUID(), randomUUID()];
      for (const [k, user] of pair.entries()) {
        await graphql(
          ready.setupUrl,
          await tokenOf(user),
          'mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { displayName } }',
          {
            input: { displayName: `Bench user ${i}-${k}` },
          },
        );
      }
      const data = await graphql(
        ready.setupUrl,
        await tokenOf(pair[0] ?? ''),
        'mutation ($input: StartConversationInput!) { startConversation(input: $input) { id } }',
        { input: { kind: 'DIRECT', userId: pair[1] } },
      );
      const id = (data.startConversation as { id: string }).id;
      conversations.push(id);
      members.set(id, pair);
    }
    const routed = readSupergraphConfig(join(ROOT, 'supergraph.yaml')).subgraphs.map(({ name }) => name);
    const subgraphUrls = Object.fromEntries(routed.map((name) => [name, UNREACHABLE]));
    Object.assign(subgraphUrls, ready.subgraphUrls);
    const participants = (conversationId: string) => members.get(conversationId) ?? [];
    return {
      name: `the chat and user subgraphs on ${env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}, pub/sub ${env.REDIS_URL ? 'on Redis' : 'in-process'}, every message a sendMessage mutation through the measured gateway`,
      latencyFrom: 'just before the sendMessage mutation is sent (HTTP, through the measured gateway)',
      query: `subscription Added($conversationId: ID!) {
  messageAdded(conversationId: $conversationId) { id body createdAt sender { id profile { displayName } } }
}`,
      sentAtPath: ['messageAdded', 'body'],
      storedAtPath: ['messageAdded', 'createdAt'],
      supergraphSdl: readFileSync(join(ROOT, 'supergraph.graphql'), 'utf8'),
      subgraphUrls,
      needed: ['chat', 'user'],
      conversations,
      participants,
      publish: async (gatewayUrl, conversationId, sequence, warmUp) => {
        const sender = participants(conversationId)[sequence % 2] ?? '';
        await graphql(
          `${gatewayUrl}/graphql`,
          await tokenOf(sender),
          'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }',
          {
            input: { conversationId, body: `${warmUp ? 'warm-up' : 'message'} ${sequence} sent@${Date.now()}` },
          },
        );
      },
      pids: () => [host.pid ?? 0],
      stop: stopHost,
    };
  } catch (error) {
    await stopHost();
    throw error;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `send` for 0 … total-1 at BENCH_SUB_RATE per second, without waiting for the sends: the rate stays fixed. */
async function paced(total: number, send: (n: number) => void): Promise<void> {
  const started = performance.now();
  let n = 0;
  while (n < total) {
    const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * env.BENCH_SUB_RATE) + 1);
    for (; n < due; n++) send(n);
    await sleep(Math.max(1, 1000 / env.BENCH_SUB_RATE / 2));
  }
}

function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return kb ? Number(kb) / 1024 : 0;
}

/** CPU seconds a process has used (user + system), from /proc (Linux, 100 ticks/s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The 1-minute load average: other work on the machine competes with the run. */
const loadAverage = () => Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);

async function metricSum(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

interface RunResult {
  label: string;
  dedupe: boolean;
  clients: number;
  subscribed: number;
  distinct: number;
  upstreams: number;
  published: number;
  expected: number;
  delivered: number;
  errors: number;
  errorKinds: Record<string, number>;
  /** Messages whose send failed (not counted in `expected`), by error. */
  sendErrors: Record<string, number>;
  /** Deliveries of messages whose send failed at the sender (stored nonetheless). */
  deliveredOfFailed: number;
  /** Sends the sender saw succeed (of `published`). */
  acknowledgedSends: number;
  closed: number;
  p50: number;
  p99: number;
  max: number;
  rssBefore: number;
  rssAfter: number;
  rssPeak: number;
  /** Share of one core the gateway used while messages were published and drained. */
  gatewayCpu: number;
  /** The same for the subgraphs' process(es) (the stubs share the publisher's) and the load generators together. */
  subgraphsCpu: number;
  loadCpu: number;
  loadAverage: number;
  latencies: number[];
  /** p50/p99 (ms) of the messages sent in each second of the run. */
  perSecond: { p50: number; p99: number }[];
  /** The warm-up before the run (not in the results above). */
  warmUp: { sends: number; failed: number; delivered: number; p50: number; p99: number };
  /** p50/p99 of the part from the subgraph's store time to the receipt (NaN when the target does not say). */
  storedP50: number;
  storedP99: number;
}

async function startGatewayProcess(options: {
  supergraphPath: string;
  subgraphUrls: Record<string, string>;
  signingKey: string;
  sso: SsoStandIn;
  dedupe: boolean;
  /** The subgraphs whose readiness checks must pass (the others are not part of the benchmark). */
  needed: string[];
}): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const profile = env.BENCH_SUB_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', env.BENCH_SUB_CPU_PROF] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', join(ROOT, 'gateway/src/index.ts')], {
    cwd: join(ROOT, 'gateway'),
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      PLAYGROUND: 'false',
      SUPERGRAPH_PATH: options.supergraphPath,
      SUBGRAPH_URLS: Object.entries(options.subgraphUrls)
        .map(([name, url]) => `${name}=${url}`)
        .join(','),
      GATEWAY_SIGNING_KEY: options.signingKey,
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: options.sso.jwksUrl,
      API_AUDIENCE: AUDIENCE,
      // Every policy is on; the budgets are large enough that the load generator is never refused.
      RATE_LIMIT_REQUESTS: '1000000000',
      RATE_LIMIT_COST: '1000000000000',
      SUBSCRIPTION_DEDUPE: String(options.dedupe),
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4_000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway exited: ${stderr}`);
    const ready = await fetch(`${url}/ready`).then(
      async (r) => {
        const { checks } = (await r.json()) as { checks: Record<string, { ok: boolean }> };
        return ['supergraph', ...options.needed].every((name) => checks[name]?.ok);
      },
      () => false,
    );
    if (ready) return { url, child };
    if (Date.now() > deadline) throw new Error(`the gateway did not get ready: ${stderr}`);
    await sleep(250);
  }
}

async function run(
  label: string,
  dedupe: boolean,
  target: BenchTarget,
  sso: SsoStandIn,
  signingKey: string,
  supergraphPath: string,
): Promise<RunResult> {
  const progress = (text: string) => process.stdout.write(`[${label}] ${text}\n`);
  const gateway = await startGatewayProcess({
    supergraphPath,
    subgraphUrls: target.subgraphUrls,
    signingKey,
    sso,
    dedupe,
    needed: target.needed,
  });
  const workers: ChildProcess[] = [];
  try {
    await sleep(1_000);
    const rssBefore = rssMiB(gateway.child.pid ?? 0);
    // Clients round-robin over conversations, then over each conversation's participants.
    const tokens = new Map<string, string>();
    const subscribers: LoadAssignment['subscribers'] = [];
    const clientsPer = new Map<string, number>();
    for (let i = 0; i < env.BENCH_SUB_CLIENTS; i++) {
      const conversationId = target.conversations[i % target.conversations.length] ?? '';
      const people = target.participants(conversationId);
      const user = people[Math.floor(i / target.conversations.length) % people.length] ?? '';
      let token = tokens.get(user);
      if (!token) tokens.set(user, (token = await sso.accessToken({ subject: user, expiresAt: Math.floor(Date.now() / 1000) + 3_600 })));
      subscribers.push({ token, variables: { conversationId } });
      clientsPer.set(conversationId, (clientsPer.get(conversationId) ?? 0) + 1);
    }
    const distinct = dedupe ? new Set(subscribers.map((s) => `${s.token}|${String(s.variables.conversationId)}`)).size : subscribers.length;
    progress(`${env.BENCH_SUB_CLIENTS} clients over ${env.BENCH_SUB_WORKERS} load-generator processes subscribing…`);
    const reports = new Map<ChildProcess, Extract<LoadMessage, { type: 'results' }>>();
    const counts = new Map<ChildProcess, number>();
    let subscribed = 0;
    const subscribedAll = Promise.all(
      Array.from({ length: env.BENCH_SUB_WORKERS }, (_, w) => {
        const worker = fork(join(ROOT, 'gateway/bench/subscriptions-load.ts'), [], {
          execArgv: ['--import', 'tsx'],
          cwd: join(ROOT, 'gateway'),
        });
        workers.push(worker);
        worker.on('message', (message: LoadMessage) => {
          if (message.type === 'results') reports.set(worker, message);
          if (message.type === 'count') counts.set(worker, message.received);
        });
        const share = subscribers.filter((_, i) => i % env.BENCH_SUB_WORKERS === w);
        const command: LoadCommand = {
          type: 'start',
          assignment: {
            url: `${gateway.url.replace('http', 'ws')}/graphql`,
            query: target.query,
            subscribers: share,
            sentAtPath: target.sentAtPath,
            sequencePath: ['messageAdded', 'body'],
            ...(target.storedAtPath ? { storedAtPath: target.storedAtPath } : {}),
            concurrency: 64,
          },
        };
        worker.send(command);
        return new Promise<void>((resolve) =>
          worker.on('message', (message: LoadMessage) => {
            if (message.type !== 'subscribed') return;
            subscribed += message.count;
            resolve();
          }),
        );
      }),
    );
    await subscribedAll;
    // Sockets are up; wait until the gateway holds every subscription.
    const deadline = Date.now() + 120_000;
    while ((await metricSum(gateway.url, 'gateway_subscription_clients')) < subscribed && Date.now() < deadline) await sleep(500);
    await sleep(1_000);
    const clients = await metricSum(gateway.url, 'gateway_subscription_clients');
    const upstreams = await metricSum(gateway.url, 'gateway_subscription_upstreams');
    const rssAfter = rssMiB(gateway.child.pid ?? 0);
    progress(
      `${clients} client subscriptions, ${upstreams} upstream subscriptions (${distinct} distinct); publishing ${env.BENCH_SUB_RATE}/s for ${env.BENCH_SUB_DURATION_S} s…`,
    );

    const conversationOf = (n: number) => target.conversations[n % target.conversations.length] ?? '';
    // Warm-up: the same load, not counted (the gateway process was started for this run and has compiled nothing).
    const warmUpTotal = env.BENCH_SUB_RATE * env.BENCH_SUB_WARMUP_S;
    const warmUpSends: Promise<unknown>[] = [];
    let warmUpFailed = 0;
    if (warmUpTotal > 0) {
      progress(`warming up: ${env.BENCH_SUB_RATE}/s for ${env.BENCH_SUB_WARMUP_S} s (not counted)…`);
      await paced(warmUpTotal, (n) =>
        warmUpSends.push(Promise.resolve(target.publish(gateway.url, conversationOf(n), n, true)).catch(() => warmUpFailed++)),
      );
      await Promise.all(warmUpSends);
      await sleep(2_000);
    }

    let published = 0;
    let expected = 0;
    let rssPeak = rssAfter;
    const total = env.BENCH_SUB_RATE * env.BENCH_SUB_DURATION_S;
    const started = performance.now();
    const subgraphPids = target.pids().length ? target.pids() : [process.pid];
    const cpuOf = (pids: (number | undefined)[]) => pids.reduce((sum: number, pid) => sum + (pid ? cpuSeconds(pid) : 0), 0);
    const cpuBefore = cpuSeconds(gateway.child.pid ?? 0);
    const subgraphsCpuBefore = cpuOf(subgraphPids);
    const loadCpuBefore = cpuOf(workers.map((w) => w.pid));
    // Sends are not awaited one by one: the rate stays fixed however long each takes.
    const sends: Promise<void>[] = [];
    const sendErrors: Record<string, number> = {};
    // A send that failed at the sender (a timeout, say) may still have been stored and delivered: deliveries are
    // counted against the acknowledged sends only, and those of failed sends reported apart.
    const acknowledged = new Set<number>();
    const failed = new Set<number>();
    await paced(total, (sequence) => {
      const conversationId = conversationOf(sequence);
      const sent = Promise.resolve(target.publish(gateway.url, conversationId, sequence)).then(
        () => {
          acknowledged.add(sequence);
          expected += clientsPer.get(conversationId) ?? 0;
        },
        (error: unknown) => {
          failed.add(sequence);
          const kind = (error instanceof Error ? error.message : String(error)).slice(0, 160);
          sendErrors[kind] = (sendErrors[kind] ?? 0) + 1;
        },
      );
      sends.push(sent);
      published++;
      if (published % env.BENCH_SUB_RATE === 0) rssPeak = Math.max(rssPeak, rssMiB(gateway.child.pid ?? 0));
    });
    // CPU over the publishing window (the drain below can be long and idle).
    const elapsedS = (performance.now() - started) / 1000;
    const gatewayCpu = (cpuSeconds(gateway.child.pid ?? 0) - cpuBefore) / elapsedS;
    const subgraphsCpu = (cpuOf(subgraphPids) - subgraphsCpuBefore) / elapsedS;
    const loadCpu = (cpuOf(workers.map((w) => w.pid)) - loadCpuBefore) / elapsedS;
    await Promise.all(sends);
    // Drain: a gateway that fell behind still delivers; wait until every delivery arrived, nothing arrived for
    // 6 s, or 60 s passed.
    const drainUntil = Date.now() + 60_000;
    let last = -1;
    let stalled = 0;
    for (;;) {
      await sleep(2_000);
      for (const worker of workers) worker.send({ type: 'count' } satisfies LoadCommand);
      await sleep(200);
      const now = [...counts.values()].reduce((sum, n) => sum + n, 0);
      stalled = now === last ? stalled + 1 : 0;
      if (stalled >= 3 || now >= expected || Date.now() > drainUntil) break;
      last = now;
    }
    const load = loadAverage();
    for (const worker of workers) worker.send({ type: 'report' } satisfies LoadCommand);
    const wait = Date.now() + 30_000;
    while (reports.size < workers.length && Date.now() < wait) await sleep(100);
    const all = [...reports.values()];
    const latencies = all.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const fromStored = all.flatMap((r) => r.fromStored).sort((a, b) => a - b);
    const warmUp = all.flatMap((r) => r.warmUp).sort((a, b) => a - b);
    const deliveredSequences = all.flatMap((r) => r.sequences);
    // Latency by the second of the run the message was sent in (sequence / rate): warm-up and stalls show here.
    const bySecond: number[][] = [];
    for (const r of all) {
      r.sequences.forEach((sequence, i) => {
        if (sequence < 0) return;
        const second = Math.floor(sequence / env.BENCH_SUB_RATE);
        (bySecond[second] ??= []).push(r.latencies[i] ?? 0);
      });
    }
    const perSecond = Array.from(bySecond, (values = []) => {
      const sorted = values.sort((a, b) => a - b);
      return { p50: percentile(sorted, 50) / 10, p99: percentile(sorted, 99) / 10 };
    });
    const delivered = deliveredSequences.filter((n) => acknowledged.has(n)).length;
    const deliveredOfFailed = deliveredSequences.filter((n) => failed.has(n)).length;
    const result: RunResult = {
      label,
      dedupe,
      clients: env.BENCH_SUB_CLIENTS,
      subscribed: clients,
      distinct,
      upstreams,
      published,
      expected,
      delivered,
      errors: all.reduce((sum, r) => sum + r.errors, 0),
      errorKinds: all.reduce<Record<string, number>>((kinds, r) => {
        for (const [kind, n] of Object.entries(r.errorKinds)) kinds[kind] = (kinds[kind] ?? 0) + n;
        return kinds;
      }, {}),
      sendErrors,
      deliveredOfFailed,
      acknowledgedSends: acknowledged.size,
      closed: all.reduce((sum, r) => sum + r.closed, 0),
      p50: percentile(latencies, 50) / 10,
      p99: percentile(latencies, 99) / 10,
      max: (latencies.at(-1) ?? NaN) / 10,
      rssBefore,
      rssAfter,
      rssPeak,
      gatewayCpu,
      subgraphsCpu,
      loadCpu,
      loadAverage: load,
      latencies,
      storedP50: percentile(fromStored, 50) / 10,
      storedP99: percentile(fromStored, 99) / 10,
      perSecond,
      warmUp: {
        sends: warmUpTotal,
        failed: warmUpFailed,
        delivered: warmUp.length,
        p50: percentile(warmUp, 50) / 10,
        p99: percentile(warmUp, 99) / 10,
      },
    };
    progress(`p50/p99 by second of sending (ms): ${perSecond.map((s) => `${s.p50}/${s.p99}`).join(' ')}`);
    progress(
      `delivered ${delivered}/${expected} (${((100 * delivered) / Math.max(1, expected)).toFixed(2)}%), p50 ${result.p50} ms, p99 ${result.p99} ms, RSS ${rssBefore.toFixed(0)} → ${rssAfter.toFixed(0)} MiB`,
    );
    return result;
  } finally {
    for (const worker of workers) worker.send({ type: 'stop' } satisfies LoadCommand);
    await Promise.all(
      workers.map((worker) => new Promise((resolve) => (worker.exitCode !== null ? resolve(null) : worker.once('exit', resolve)))),
    );
    gateway.child.kill('SIGTERM');
    await new Promise((resolve) => (gateway.child.exitCode !== null ? resolve(null) : gateway.child.once('exit', resolve)));
  }
}

/** Latency histograms of the runs (log-spaced buckets), as an SVG. */
function latencySvg(target: BenchTarget, results: RunResult[]): string {
  const edges = [0, 1, 2, 3, 5, 7, 10, 15, 20, 30, 50, 70, 100, 150, 200, 300, 500, 1_000, Infinity];
  const colors = ['#2f6fdf', '#e0752d'];
  const width = 760;
  const height = 320;
  const left = 60;
  const bottom = 260;
  const buckets = results.map((r) => {
    const counts = edges.slice(0, -1).map(() => 0);
    for (const tenths of r.latencies) {
      const ms = tenths / 10;
      const index = edges.findIndex((edge, i) => ms >= edge && ms < (edges[i + 1] ?? Infinity));
      if (index >= 0 && index < counts.length) counts[index] = (counts[index] ?? 0) + 1;
    }
    return counts.map((c) => c / Math.max(1, r.latencies.length));
  });
  const max = Math.max(0.01, ...buckets.flat());
  const slot = (width - left - 20) / (edges.length - 1);
  const bar = slot / (results.length + 1);
  const parts: string[] = [];
  buckets.forEach((counts, run) =>
    counts.forEach((share, i) => {
      const h = (share / max) * 220;
      parts.push(
        `<rect x="${(left + i * slot + run * bar).toFixed(1)}" y="${(bottom - h).toFixed(1)}" width="${(bar - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colors[run % colors.length]}"/>`,
      );
    }),
  );
  const labels = edges
    .slice(0, -1)
    .map(
      (edge, i) =>
        `<text x="${(left + i * slot + slot / 2).toFixed(1)}" y="${bottom + 16}" font-size="10" text-anchor="middle">${edge === 0 ? '<1' : `${edge}+`}</text>`,
    );
  const legend = results.map(
    (r, i) =>
      `<rect x="${left + 10}" y="${14 + i * 16}" width="10" height="10" fill="${colors[i % colors.length]}"/><text x="${left + 26}" y="${23 + i * 16}" font-size="12">${r.label}: p50 ${r.p50} ms, p99 ${r.p99} ms</text>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif">
<rect width="100%" height="100%" fill="white"/>
<line x1="${left}" y1="${bottom}" x2="${width - 20}" y2="${bottom}" stroke="#333"/>
<line x1="${left}" y1="30" x2="${left}" y2="${bottom}" stroke="#333"/>
<text x="${left - 8}" y="40" font-size="10" text-anchor="end">${(max * 100).toFixed(0)}%</text>
<text x="${left - 8}" y="${bottom}" font-size="10" text-anchor="end">0</text>
<text x="${(width + left) / 2}" y="${bottom + 36}" font-size="12" text-anchor="middle">end-to-end latency (ms), from ${target.latencyFrom.replace(/\(.*\)/, '').trim()} to the receipt</text>
${parts.join('\n')}
${labels.join('\n')}
${legend.join('\n')}
</svg>
`;
}

function report(target: BenchTarget, results: RunResult[], plot: string): string {
  const [ours, baseline] = results;
  const row = (r: RunResult) =>
    `| ${r.label} | ${r.subscribed} | ${r.upstreams} / ${r.distinct} | ${r.acknowledgedSends} / ${r.published} | ${r.delivered} / ${r.expected} (${((100 * r.delivered) / Math.max(1, r.expected)).toFixed(2)} %) | ${r.p50} | ${r.p99} | ${r.max} | ${Number.isNaN(r.storedP50) ? 'n/a' : `${r.storedP50} / ${r.storedP99}`} | ${r.rssBefore.toFixed(0)} → ${r.rssAfter.toFixed(0)} (peak ${r.rssPeak.toFixed(0)}) | ${((1024 * (r.rssAfter - r.rssBefore)) / Math.max(1, r.subscribed)).toFixed(1)} | ${(100 * r.gatewayCpu).toFixed(0)} % | ${(100 * r.subgraphsCpu).toFixed(0)} % | ${(100 * r.loadCpu).toFixed(0)} % | ${r.loadAverage.toFixed(1)} | ${r.errors} | ${r.closed} |`;
  const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? (a / b).toFixed(2) : 'n/a');
  return `# Subscriptions benchmark

\`npm run bench:subscriptions -w gateway\` — ${new Date().toISOString()}, ${target.name}.

One gateway process; ${env.BENCH_SUB_CLIENTS} graphql-ws clients (one socket each) from ${env.BENCH_SUB_WORKERS} load-generator
processes, over ${env.BENCH_SUB_CONVERSATIONS} conversations with ${env.BENCH_SUB_USERS_PER_CONVERSATION} subscribed users each
(so ${ours?.distinct ?? '?'} distinct subscriptions); the selection includes \`sender { profile { displayName } }\` from the
second subgraph. ${env.BENCH_SUB_RATE} messages/s for ${env.BENCH_SUB_DURATION_S} s.
Latency: from ${target.latencyFrom} to the receipt by each client (same machine, same clock). The load generators,
the subgraphs and the gateway share the machine's 2 cores.

| run | client subscriptions | upstream / distinct | sends acknowledged / made | delivered / expected | p50 ms | p99 ms | max ms | stored → receipt p50 / p99 ms | gateway RSS MiB (before → after subscribing) | KiB per subscriber | gateway CPU (of one core) | subgraphs CPU | load generators CPU | machine load (1 min) | errors | sockets closed |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
${results.map(row).join('\n')}

Latency by the second of the run the message was sent in, p50 / p99 ms:

${results.map((r) => `- ${r.label}: ${r.perSecond.map((s, i) => `${i + 1}: ${Number.isNaN(s.p50) ? '– (none delivered)' : `${s.p50} / ${s.p99}`}`).join(' · ')}`).join('\n')}

Before each run, ${env.BENCH_SUB_WARMUP_S} s of warm-up at the same rate (a gateway process started for the run), not counted above:
${results.map((r) => `${r.label}: ${r.warmUp.sends - r.warmUp.failed} / ${r.warmUp.sends} sends acknowledged, ${r.warmUp.delivered} deliveries, p50 ${r.warmUp.p50} ms, p99 ${r.warmUp.p99} ms`).join('; ')}.

${
  ours && baseline
    ? `Ratios, deduplication on vs off (same run): upstream subscriptions ${ratio(ours.upstreams, baseline.upstreams)}×, p99 latency ${ratio(ours.p99, baseline.p99)}×, RSS added per subscriber ${ratio(ours.rssAfter - ours.rssBefore, baseline.rssAfter - baseline.rssBefore)}×, delivery ${ratio(ours.delivered / Math.max(1, ours.expected), baseline.delivered / Math.max(1, baseline.expected))}×.`
    : ''
}

${results
  .filter((r) => r.errors > 0)
  .map(
    (r) =>
      `Errors received in "${r.label}": ${Object.entries(r.errorKinds)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([kind, n]) => `${n}× \`${kind.slice(0, 160)}\``)
        .join(', ')}.`,
  )
  .join('\n\n')}

${results
  .filter((r) => Object.keys(r.sendErrors).length > 0)
  .map(
    (r) =>
      `Sends that failed in "${r.label}" (not counted as expected): ${Object.entries(r.sendErrors)
        .sort((a, b) => b[1] - a[1])
        .slice(0, 3)
        .map(([kind, n]) => `${n}× \`${kind}\``)
        .join(', ')}; their messages were delivered ${r.deliveredOfFailed} times all the same (stored before the sender gave up).`,
  )
  .join('\n\n')}

Targets (issue 5): 100 % delivery, p99 ≤ 100 ms at 100 messages/s across 100 conversations with 10,000 subscribers, upstream
subscriptions = distinct subscriptions.

![latency](${plot})
`;
}

async function main(): Promise<void> {
  const keys = await generateGatewayKeys();
  const signingKey = JSON.stringify(keys.privateJwk);
  const sso = await startSsoStandIn();
  const target = env.BENCH_SUB_TARGET === 'stubs' ? await stubTarget(keys.publicJwk) : await platformTarget(signingKey, sso);
  const folder = mkdtempSync(join(tmpdir(), 'bench-subscriptions-'));
  const supergraphPath = join(folder, 'supergraph.graphql');
  writeFileSync(supergraphPath, target.supergraphSdl);
  try {
    const results = [await run('dedupe on', true, target, sso, signingKey, supergraphPath)];
    if (env.BENCH_SUB_BASELINE) results.push(await run('dedupe off (baseline)', false, target, sso, signingKey, supergraphPath));
    const name = env.BENCH_SUB_TARGET === 'stubs' ? 'subscriptions-stubs' : 'subscriptions';
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `${name}.md`), report(target, results, `${name}-latency.svg`));
    writeFileSync(join(RESULTS, `${name}-latency.svg`), latencySvg(target, results));
    process.stdout.write(`wrote ${join(RESULTS, `${name}.md`)}\n`);
  } finally {
    await target.stop();
    await sso.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
