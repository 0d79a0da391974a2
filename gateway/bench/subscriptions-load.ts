import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/**
 * A load-generator process of `npm run bench:subscriptions` (forked by subscriptions.ts, so the gateway's CPU is
 * measured, not the clients'): one graphql-ws socket per subscriber, one subscription each. Reports over IPC.
 */

export interface LoadAssignment {
  url: string;
  query: string;
  subscribers: { token: string; variables: Record<string, unknown> }[];
  /** Where a result carries its send time (ms since epoch): a number, or a string ending in `@<ms>` (a message body). */
  sentAtPath: string[];
  /**
   * Where a result carries its message number (a string starting `message <n>`), to tell deliveries of which sends;
   * a body starting `warm-up` is a warm-up message, counted apart.
   */
  sequencePath: string[];
  /** Where a result carries the time the subgraph stored it (ISO date), if it does: latency is then also split there. */
  storedAtPath?: string[];
  /** Sockets opened at once. */
  concurrency: number;
}

export type LoadMessage =
  | { type: 'subscribed'; count: number; failed: number }
  | { type: 'count'; received: number }
  | {
      type: 'results';
      received: number;
      errors: number;
      /** Error messages seen, with how often. */
      errorKinds: Record<string, number>;
      latencies: number[];
      /** Of the same deliveries, the part from the subgraph's store time to the receipt (with storedAtPath). */
      fromStored: number[];
      /** The message number of every delivery (-1 when unreadable). */
      sequences: number[];
      perSecond: Record<string, number>;
      closed: number;
      /** Latencies of the warm-up messages (0.1 ms units). */
      warmUp: number[];
    };

export type LoadCommand = { type: 'start'; assignment: LoadAssignment } | { type: 'count' } | { type: 'report' } | { type: 'stop' };

const send = (message: LoadMessage) => process.send?.(message);

const clients: Client[] = [];
let received = 0;
let errors = 0;
let closed = 0;
const errorKinds: Record<string, number> = {};
const countError = (message: string) => {
  errors++;
  errorKinds[message] = (errorKinds[message] ?? 0) + 1;
};
/** Latency of every delivery in 0.1 ms units (small integers keep 1M samples cheap). */
const latencies: number[] = [];
const fromStored: number[] = [];
const sequences: number[] = [];
const perSecond: Record<string, number> = {};
const warmUp: number[] = [];

function valueAt(result: unknown, path: string[]): unknown {
  let value: unknown = (result as { data?: unknown }).data;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function sentAt(result: unknown, path: string[]): number | undefined {
  let value = valueAt(result, path);
  if (typeof value === 'string') value = Number(/@(\d+)$/.exec(value)?.[1] ?? NaN);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

async function start(assignment: LoadAssignment): Promise<void> {
  let subscribed = 0;
  let failed = 0;
  const queue = [...assignment.subscribers];
  const open = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const subscriber = next;
      await new Promise<void>((resolve) => {
        let settled = false;
        const settle = (ok: boolean) => {
          if (settled) return;
          settled = true;
          if (ok) subscribed++;
          else failed++;
          resolve();
        };
        const client = createClient({
          url: assignment.url,
          webSocketImpl: WebSocket,
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => settle(false),
          connectionParams: { authorization: `Bearer ${subscriber.token}` },
          on: {
            connected: () => settle(true),
            closed: () => {
              if (settled) closed++;
              settle(false);
            },
          },
        });
        clients.push(client);
        client.subscribe(
          { query: assignment.query, variables: subscriber.variables },
          {
            next: (result) => {
              const at = sentAt(result, assignment.sentAtPath);
              if (at === undefined || result.errors) {
                countError(
                  result.errors?.map((e) => `${String(e.extensions?.code)}: ${e.message}`).join('; ') ?? 'no send time in the result',
                );
                return;
              }
              const now = Date.now();
              const body = valueAt(result, assignment.sequencePath);
              if (typeof body === 'string' && body.startsWith('warm-up')) {
                warmUp.push(Math.round((now - at) * 10));
                return;
              }
              received++;
              latencies.push(Math.round((now - at) * 10));
              sequences.push(Number(/^message (\d+)/.exec(typeof body === 'string' ? body : '')?.[1] ?? -1));
              const stored = assignment.storedAtPath ? valueAt(result, assignment.storedAtPath) : undefined;
              if (typeof stored === 'string') fromStored.push(Math.round((now - Date.parse(stored)) * 10));
              const second = String(Math.floor(now / 1000));
              perSecond[second] = (perSecond[second] ?? 0) + 1;
            },
            error: (error: unknown) => countError(Array.isArray(error) ? JSON.stringify(error).slice(0, 200) : String(error)),
            complete: () => undefined,
          },
        );
      });
    }
  };
  await Promise.all(Array.from({ length: assignment.concurrency }, open));
  send({ type: 'subscribed', count: subscribed, failed });
}

process.on('message', (command: LoadCommand) => {
  if (command.type === 'start') void start(command.assignment);
  else if (command.type === 'count') send({ type: 'count', received });
  else if (command.type === 'report')
    send({ type: 'results', received, errors, errorKinds, latencies, fromStored, sequences, perSecond, closed, warmUp });
  else if (command.type === 'stop') {
    for (const client of clients) void client.dispose();
    // dispose() sends the close frames; give them a moment to leave.
    setTimeout(() => process.exit(0), 200);
  }
});
