import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition } from '@apollo/client/utilities';
import { Kind, OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { catchError, from, mergeMap, throwError } from 'rxjs';

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface CreateApolloClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:3000/graphql`. */
  uri: string;
  /** Returns the caller's access token, or nothing for anonymous requests. */
  getToken: TokenGetter;
  /**
   * Called when the gateway refuses the access token (HTTP 401, e.g. it expired while the tab slept): renew it,
   * or sign out locally. The request is then sent once more with whatever `getToken` returns (none: anonymous).
   */
  onUnauthorized?: () => Promise<unknown>;
  /** Reported to the gateway as `apollographql-client-name` (client awareness). */
  name?: string;
  version?: string;
  typePolicies?: TypePolicies;
  /** Open subscriptions over graphql-ws (default true; off where WebSocket does not exist, e.g. server-side). */
  subscriptions?: boolean;
}

/** Adds `Authorization: Bearer …` when there is a token; anonymous otherwise. */
export function createAuthLink(getToken: TokenGetter): ApolloLink {
  return new SetContextLink(async (prevContext) => {
    const token = await getToken();
    // From scratch on every attempt: a retry after sign-out must not resend the previous attempt's token.
    const { authorization: _previous, ...headers } = (prevContext.headers as Record<string, string> | undefined) ?? {};
    return { headers: token ? { ...headers, authorization: `Bearer ${token}` } : headers };
  });
}

/** The gateway refused the presented token (expired, revoked key, signed out elsewhere). */
export function isUnauthorized(error: unknown): boolean {
  return ServerError.is(error) && error.statusCode === 401;
}

/**
 * On a 401 from the gateway, runs `renew` (which gets a fresh access token, or signs out locally when it cannot)
 * and sends the request once more, through the auth link again. A second 401 is passed on as it is.
 */
export function createRenewOn401Link(renew: () => Promise<unknown>): ApolloLink {
  return new ApolloLink((operation, forward) =>
    forward(operation).pipe(
      catchError((error: unknown) =>
        isUnauthorized(error) ? from(renew().catch(() => undefined)).pipe(mergeMap(() => forward(operation))) : throwError(() => error),
      ),
    ),
  );
}

/** The gateway's close code when the connection's access token expired without renewal (gateway/README.md). */
export const WS_TOKEN_EXPIRED = 4401;

/** `ws(s)://…/graphql` for the gateway's `http(s)://…/graphql`: subscriptions share the path and port. */
export function webSocketUrl(uri: string, base = globalThis.location?.href): string {
  const url = new URL(uri, base);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Subscriptions through the gateway over graphql-ws: a lazy client (connects with the first subscription) that sends the
 * current access token in `connection_init` and reconnects with back-off after network failures and restarts
 * (graphql-ws re-sends active subscriptions itself). A 4401 close (the token expired without renewal) is final for
 * graphql-ws, so this link catches it: it renews the token once through `onUnauthorized` (one renewal for all the
 * subscriptions that failed together) and subscribes again, on a new connection that carries the fresh token.
 */
export function createSubscriptionLink(uri: string, getToken: TokenGetter, onUnauthorized?: () => Promise<unknown>): ApolloLink {
  let expired = false;
  let renewing: Promise<unknown> | undefined;
  const client: Client = createClient({
    url: webSocketUrl(uri),
    lazy: true,
    keepAlive: 20_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    connectionParams: async () => {
      const token = await getToken();
      return token ? { authorization: `Bearer ${token}` } : {};
    },
    on: {
      connected: () => {
        expired = false;
      },
      closed: (event) => {
        if ((event as { code?: number } | undefined)?.code === WS_TOKEN_EXPIRED) expired = true;
      },
    },
  });
  const ws = new GraphQLWsLink(client);
  const renew = () =>
    (renewing ??= (onUnauthorized?.() ?? Promise.resolve())
      .catch(() => undefined)
      .finally(() => {
        renewing = undefined;
      }));
  return new ApolloLink((operation) =>
    ws
      .request(operation)
      .pipe(
        catchError((error: unknown) => (expired ? from(renew()).pipe(mergeMap(() => ws.request(operation))) : throwError(() => error))),
      ),
  );
}

const isSubscription = ({ query }: ApolloLink.Operation) => {
  const definition = getMainDefinition(query);
  return definition.kind === Kind.OPERATION_DEFINITION && definition.operation === OperationTypeNode.SUBSCRIPTION;
};

/**
 * The terminating link: queries and mutations over HTTP, subscriptions over graphql-ws on the same URL (when a
 * subscription client is given).
 */
export function createTransportLink(uri: string, subscriptions?: ApolloLink): ApolloLink {
  const http = new HttpLink({ uri });
  return subscriptions ? ApolloLink.split(isSubscription, subscriptions, http) : http;
}

export function createApolloClient({
  uri,
  getToken,
  onUnauthorized,
  name,
  version,
  typePolicies,
  subscriptions = typeof WebSocket !== 'undefined',
}: CreateApolloClientOptions): ApolloClient {
  const ws = subscriptions ? createSubscriptionLink(uri, getToken, onUnauthorized) : undefined;
  const links = [createAuthLink(getToken), createTransportLink(uri, ws)];
  return new ApolloClient({
    link: ApolloLink.from(onUnauthorized ? [createRenewOn401Link(onUnauthorized), ...links] : links),
    cache: new InMemoryCache(typePolicies ? { typePolicies } : {}),
    ...(name ? { clientAwareness: { name, ...(version ? { version } : {}) } } : {}),
  });
}
