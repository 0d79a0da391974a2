import type { IncomingMessage } from 'node:http';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  importPKCS8,
  jwtVerify,
  SignJWT,
  type CryptoKey,
  type JWK,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { EnvError } from './env';
import type { Logger } from './logger';
import { verifiedTokenCache } from './verified-tokens';

/**
 * The caller's identity from the gateway to the subgraphs: the gateway verifies the
 * client's access token, then signs a short-lived token of its own (ES256) that every
 * subgraph fetch carries in `x-gateway-identity`, for anonymous callers too (no `sub`).
 * Subgraphs verify it with the gateway's public key and refuse /graphql without it.
 */

/** The header carrying the gateway-signed identity on every subgraph fetch. */
export const GATEWAY_IDENTITY_HEADER = 'x-gateway-identity';
/** `iss` of identity tokens. */
export const GATEWAY_IDENTITY_ISSUER = 'market-gateway';
/** `aud` of identity tokens: every subgraph of the platform. */
export const GATEWAY_IDENTITY_AUDIENCE = 'market-subgraphs';
/** Lifetime of one identity token (one request's subgraph fetches fit in it many times over). */
export const GATEWAY_IDENTITY_TTL_S = 60;
/** Where the gateway serves its public keys. */
export const GATEWAY_JWKS_PATH = '/.well-known/jwks.json';
const ALGORITHM = 'ES256';
/** Clock skew tolerated between gateway and subgraph hosts. */
const CLOCK_TOLERANCE_S = 5;

/** Who is asking, as the gateway vouches for it; null in a subgraph's context when the caller is anonymous. */
export interface Viewer {
  /** The user's id (the access token's `sub`). */
  id: string;
  roles: string[];
  scopes: string[];
  /** The app (OAuth client) the access token was issued to. */
  clientId: string | null;
  /** SSO's sign-in session the access token was issued in (its `sid`), when known. */
  sessionId?: string | null;
  /** The client's address and user agent as the gateway saw them (for audit trails). */
  ip?: string | null;
  userAgent?: string | null;
}

/** What the gateway puts into an identity token. */
export interface IdentityClaims {
  /** Absent for anonymous callers (and for service tokens without a user). */
  sub?: string | undefined;
  roles: string[];
  scopes: string[];
  clientId?: string | undefined;
  /** SSO's session uid (`sid`). */
  sessionId?: string | undefined;
  /** The client's address and user agent (claims `ip`, `ua`). */
  ip?: string | undefined;
  userAgent?: string | undefined;
  /** The request it was made for (`rid`); absent in tokens cached for a caller across requests. */
  requestId?: string | undefined;
}

export interface GatewaySigningKey {
  privateKey: CryptoKey;
  /** The public half as a JWK with `kid`, `alg` and `use`, as served on /.well-known/jwks.json. */
  publicJwk: JWK;
}

/** The public JWK as served; `kid` defaults to the key's thumbprint, so every process derives the same one. */
async function withKid(publicKey: CryptoKey, kid?: string): Promise<JWK> {
  const jwk = await exportJWK(publicKey);
  return { ...jwk, kid: kid ?? (await calculateJwkThumbprint(jwk)), alg: ALGORITHM, use: 'sig' };
}

/** A fresh ES256 key pair (the gateway's at start, or the launcher's to hand to gateway and subgraphs). */
export async function generateGatewayKeys(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const publicJwk = await withKid(publicKey);
  const privateJwk = { ...(await exportJWK(privateKey)), kid: publicJwk.kid, alg: ALGORITHM, use: 'sig' };
  return { privateJwk, publicJwk };
}

/**
 * The gateway's signing key from `GATEWAY_SIGNING_KEY`: a private EC P-256 JWK (JSON) or a
 * PKCS#8 PEM; generated when absent.
 */
export async function loadGatewaySigningKey(text: string | undefined): Promise<GatewaySigningKey> {
  let jwk: JWK;
  if (!text) {
    jwk = (await generateGatewayKeys()).privateJwk;
  } else if (text.trim().startsWith('{')) {
    jwk = JSON.parse(text) as JWK;
    if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d) throw new Error('GATEWAY_SIGNING_KEY: expected a private EC P-256 JWK');
  } else {
    const key = await importPKCS8(text.replace(/\\n/g, '\n'), ALGORITHM, { extractable: true });
    jwk = await exportJWK(key);
  }
  const privateKey = (await importJWK({ ...jwk, alg: ALGORITHM }, ALGORITHM)) as CryptoKey;
  const publicOnly: JWK = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const publicKey = (await importJWK({ ...publicOnly, alg: ALGORITHM }, ALGORITHM)) as CryptoKey;
  return { privateKey, publicJwk: await withKid(publicKey, jwk.kid) };
}

