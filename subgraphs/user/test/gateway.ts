import { gatewayKeyEnv, GATEWAY_IDENTITY_HEADER, identitySigner, loadGatewaySigningKey, type Viewer } from '@market/kit';
import { graphql, type GraphQLResult } from '@market/testkit';

// Calls the subgraph as the gateway does: every request carries an identity token signed with the
// gateway's key (the service is started with the public half), for a viewer or an anonymous caller.

export interface GatewayIdentity {
  /** Env for the service: the gateway's public key. */
  env: { GATEWAY_PUBLIC_JWK: string };
  call<T = Record<string, unknown>>(
    target: { url: string },
    viewer: Viewer | null,
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T> & { status: number }>;
}

export async function gatewayIdentity(): Promise<GatewayIdentity> {
  const keys = await gatewayKeyEnv();
  const sign = identitySigner(await loadGatewaySigningKey(keys.gateway.GATEWAY_SIGNING_KEY));
  return {
    env: keys.subgraphs,
    async call(target, viewer, query, variables = {}) {
      const token = await sign({
        sub: viewer?.id,
        roles: viewer?.roles ?? [],
        scopes: viewer?.scopes ?? [],
        clientId: viewer?.clientId ?? undefined,
        requestId: 'test',
      });
      return graphql(`${target.url}/graphql`, query, variables, { [GATEWAY_IDENTITY_HEADER]: token });
    },
  };
}

/** A viewer made up for a test. */
export const viewer = (id: string, roles: string[] = ['CUSTOMER'], scopes: string[] = []): Viewer => ({
  id,
  roles,
  scopes,
  clientId: 'web-client',
});
