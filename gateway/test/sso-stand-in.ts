import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { generateGatewayKeys, identityVerifier, startSubgraph, type EnvSource } from '@market/kit';
import { testLogger } from '@market/testkit';
import { parse } from 'graphql';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { loadEnv } from '../src/env';
import { startGateway, type RunningGateway } from '../src/gateway';
import { supergraphFolder } from './stub-subgraphs';

/** A stand-in for SSO in gateway tests: an RS256 key pair whose JWKS is served over HTTP, and a token minter. */

export const ISSUER = 'http://sso.test';
export const AUDIENCE = 'http://localhost:3000/graphql';
export const KID = 'sso-key-1';

export interface TokenOptions {
  key?: CryptoKey;
  kid?: string;
  issuer?: string;
  audience?: string;
  expiresAt?: number;
  subject?: string;
  claims?: Record<string, unknown>;
}

export interface SsoStandIn {
  keys: { privateKey: CryptoKey; publicKey: CryptoKey };
  jwksUrl: string;
  /** The served key set; replace it to simulate a rotation. */
  jwks: { keys: JWK[] };
  /** An access token as SSO issues them (a web-client customer by default). */
  accessToken(options?: TokenOptions): Promise<string>;
  close(): Promise<void>;
}

export async function startSsoStandIn(): Promise<SsoStandIn> {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const standIn = {
    keys,
    jwksUrl: '',
    jwks: { keys: [{ ...(await exportJWK(keys.publicKey)), kid: KID, alg: 'RS256', use: 'sig' }] } as { keys: JWK[] },
    accessToken(options: TokenOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ roles: ['CUSTOMER'], scope: 'openid orders:read', client_id: 'web-client', ...options.claims })
        .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? KID, typ: 'at+jwt' })
        .setSubject(options.subject ?? 'user-1')
        .setIssuer(options.issuer ?? ISSUER)
        .setAudience(options.audience ?? AUDIENCE)
        .setIssuedAt(now - 60)
        .setExpirationTime(options.expiresAt ?? now + 300)
        .sign(options.key ?? keys.privateKey);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    if (req.url !== '/jwks') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(standIn.jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  standIn.jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  return standIn;
}

/** One subgraph behind a real gateway that verifies the stand-in's tokens: for tests of identity-based edge policies. */
export interface GuardedGateway {
  gateway: RunningGateway;
  sso: SsoStandIn;
  post(query: string, token?: string): Promise<{ status: number; headers: Headers; body: GraphQLBody }>;
  stop(): Promise<void>;
}

export interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export async function startGuardedGateway(options: {
  name: string;
  sdl: string;
  resolvers: Parameters<typeof startSubgraph>[0]['resolvers'];
  env?: EnvSource;
}): Promise<GuardedGateway> {
  const sso = await startSsoStandIn();
  const gatewayKeys = await generateGatewayKeys();
  const subgraph = await startSubgraph({
    name: options.name,
    host: '127.0.0.1',
    port: 0,
    logger: testLogger(options.name),
    typeDefs: parse(options.sdl),
    resolvers: options.resolvers,
    context: () => ({}),
    gatewayIdentity: identityVerifier({ publicJwk: gatewayKeys.publicJwk }),
  });
  const composed = composeServices([{ name: options.name, url: 'http://localhost:4301/graphql', typeDefs: parse(options.sdl) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  const folder = supergraphFolder(composed.supergraphSdl);
  const gateway = await startGateway(
    loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: folder.path,
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: sso.jwksUrl,
      API_AUDIENCE: AUDIENCE,
      GATEWAY_SIGNING_KEY: JSON.stringify(gatewayKeys.privateJwk),
      ...options.env,
    }),
    { logger: testLogger('gateway'), subgraphUrls: { [options.name]: `${subgraph.url}/graphql` } },
  );
  return {
    gateway,
    sso,
    async post(query, token) {
      const response = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query }),
      });
      return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLBody };
    },
    async stop() {
      await gateway.stop();
      await subgraph.stop();
      folder.remove();
      await sso.close();
    },
  };
}
