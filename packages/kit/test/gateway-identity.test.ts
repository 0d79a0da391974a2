import { parse } from 'graphql';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EnvError,
  GATEWAY_IDENTITY_HEADER,
  commonEnv,
  createLogger,
  defineEnv,
  gatewayIdentityFromEnv,
  gatewayKeyEnv,
  generateGatewayKeys,
  identitySigner,
  identityVerifier,
  loadGatewaySigningKey,
  startSubgraph,
  type GatewaySigningKey,
  type RunningService,
  type Viewer,
} from '../src/index';

// A subgraph locked down to the gateway's key: /graphql refuses unsigned and forged requests,
// health stays open, and a gateway-signed identity becomes the resolvers' viewer.

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
type Viewer { id: ID! roles: [String!]! scopes: [String!]! clientId: String }
type Query { me: Viewer, ping: String! }`;

const testLogger = (service: string) => createLogger({ service, level: 'silent' });
let gatewayKey: GatewaySigningKey;
let subgraph: RunningService;

async function post(headers: Record<string, string> = {}) {
  const response = await fetch(`${subgraph.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query: '{ me { id roles scopes clientId } ping }' }),
  });
  return {
    status: response.status,
    body: (await response.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] },
  };
}

beforeAll(async () => {
  const { privateJwk, publicJwk } = await generateGatewayKeys();
  gatewayKey = await loadGatewaySigningKey(JSON.stringify(privateJwk));
  expect(gatewayKey.publicJwk.kid).toBe(publicJwk.kid);
  subgraph = await startSubgraph({
    name: 'locked',
    host: '127.0.0.1',
    port: 0,
    logger: testLogger('locked'),
    typeDefs: parse(SDL),
    resolvers: { Query: { me: (_: unknown, __: unknown, { viewer }: { viewer: Viewer | null }) => viewer, ping: () => 'pong' } },
    context: ({ viewer }) => ({ viewer }),
    gatewayIdentity: identityVerifier({ publicJwk }),
  });
});
afterAll(() => subgraph?.stop());

const sign = (key = gatewayKey) =>
  identitySigner(key)({ sub: 'user-1', roles: ['CUSTOMER'], scopes: ['openid'], clientId: 'web-client', requestId: 'r1' });

describe('subgraph lock-down', () => {
  it('refuses /graphql without the gateway signature', async () => {
    const result = await post();
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged signature (another key under the gateway kid) and a token not for subgraphs', async () => {
    const forgedKey = await loadGatewaySigningKey(
      JSON.stringify({ ...(await generateGatewayKeys()).privateJwk, kid: gatewayKey.publicJwk.kid }),
    );
    expect((await post({ [GATEWAY_IDENTITY_HEADER]: await sign(forgedKey) })).status).toBe(401);

    const wrongAudience = await new SignJWT({ roles: ['ADMIN'] })
      .setProtectedHeader({ alg: 'ES256', kid: gatewayKey.publicJwk.kid! })
      .setIssuer('market-gateway')
      .setAudience('somebody-else')
      .setSubject('user-1')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(gatewayKey.privateKey);
    expect((await post({ [GATEWAY_IDENTITY_HEADER]: wrongAudience })).status).toBe(401);

    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: gatewayKey.publicJwk.kid! })
      .setIssuer('market-gateway')
      .setAudience('market-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 540)
      .sign(gatewayKey.privateKey);
    expect((await post({ [GATEWAY_IDENTITY_HEADER]: expired })).status).toBe(401);
    expect((await post({ [GATEWAY_IDENTITY_HEADER]: 'garbage' })).status).toBe(401);
  });

  it('accepts a gateway-signed request and hands its viewer to the resolvers', async () => {
    const result = await post({ [GATEWAY_IDENTITY_HEADER]: await sign() });
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({
      me: { id: 'user-1', roles: ['CUSTOMER'], scopes: ['openid'], clientId: 'web-client' },
      ping: 'pong',
    });
    const anonymous = await identitySigner(gatewayKey)({ roles: [], scopes: [], requestId: 'r2' });
    expect((await post({ [GATEWAY_IDENTITY_HEADER]: anonymous })).body.data).toEqual({ me: null, ping: 'pong' });
  });

  it('keeps health, readiness and metrics open', async () => {
    for (const path of ['/health', '/ready', '/metrics']) expect((await fetch(`${subgraph.url}${path}`)).status).toBe(200);
  });
});

describe('lock-down configuration', () => {
  const parseEnv = defineEnv('svc', { ...commonEnv });

  it('is required in production, optional (open, with a warning) elsewhere', () => {
    const logger = testLogger('svc');
    expect(() => gatewayIdentityFromEnv('svc', parseEnv({ NODE_ENV: 'production' }), logger)).toThrow(EnvError);
    expect(gatewayIdentityFromEnv('svc', parseEnv({ NODE_ENV: 'test' }), logger)).toBeUndefined();
    expect(
      gatewayIdentityFromEnv('svc', parseEnv({ NODE_ENV: 'production', GATEWAY_JWKS_URL: 'http://gw:3000/.well-known/jwks.json' }), logger),
    ).toBeDefined();
    expect(() => parseEnv({ GATEWAY_PUBLIC_JWK: 'not json' })).toThrow(EnvError);
  });

  it('hands launchers one key pair: the private half for the gateway, the public half for subgraphs', async () => {
    const keys = await gatewayKeyEnv();
    const env = parseEnv({ NODE_ENV: 'production', ...keys.subgraphs });
    const verifier = gatewayIdentityFromEnv('svc', env, testLogger('svc'));
    const signer = identitySigner(await loadGatewaySigningKey(keys.gateway.GATEWAY_SIGNING_KEY));
    const viewer = await verifier?.verify(await signer({ sub: 'u', roles: ['ADMIN'], scopes: [], requestId: 'r' }));
    expect(viewer).toEqual({ id: 'u', roles: ['ADMIN'], scopes: [], clientId: null });
  });
});