/** Signs identity tokens with the gateway's key. */
export function identitySigner(key: GatewaySigningKey) {
  return (claims: IdentityClaims): Promise<string> => {
    const jwt = new SignJWT({
      roles: claims.roles,
      scope: claims.scopes.join(' '),
      ...(claims.clientId ? { client_id: claims.clientId } : {}),
      ...(claims.sessionId ? { sid: claims.sessionId } : {}),
      ...(claims.ip ? { ip: claims.ip } : {}),
      ...(claims.userAgent ? { ua: claims.userAgent.slice(0, 512) } : {}),
      ...(claims.requestId ? { rid: claims.requestId } : {}),
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', ...(key.publicJwk.kid ? { kid: key.publicJwk.kid } : {}) })
      .setIssuer(GATEWAY_IDENTITY_ISSUER)
      .setAudience(GATEWAY_IDENTITY_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${GATEWAY_IDENTITY_TTL_S}s`);
    if (claims.sub) jwt.setSubject(claims.sub);
    return jwt.sign(key.privateKey);
  };
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function viewerOf(payload: JWTPayload): Viewer | null {
  if (typeof payload.sub !== 'string' || !payload.sub) return null;
  return {
    id: payload.sub,
    roles: stringList(payload.roles),
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    clientId: typeof payload.client_id === 'string' ? payload.client_id : null,
    ...(typeof payload.sid === 'string' && payload.sid ? { sessionId: payload.sid } : {}),
    ...(typeof payload.ip === 'string' && payload.ip ? { ip: payload.ip } : {}),
    ...(typeof payload.ua === 'string' && payload.ua ? { userAgent: payload.ua } : {}),
  };
}

/** Where a subgraph finds the gateway's public key. */
export interface GatewayKeySource {
  /** The gateway's JWKS (fetched lazily, cached, refetched on an unknown `kid`). */
  jwksUrl?: string | undefined;
  /** The public key itself (the launcher and the test kit hand it over in-process): a JWK or `{ keys: [...] }`. */
  publicJwk?: JWK | { keys: JWK[] } | undefined;
}

export interface IdentityVerifier {
  /** The viewer (null when anonymous); throws when the token is missing, forged, expired or not for subgraphs. */
  verify(token: string | undefined): Promise<Viewer | null>;
}

/** Verifies the gateway's identity tokens: ES256 only, issuer, audience, expiry (5 s skew); each token once. */
export function identityVerifier(source: GatewayKeySource): IdentityVerifier {
  let keys: JWTVerifyGetKey;
  if (source.publicJwk) {
    const set = 'keys' in source.publicJwk ? source.publicJwk : { keys: [source.publicJwk] };
    keys = createLocalJWKSet(set);
  } else if (source.jwksUrl) {
    keys = createRemoteJWKSet(new URL(source.jwksUrl), { cooldownDuration: 10_000, cacheMaxAge: 10 * 60_000 });
  } else {
    throw new Error('identityVerifier: a jwksUrl or a publicJwk is required');
  }
  // The gateway reuses a caller's token for half its life: each is verified once (verified-tokens.ts).
  const verified = verifiedTokenCache();
  return {
    async verify(token) {
      if (!token) throw new Error('no gateway identity');
      const payload = await verified.payload(token, async () => {
        const result = await jwtVerify(token, keys, {
          algorithms: [ALGORITHM],
          issuer: GATEWAY_IDENTITY_ISSUER,
          audience: GATEWAY_IDENTITY_AUDIENCE,
          clockTolerance: CLOCK_TOLERANCE_S,
          maxTokenAge: GATEWAY_IDENTITY_TTL_S + CLOCK_TOLERANCE_S,
          requiredClaims: ['exp', 'iat'],
        });
        return result.payload;
      });
      return viewerOf(payload);
    },
  };
}

/** The identity token of an incoming subgraph request, if any. */
export function identityTokenOf(req: IncomingMessage): string | undefined {
  const value = req.headers[GATEWAY_IDENTITY_HEADER];
  return typeof value === 'string' && value ? value : undefined;
}

export interface GatewayIdentityEnv {
  NODE_ENV: string;
  GATEWAY_JWKS_URL?: string | undefined;
  GATEWAY_PUBLIC_JWK?: JWK | { keys: JWK[] } | undefined;
}

/**
 * A subgraph's verifier from its env: required in production (an EnvError otherwise); outside
 * production a subgraph without it warns once and stays open (viewer always null).
 */
export function gatewayIdentityFromEnv(service: string, env: GatewayIdentityEnv, logger: Logger): IdentityVerifier | undefined {
  if (env.GATEWAY_PUBLIC_JWK || env.GATEWAY_JWKS_URL) {
    return identityVerifier({ publicJwk: env.GATEWAY_PUBLIC_JWK, jwksUrl: env.GATEWAY_JWKS_URL });
  }
  if (env.NODE_ENV === 'production') {
    throw new EnvError(service, [
      'GATEWAY_JWKS_URL or GATEWAY_PUBLIC_JWK: required when NODE_ENV=production (subgraphs accept only gateway-signed requests)',
    ]);
  }
  logger.warn(
    `${service}: no GATEWAY_JWKS_URL / GATEWAY_PUBLIC_JWK, so /graphql is open to unsigned requests and every caller is anonymous (development only)`,
  );
  return undefined;
}

/**
 * For launchers (npm start, the platform test kit), which start the subgraphs before the gateway:
 * the gateway's key pair decided first (`GATEWAY_SIGNING_KEY` when given, generated otherwise), as the
 * env values to hand to the gateway and to every subgraph (which then refuse unsigned requests).
 */
export async function gatewayKeyEnv(signingKey?: string): Promise<{
  gateway: { GATEWAY_SIGNING_KEY: string };
  subgraphs: { GATEWAY_PUBLIC_JWK: string };
}> {
  if (signingKey) {
    const { publicJwk } = await loadGatewaySigningKey(signingKey);
    return { gateway: { GATEWAY_SIGNING_KEY: signingKey }, subgraphs: { GATEWAY_PUBLIC_JWK: JSON.stringify(publicJwk) } };
  }
  const { privateJwk, publicJwk } = await generateGatewayKeys();
  return {
    gateway: { GATEWAY_SIGNING_KEY: JSON.stringify(privateJwk) },
    subgraphs: { GATEWAY_PUBLIC_JWK: JSON.stringify(publicJwk) },
  };
}
