import { ErrorCode, verifiedTokenCache } from '@market/kit';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';

/** Who called, from a verified access token. */
export interface Identity {
  /** The user (`sub`); absent for a service's client-credentials token. */
  sub?: string | undefined;
  roles: string[];
  scopes: string[];
  /** The app (OAuth client) the token was issued to. */
  clientId?: string | undefined;
  /** SSO's sign-in session the token was issued in (`sid`), when the token says. */
  sessionId?: string | undefined;
}

/** The only signature algorithms accepted: SSO signs with RS256 (ES256 kept for a key change). */
export const ACCESS_TOKEN_ALGORITHMS = ['RS256', 'ES256'];
/** Clock skew tolerated between SSO and the gateway. */
export const CLOCK_TOLERANCE_S = 30;

/** A token that was presented and is not acceptable: HTTP 401 `UNAUTHENTICATED`. */
export class InvalidTokenError extends Error {
  readonly code = ErrorCode.UNAUTHENTICATED;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTokenError';
  }
}

/** The keys could not be fetched (SSO down, say): nothing is wrong with the client's token, 503. */
export class KeysUnavailableError extends Error {
  constructor(cause: unknown) {
    super('Access tokens cannot be verified right now; retry shortly', { cause });
    this.name = 'KeysUnavailableError';
  }
}

export interface AccessTokenOptions {
  issuer: string;
  /** SSO's JWKS (`<issuer>/jwks` by default). */
  jwksUrl: string;
  audience: string;
  /** Tests pass a key set directly. */
  keys?: JWTVerifyGetKey;
  /** Least time between two JWKS fetches caused by unknown `kid`s (default 30 s). */
  jwksCooldownMs?: number;
}

export interface AccessTokenVerifier {
  /**
   * The identity behind an `Authorization` header: undefined when there is none (anonymous),
   * InvalidTokenError when it is not a valid Bearer access token for this API, KeysUnavailableError
   * when SSO's keys cannot be fetched.
   */
  verify(authorization: string | undefined): Promise<Identity | undefined>;
}

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function identityOf(payload: JWTPayload): Identity {
  return {
    sub: typeof payload.sub === 'string' && payload.sub ? payload.sub : undefined,
    roles: stringList(payload.roles),
    scopes: typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : [],
    clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined,
    sessionId: typeof payload.sid === 'string' && payload.sid ? payload.sid : undefined,
  };
}

/** Words for the client; never the token or key material. */
function describe(error: errors.JOSEError): string {
  if (error instanceof errors.JWTExpired) return 'The access token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `The access token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'The access token is not signed with an accepted algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return 'The access token is not signed by a known key';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'The access token signature is invalid';
  return 'The access token is malformed';
}

/**
 * Verifies access tokens as SSO issues them: JWTs signed with a key of SSO's JWKS (fetched
 * once, cached, refetched when a token names an unknown `kid`, so key rotation needs no
 * restart), RS256/ES256 only, issuer and audience checked, 30 s clock skew. A token already verified is taken
 * from a cache until it expires (at most 60 s: see verified-tokens.ts in @market/kit).
 */
export function accessTokenVerifier(options: AccessTokenOptions): AccessTokenVerifier {
  const keys =
    options.keys ??
    createRemoteJWKSet(new URL(options.jwksUrl), {
      // A token with an unknown kid refetches at most this often (rotation; no refetch storm from forged kids).
      cooldownDuration: options.jwksCooldownMs ?? 30_000,
      cacheMaxAge: 10 * 60_000,
      timeoutDuration: 2_000,
    });
  // A client sends the same token with every request until it renews it: each is verified once.
  const verified = verifiedTokenCache();
  return {
    async verify(authorization) {
      if (authorization === undefined) return undefined;
      const match = /^Bearer +([A-Za-z0-9\-_.~+/]+=*) *$/i.exec(authorization);
      const token = match?.[1];
      if (!token) throw new InvalidTokenError('The Authorization header must be "Bearer <access token>"');
      try {
        const payload = await verified.payload(token, async () => {
          const result = await jwtVerify(token, keys, {
            algorithms: ACCESS_TOKEN_ALGORITHMS,
            issuer: options.issuer,
            audience: options.audience,
            clockTolerance: CLOCK_TOLERANCE_S,
            requiredClaims: ['exp'],
          });
          return result.payload;
        });
        return identityOf(payload);
      } catch (error) {
        if (
          error instanceof errors.JWKSTimeout ||
          error instanceof errors.JWKSInvalid ||
          (error instanceof errors.JOSEError && error.message.startsWith('Expected 200 OK from the JSON Web Key Set'))
        )
          throw new KeysUnavailableError(error);
        if (error instanceof errors.JOSEError) throw new InvalidTokenError(describe(error));
        // fetch failures of the JWKS (SSO not reachable) are not the client's fault.
        if (error instanceof TypeError && /fetch/i.test(error.message)) throw new KeysUnavailableError(error);
        // Anything else jose throws while parsing is a malformed token.
        throw new InvalidTokenError('The access token is malformed');
      }
    },
  };
}
