import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { ServerError } from '@apollo/client/errors';
import { SetContextLink } from '@apollo/client/link/context';
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

/**
 * The terminating link. Queries and mutations go over HTTP.
 *
 * Seam for subscriptions (chat, live notifications): when they land, return
 * `ApolloLink.split(isSubscription, new GraphQLWsLink(createClient({ url: wsUrl,
 * connectionParams: async () => ({ authorization: … }) })), httpLink)` from here,
 * with `wsUrl` derived from `uri` (http→ws) and the token from the same getter.
 */
export function createTransportLink(uri: string): ApolloLink {
  return new HttpLink({ uri });
}

export function createApolloClient({
  uri,
  getToken,
  onUnauthorized,
  name,
  version,
  typePolicies,
}: CreateApolloClientOptions): ApolloClient {
  const links = [createAuthLink(getToken), createTransportLink(uri)];
  return new ApolloClient({
    link: ApolloLink.from(onUnauthorized ? [createRenewOn401Link(onUnauthorized), ...links] : links),
    cache: new InMemoryCache(typePolicies ? { typePolicies } : {}),
    ...(name ? { clientAwareness: { name, ...(version ? { version } : {}) } } : {}),
  });
}
