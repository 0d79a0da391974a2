import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, type TypePolicies } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';

export type TokenGetter = () => string | null | undefined | Promise<string | null | undefined>;

export interface CreateApolloClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://localhost:3000/graphql`. */
  uri: string;
  /** Returns the caller's access token, or nothing for anonymous requests. */
  getToken: TokenGetter;
  /** Reported to the gateway as `apollographql-client-name` (client awareness). */
  name?: string;
  version?: string;
  typePolicies?: TypePolicies;
}

/** Adds `Authorization: Bearer …` when there is a token; anonymous otherwise. */
export function createAuthLink(getToken: TokenGetter): ApolloLink {
  return new SetContextLink(async (prevContext) => {
    const token = await getToken();
    if (!token) return {};
    const headers: Record<string, string> = { ...(prevContext.headers as Record<string, string> | undefined) };
    headers.authorization = `Bearer ${token}`;
    return { headers };
  });
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

export function createApolloClient({ uri, getToken, name, version, typePolicies }: CreateApolloClientOptions): ApolloClient {
  return new ApolloClient({
    link: ApolloLink.from([createAuthLink(getToken), createTransportLink(uri)]),
    cache: new InMemoryCache(typePolicies ? { typePolicies } : {}),
    ...(name ? { clientAwareness: { name, ...(version ? { version } : {}) } } : {}),
  });
}
