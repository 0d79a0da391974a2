import { composeServices } from '@apollo/composition';
import { generateGatewayKeys, identityVerifier, startSubgraph, type RunningService, type Viewer } from '@market/kit';
import { testLogger } from '@market/testkit';
import { parse } from 'graphql';
import { exportJWK, exportSPKI, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessTokenVerifier, InvalidTokenError, KeysUnavailableError } from '../src/auth';
import { loadEnv } from '../src/env';
import { startGateway, type RunningGateway } from '../src/gateway';
import { identityPrincipal } from '../src/rate-limits';
import { AUDIENCE, ISSUER, KID, startSsoStandIn, type SsoStandIn, type TokenOptions } from './sso-stand-in';
import { supergraphFolder } from './stub-subgraphs';

// The gateway between a stand-in SSO (a local RS256 key pair whose JWKS is served over HTTP) and a
// stub subgraph that locks itself down with the gateway's public key and answers `me` from its viewer.

const SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
type Viewer { id: ID! roles: [String!]! scopes: [String!]! clientId: String }
type Query { me: Viewer, ping: String! }`;

interface Body {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

let sso: SsoStandIn;
let subgraph: RunningService;
let gateway: RunningGateway;
let folder: ReturnType<typeof supergraphFolder>;
const seenIdentities: (string | undefined)[] = [];
const accessToken = (options?: TokenOptions) => sso.accessToken(options);

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function query(text: string, authorization?: string) {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify({ query: text }),
  });
  return { status: response.status, body: (await response.json()) as Body, headers: response.headers };
}

beforeAll(async () => {
  sso = await startSsoStandIn();

  const gatewayKeys = await generateGatewayKeys();
  subgraph = await startSubgraph({
    name: 'who',
    host: '127.0.0.1',
    port: 0,
    logger: testLogger('who'),
    typeDefs: parse(SDL),
    resolvers: { Query: { me: (_: unknown, __: unknown, { viewer }: { viewer: Viewer | null }) => viewer, ping: () => 'pong' } },
    context: ({ viewer, req }) => {
      const header = req.headers['x-gateway-identity'];
      seenIdentities.push(typeof header === 'string' ? header : undefined);
      return { viewer };
    },
    gatewayIdentity: identityVerifier({ publicJwk: gatewayKeys.publicJwk }),
  });
  const composed = composeServices([{ name: 'who', url: 'http://localhost:4199/graphql', typeDefs: parse(SDL) }]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  folder = supergraphFolder(composed.supergraphSdl);
  gateway = await startGateway(
    loadEnv({
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      SUPERGRAPH_PATH: folder.path,
      OIDC_ISSUER: ISSUER,
      OIDC_JWKS_URL: sso.jwksUrl,
      API_AUDIENCE: AUDIENCE,
      GATEWAY_SIGNING_KEY: JSON.stringify(gatewayKeys.privateJwk),
    }),
    { logger: testLogger('gateway'), subgraphUrls: { who: `${subgraph.url}/graphql` } },
  );
});

afterAll(async () => {
  await gateway?.stop();
  await subgraph?.stop();
  folder?.remove();
  await sso?.close();
});

describe('gateway identity', () => {
  it('lets anonymous callers through: the subgraph gets a signed identity without a subject', async () => {
    const result = await query('{ me { id } ping }');
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { me: null, ping: 'pong' } });
  });

  it('passes a verified caller to subgraphs in a token they can verify with the JWKS the gateway serves', async () => {
    seenIdentities.length = 0;
    const result = await query('{ me { id roles scopes clientId } }', `Bearer ${await accessToken()}`);
    expect(result.status).toBe(200);
    expect(result.body.data?.me).toEqual({ id: 'user-1', roles: ['CUSTOMER'], scopes: ['openid', 'orders:read'], clientId: 'web-client' });

    const served = await fetch(`${gateway.url}/.well-known/jwks.json`);
    expect(served.status).toBe(200);
    const set = (await served.json()) as { keys: JWK[] };
    expect(set.keys).toHaveLength(1);
    expect(set.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(set.keys[0]).not.toHaveProperty('d');
    const token = seenIdentities.at(-1);
    const viewer = await identityVerifier({ jwksUrl: `${gateway.url}/.well-known/jwks.json` }).verify(token);
    expect(viewer).toEqual({
      id: 'user-1',
      roles: ['CUSTOMER'],
      scopes: ['openid', 'orders:read'],
      clientId: 'web-client',
      // The client as the gateway saw it, for the subgraphs' audit trails.
      ip: '127.0.0.1',
      userAgent: 'node',
    });
    const payload = JSON.parse(Buffer.from(token!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ iss: 'market-gateway', aud: 'market-subgraphs' });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(60);
    // Tokens are reused per caller for half their life; the request id travels in x-request-id instead.
    expect(payload.rid).toBeUndefined();
  });

  it('reuses one signed identity per caller rather than signing each request', async () => {
    seenIdentities.length = 0;
    const token = await accessToken();
    await query('{ me { id } }', `Bearer ${token}`);
    await query('{ me { id } }', `Bearer ${token}`);
    await query('{ me { id } }', `Bearer ${await accessToken({ subject: 'user-2' })}`);
    expect(seenIdentities).toHaveLength(3);
    expect(seenIdentities[1]).toBe(seenIdentities[0]);
    expect(seenIdentities[2]).not.toBe(seenIdentities[0]);
  });

  it('accepts a token within the 30 s clock skew', async () => {
    const result = await query('{ me { id } }', `Bearer ${await accessToken({ expiresAt: Math.floor(Date.now() / 1000) - 10 })}`);
    expect(result.body.data?.me).toEqual({ id: 'user-1' });
  });

  const refused: [string, () => Promise<string>][] = [
    ['alg: none', async () => `${b64({ alg: 'none', typ: 'JWT' })}.${(await accessToken()).split('.')[1]}.`],
    [
      'HS256 signed with the public key as secret',
      async () => {
        const secret = new TextEncoder().encode(await exportSPKI(sso.keys.publicKey));
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ roles: ['ADMIN'] })
          .setProtectedHeader({ alg: 'HS256', kid: KID })
          .setSubject('user-1')
          .setIssuer(ISSUER)
          .setAudience(AUDIENCE)
          .setIssuedAt(now)
          .setExpirationTime(now + 300)
          .sign(secret);
      },
    ],
    ['a foreign key under the same kid', async () => accessToken({ key: (await generateKeyPair('RS256')).privateKey })],
    ['a foreign key under an unknown kid', async () => accessToken({ key: (await generateKeyPair('RS256')).privateKey, kid: 'foreign' })],
    ['a wrong issuer', () => accessToken({ issuer: 'http://evil.test' })],
    ['a wrong audience', () => accessToken({ audience: 'http://localhost:3000/other' })],
    ['an expired token', () => accessToken({ expiresAt: Math.floor(Date.now() / 1000) - 120 })],
    [
      'a tampered payload',
      async () => {
        const [header, payload, signature] = (await accessToken()).split('.');
        const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
        return `${header}.${b64({ ...claims, roles: ['ADMIN'] })}.${signature}`;
      },
    ],
    ['garbage', async () => 'not-a-jwt'],
  ];

  it.each(refused)('refuses %s with 401 UNAUTHENTICATED, before any subgraph is called', async (_name, token) => {
    seenIdentities.length = 0;
    const result = await query('{ me { id } ping }', `Bearer ${await token()}`);
    expect(result.status).toBe(401);
    expect(result.headers.get('www-authenticate')).toContain('Bearer');
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(result.body.data).toBeUndefined();
    expect(seenIdentities).toHaveLength(0);
  });

  it('refuses an Authorization header that is not a Bearer token', async () => {
    const result = await query('{ ping }', 'Basic dXNlcjpwYXNz');
    expect(result.status).toBe(401);
    expect(result.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts verified callers by user, anonymous ones by IP', () => {
    expect(identityPrincipal({ sub: 'u1', roles: [], scopes: [] })).toBe('user:u1');
    expect(identityPrincipal({ roles: [], scopes: [], clientId: 'svc' })).toBe('client:svc');
  });
});

describe('access token verifier', () => {
  it('picks up a rotated SSO key (unknown kid → JWKS refetched)', async () => {
    const verifier = accessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: sso.jwksUrl, jwksCooldownMs: 0 });
    expect((await verifier.verify(`Bearer ${await accessToken()}`))?.sub).toBe('user-1');
    const next = await generateKeyPair('RS256', { extractable: true });
    const previous = sso.jwks;
    sso.jwks = { keys: [...previous.keys, { ...(await exportJWK(next.publicKey)), kid: 'sso-key-2', alg: 'RS256', use: 'sig' }] };
    try {
      expect((await verifier.verify(`Bearer ${await accessToken({ key: next.privateKey, kid: 'sso-key-2' })}`))?.sub).toBe('user-1');
    } finally {
      sso.jwks = previous;
    }
  });

  it('verifies a token once: the same token again is not checked against the keys again', async () => {
    let keyLookups = 0;
    const verifier = accessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      jwksUrl: sso.jwksUrl,
      keys: async (header) => {
        keyLookups++;
        const jwk = sso.jwks.keys.find((key) => key.kid === header.kid);
        if (!jwk) throw new Error('unknown kid');
        return importJWK(jwk, 'RS256');
      },
    });
    const token = `Bearer ${await accessToken()}`;
    expect((await verifier.verify(token))?.sub).toBe('user-1');
    expect((await verifier.verify(token))?.sub).toBe('user-1');
    expect(keyLookups).toBe(1);
    // Another token is verified; a refused one is refused every time.
    await verifier.verify(`Bearer ${await accessToken({ subject: 'user-2' })}`);
    expect(keyLookups).toBe(2);
    const expired = `Bearer ${await accessToken({ expiresAt: Math.floor(Date.now() / 1000) - 3_600 })}`;
    await expect(verifier.verify(expired)).rejects.toBeInstanceOf(InvalidTokenError);
    await expect(verifier.verify(expired)).rejects.toBeInstanceOf(InvalidTokenError);
    expect(keyLookups).toBe(4);
  });

  it('tells an unreachable SSO apart from a bad token', async () => {
    const verifier = accessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwksUrl: 'http://127.0.0.1:2/jwks' });
    await expect(verifier.verify(`Bearer ${await accessToken()}`)).rejects.toBeInstanceOf(KeysUnavailableError);
    await expect(verifier.verify('Bearer x.y.z')).rejects.toBeInstanceOf(InvalidTokenError);
    expect(await verifier.verify(undefined)).toBeUndefined();
  });
});
