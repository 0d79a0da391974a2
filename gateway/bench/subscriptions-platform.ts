import { startPlatform, type Platform } from '@market/testkit';

/**
 * The subgraph host of `npm run bench:subscriptions` (platform target), forked by subscriptions.ts so the real
 * chat and user subgraphs have an event loop of their own, as deployed, and their CPU is measured apart from the
 * gateway's and the publisher's. Stores follow DATABASE_URL / REDIS_URL (startPlatform). The platform's own
 * gateway in this process serves the benchmark's set-up calls only.
 */

export interface HostStart {
  type: 'start';
  /** The gateway signing key (private JWK as JSON) the subgraphs trust: the measured gateway signs with it too. */
  signingKey: string;
  /** The gateway environment for the set-up gateway (the SSO stand-in's issuer and keys, large budgets). */
  gatewayEnv: Record<string, string>;
}

export type HostMessage = { type: 'ready'; setupUrl: string; subgraphUrls: Record<string, string> } | { type: 'failed'; error: string };

let platform: Platform | undefined;
const send = (message: HostMessage) => process.send?.(message);

process.on('message', (message: HostStart | { type: 'stop' }) => {
  if (message.type === 'start') {
    startPlatform({ only: ['chat', 'user'], seed: false, signingKey: message.signingKey, gatewayEnv: message.gatewayEnv }).then(
      (started) => {
        platform = started;
        const subgraphUrls = Object.fromEntries(
          Object.entries(started.services).map(([name, service]) => [name, `${service.url}/graphql`]),
        );
        send({ type: 'ready', setupUrl: started.gatewayUrl, subgraphUrls });
      },
      (error: unknown) => send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  } else if (message.type === 'stop') {
    void (platform?.stop() ?? Promise.resolve()).finally(() => process.exit(0));
  }
});
