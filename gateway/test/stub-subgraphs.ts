import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { startSubgraph, type RunningService } from '@market/kit';
import { testLogger } from '@market/testkit';
import { parse } from 'graphql';

/**
 * Two tiny subgraphs for gateway tests that must not depend on the real ones:
 * `alpha` owns Thing, `beta` adds Thing.extra and can be told to hang.
 */

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])';
export const ALPHA_SDL = `${LINK}
type Thing @key(fields: "id") { id: ID! name: String! }
type Query { things: [Thing!]! }`;
export const BETA_SDL = `${LINK}
type Thing @key(fields: "id") { id: ID! extra: String }
type Query { betaVersion: String }`;

export interface SeenRequest {
  requestId: string | undefined;
  authorization: string | undefined;
  /** The gateway-signed identity (x-gateway-identity). */
  identity: string | undefined;
}

export interface StubSubgraphs {
  alpha: RunningService;
  beta: RunningService;
  /** Headers the subgraphs received, newest last. */
  seen: SeenRequest[];
  /** While true, beta's entity fetches never answer (until released). */
  setBetaHanging(hanging: boolean): void;
  urls(): Record<string, string>;
  restartBeta(): Promise<void>;
  stop(): Promise<void>;
}

export function composeStubs(alphaSdl = ALPHA_SDL, betaSdl = BETA_SDL): string {
  const result = composeServices([
    { name: 'alpha', url: 'http://localhost:4101/graphql', typeDefs: parse(alphaSdl) },
    { name: 'beta', url: 'http://localhost:4102/graphql', typeDefs: parse(betaSdl) },
  ]);
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  return result.supergraphSdl;
}

/** A temp folder with supergraph.graphql in it. */
export function supergraphFolder(sdl = composeStubs()) {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
  const path = join(dir, 'supergraph.graphql');
  writeFileSync(path, sdl);
  return { dir, path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startStubSubgraphs(): Promise<StubSubgraphs> {
  const seen: SeenRequest[] = [];
  let hanging = false;
  const held = new Set<() => void>();
  const things = [
    { id: '1', name: 'one' },
    { id: '2', name: 'two' },
  ];
  const common = { host: '127.0.0.1', logger: testLogger('stub') };
  const context = ({ req }: { req: { headers: Record<string, string | string[] | undefined> } }) => {
    const header = (name: string) => {
      const value = req.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    seen.push({ requestId: header('x-request-id'), authorization: header('authorization'), identity: header('x-gateway-identity') });
    return {};
  };
  const alpha = await startSubgraph({
    ...common,
    name: 'alpha',
    port: 0,
    typeDefs: parse(ALPHA_SDL),
    resolvers: {
      Query: { things: () => things },
      Thing: { __resolveReference: (ref: { id: string }) => things.find((t) => t.id === ref.id) },
    },
    context,
  });
  const startBeta = (port: number) =>
    startSubgraph({
      ...common,
      name: 'beta',
      port,
      typeDefs: parse(BETA_SDL),
      resolvers: {
        Query: { betaVersion: () => '1' },
        Thing: {
          __resolveReference: async (ref: { id: string }) => {
            if (hanging) await new Promise<void>((resolve) => held.add(resolve));
            return { id: ref.id, extra: `extra-${ref.id}` };
          },
        },
      },
      context,
    });
  let beta = await startBeta(0);
  const release = () => {
    for (const resolve of held) resolve();
    held.clear();
  };
  return {
    alpha,
    get beta() {
      return beta;
    },
    seen,
    setBetaHanging(value) {
      hanging = value;
      if (!value) release();
    },
    urls: () => ({ alpha: `${alpha.url}/graphql`, beta: `${beta.url}/graphql` }),
    async restartBeta() {
      release();
      await beta.stop();
      beta = await startBeta(beta.port);
    },
    async stop() {
      release();
      await Promise.all([alpha.stop(), beta.stop()]);
    },
  };
}
