import { createServer, type RequestListener } from 'node:http';
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createLogger, generateGatewayKeys } from '@market/kit';
import { servableSupergraph } from '../src/authorization';
import { loadEnv } from '../src/env';
import { startGateway } from '../src/gateway';
import { loadBenchEnv } from './env';

/**
 * One gateway under test, in its own process so its peak memory is its own:
 * `tsx bench/target.ts <apollo|hive|ours-off|ours> <port> <supergraph file>`. The supergraph's routing URLs already
 * point at the running subgraphs. Prints `ready` when it listens.
 */
const [kind, portText, supergraphPath] = process.argv.slice(2);
const port = Number(portText);
if (!kind || !port || !supergraphPath) throw new Error('usage: target.ts <apollo|hive|ours-off|ours> <port> <supergraph>');
const sdl = readFileSync(supergraphPath, 'utf8');

if (kind === 'apollo') {
  // Stock @apollo/gateway with no plugins. It refuses `for: SECURITY` features it does not enforce, so it is given
  // the supergraph with that purpose dropped (it then ignores @authenticated/@requiresScopes).
  const gateway = new ApolloGateway({
    supergraphSdl: servableSupergraph(sdl),
    buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
  });
  const server = new ApolloServer({ gateway });
  await startStandaloneServer(server, { listen: { port, host: '127.0.0.1' } });
} else if (kind === 'hive') {
  // Loaded by a computed name so its type declarations stay out of the gateway's program: they augment graphql's
  // error extensions (`http.headers` as a record) in a way that conflicts with Apollo Server's (a HeaderMap).
  const hivePackage = '@graphql-hive/gateway-runtime';
  const { createGatewayRuntime } = (await import(hivePackage)) as {
    createGatewayRuntime: (options: { supergraph: string; logging: string }) => RequestListener;
  };
  const runtime = createGatewayRuntime({ supergraph: sdl, logging: loadBenchEnv().BENCH_HIVE_LOG ? 'debug' : 'error' });
  await new Promise<void>((resolve) => createServer(runtime).listen(port, '127.0.0.1', () => resolve()));
} else if (kind === 'ours' || kind === 'ours-off') {
  const keys = await generateGatewayKeys();
  await startGateway(
    loadEnv({
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SUPERGRAPH_PATH: supergraphPath,
      GATEWAY_SIGNING_KEY: JSON.stringify(keys.privateJwk),
      EDGE_POLICIES: kind === 'ours' ? 'true' : 'false',
      // Every policy is on, but the budgets are large enough that the load generator (one IP) is never refused.
      RATE_LIMIT_REQUESTS: '1000000000',
      RATE_LIMIT_COST: '1000000000000',
      PLAYGROUND: 'false',
    }),
    { logger: createLogger({ service: 'gateway', level: 'warn' }) },
  );
} else {
  throw new Error(`unknown target ${kind}`);
}
// A clean exit on SIGTERM, so `--cpu-prof` (BENCH_CPU_PROF) can write its profile.
process.once('SIGTERM', () => process.exit(0));
process.stdout.write('ready\n');
