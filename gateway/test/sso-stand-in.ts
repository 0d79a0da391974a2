import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

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
