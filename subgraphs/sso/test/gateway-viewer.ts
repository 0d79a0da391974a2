import { decodeJwt } from 'jose';
import { gatewayKeyEnv, GATEWAY_IDENTITY_HEADER, identitySigner, loadGatewaySigningKey, type Viewer } from '@market/kit';
import { graphql, type GraphQLResult } from '@market/testkit';

// Calls the subgraph as the gateway does: every request carries an identity token signed with the gateway's key
// (the service is started with the public half), for a signed-in viewer or for an anonymous caller.

export interface GatewayIdentity {
  /** Env for the service: the gateway's public key. */
  env: { GATEWAY_PUBLIC_JWK: string };
  /** The identity header for `viewer` (anonymous when null). */
  headers(viewer: Viewer | null): Promise<Record<string, string>>;
}

export async function gatewayIdentity(): Promise<GatewayIdentity> {
  const keys = await gatewayKeyEnv();
  const sign = identitySigner(await loadGatewaySigningKey(keys.gateway.GATEWAY_SIGNING_KEY));
  return {
    env: keys.subgraphs,
    async headers(viewer) {
      const token = await sign({
        sub: viewer?.id,
        roles: viewer?.roles ?? [],
        scopes: viewer?.scopes ?? [],
        clientId: viewer?.clientId ?? undefined,
        sessionId: viewer?.sessionId ?? undefined,
        ip: viewer?.ip ?? undefined,
        userAgent: viewer?.userAgent ?? undefined,
        requestId: 'test',
      });
      return { [GATEWAY_IDENTITY_HEADER]: token };
    },
  };
}

/** The viewer the gateway would forward for an SSO access token (its sub, roles, scope, client and session). */
export function viewerOf(accessToken: string): Viewer {
  const claims = decodeJwt(accessToken);
  return {
    id: String(claims.sub),
    roles: Array.isArray(claims.roles) ? (claims.roles as string[]) : [],
    scopes: typeof claims.scope === 'string' ? claims.scope.split(' ') : [],
    clientId: typeof claims.client_id === 'string' ? claims.client_id : null,
    sessionId: typeof claims.sid === 'string' ? claims.sid : null,
  };
}

/** A viewer made up for a test (no token behind it). */
export const fakeViewer = (id: string, scopes: string[] = [], roles: string[] = ['CUSTOMER']): Viewer => ({
  id,
  roles,
  scopes,
  clientId: 'web-admin',
  sessionId: null,
});

/** A GraphQL call through `identity` as `viewer`. */
export async function callAs<T = Record<string, unknown>>(
  identity: GatewayIdentity,
  target: { url: string },
  viewer: Viewer | null,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<GraphQLResult<T> & { status: number }> {
  return graphql<T>(`${target.url}/graphql`, query, variables, await identity.headers(viewer));
}

/** A refresh-token grant of a first-party (public) app: the HTTP status and body. */
export async function refresh(
  issuer: string,
  clientId: string,
  refreshToken: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: clientId }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export const ADMIN_SCOPES = 'openid email roles admin:users admin:audit admin:clients';
