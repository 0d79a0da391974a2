import type { RunningService } from '@market/kit';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** POSTs an operation to a service's /graphql and returns the parsed body. */
export async function graphql<T = Record<string, unknown>>(
  target: RunningService | string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResult<T> & { status: number }> {
  const base = typeof target === 'string' ? target : `${target.url}/graphql`;
  const response = await fetch(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<T>;
  return { ...body, status: response.status };
}

/** Asks a subgraph to resolve entity representations, as the gateway does. */
export async function resolveEntities<T = Record<string, unknown>>(
  service: RunningService,
  representations: Record<string, unknown>[],
  selection: string,
): Promise<GraphQLResult<{ _entities: (T | null)[] }> & { status: number }> {
  return graphql<{ _entities: (T | null)[] }>(
    service,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${selection} } }`,
    { representations },
  );
}
