import { gql } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { createApolloClient } from '../src/apollo';

const ME = gql`
  query Me {
    me {
      id
    }
  }
`;

/** A gateway that accepts only `valid` tokens: 401 for any other presented token, data otherwise. */
function fakeGateway(valid: ReadonlySet<string>) {
  const seen: (string | null)[] = [];
  const fetchImpl: typeof fetch = async (_input, init) => {
    const authorization = new Headers(init?.headers).get('authorization');
    seen.push(authorization);
    const token = authorization?.replace(/^Bearer /, '');
    if (token !== undefined && !valid.has(token)) {
      return Response.json(
        { errors: [{ message: 'invalid token', extensions: { code: 'UNAUTHENTICATED' } }] },
        { status: 401, headers: { 'www-authenticate': 'Bearer error="invalid_token"' } },
      );
    }
    return Response.json({ data: { me: token ? { __typename: 'User', id: `user-of-${token}` } : null } });
  };
  return { seen, fetchImpl };
}

function client(fetchImpl: typeof fetch, getToken: () => string | null, onUnauthorized?: () => Promise<unknown>) {
  const originalFetch = globalThis.fetch;
  // HttpLink reads the global fetch at request time when none is given; pass ours through it.
  globalThis.fetch = fetchImpl;
  const apollo = createApolloClient({ uri: 'http://gateway.test/graphql', getToken, ...(onUnauthorized ? { onUnauthorized } : {}) });
  return { apollo, restore: () => (globalThis.fetch = originalFetch) };
}

describe('the Apollo client’s auth links', () => {
  it('sends the current token as a Bearer header, and none when anonymous', async () => {
    const gateway = fakeGateway(new Set(['a']));
    let token: string | null = 'a';
    const { apollo, restore } = client(gateway.fetchImpl, () => token);
    try {
      expect((await apollo.query({ query: ME, fetchPolicy: 'network-only' })).data).toEqual({
        me: { __typename: 'User', id: 'user-of-a' },
      });
      token = null;
      expect((await apollo.query({ query: ME, fetchPolicy: 'network-only' })).data).toEqual({ me: null });
      expect(gateway.seen).toEqual(['Bearer a', null]);
    } finally {
      restore();
    }
  });

  it('on a 401 renews once and retries with the new token', async () => {
    const gateway = fakeGateway(new Set(['fresh']));
    let token: string | null = 'expired';
    let renewals = 0;
    const renew = async () => {
      renewals += 1;
      token = 'fresh';
    };
    const { apollo, restore } = client(gateway.fetchImpl, () => token, renew);
    try {
      const result = await apollo.query({ query: ME, fetchPolicy: 'network-only' });
      expect(result.data).toEqual({ me: { __typename: 'User', id: 'user-of-fresh' } });
      expect(renewals).toBe(1);
      expect(gateway.seen).toEqual(['Bearer expired', 'Bearer fresh']);
    } finally {
      restore();
    }
  });

  it('when renewal signs out, retries anonymously without the refused token', async () => {
    const gateway = fakeGateway(new Set());
    let token: string | null = 'revoked';
    const { apollo, restore } = client(
      gateway.fetchImpl,
      () => token,
      async () => {
        token = null;
        throw new Error('refresh token revoked');
      },
    );
    try {
      const result = await apollo.query({ query: ME, fetchPolicy: 'network-only' });
      expect(result.data).toEqual({ me: null });
      expect(gateway.seen).toEqual(['Bearer revoked', null]);
    } finally {
      restore();
    }
  });

  it('retries only once: a second 401 reaches the caller', async () => {
    const gateway = fakeGateway(new Set());
    let renewals = 0;
    const { apollo, restore } = client(
      gateway.fetchImpl,
      () => 'still-bad',
      async () => {
        renewals += 1;
      },
    );
    try {
      const error = await apollo.query({ query: ME, fetchPolicy: 'network-only' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(ServerError.is(error) && error.statusCode).toBe(401);
      expect(renewals).toBe(1);
      expect(gateway.seen).toEqual(['Bearer still-bad', 'Bearer still-bad']);
    } finally {
      restore();
    }
  });

  it('passes other errors through without renewing', async () => {
    let renewals = 0;
    const failing: typeof fetch = async () => Response.json({ errors: [{ message: 'boom' }] }, { status: 500 });
    const { apollo, restore } = client(
      failing,
      () => 'a',
      async () => {
        renewals += 1;
      },
    );
    try {
      const error = await apollo.query({ query: ME, fetchPolicy: 'network-only' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(ServerError.is(error) && error.statusCode).toBe(500);
      expect(renewals).toBe(0);
    } finally {
      restore();
    }
  });
});
