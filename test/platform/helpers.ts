import { DEMO_PASSWORD } from '@market/demo-data';
import { signInForTokens, type Platform } from '@market/testkit';

export interface GraphQLBody<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** An access token of a demo user, through SSO's code + PKCE flow as the app would get it. */
export async function demoToken(platform: Platform, email: string, clientId: 'web-client' | 'web-admin', scope: string): Promise<string> {
  return (await signInForTokens({ issuer: platform.issuer!, email, password: DEMO_PASSWORD, clientId, scope })).accessToken;
}

/** POSTs to the gateway (as `token`'s user, anonymous without); returns the body, the status and how long it took. */
export async function gatewayQuery<T>(platform: Platform, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const started = performance.now();
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  return { status: response.status, body, ms: performance.now() - started };
}

export async function readiness(platform: Platform) {
  const response = await fetch(`${platform.gateway.url}/ready`);
  return {
    status: response.status,
    body: (await response.json()) as { ready: boolean; checks: Record<string, { ok: boolean; error?: string }> },
  };
}

/** Polls until `accept` holds (or the deadline passes, returning the last value for the assertion to show). */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
