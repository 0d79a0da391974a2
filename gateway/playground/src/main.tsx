// Monaco's workers bundled by Vite (served from the gateway, not a CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { Kind, OperationTypeNode, parse, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AUTHORIZATION_PLACEHOLDER, DEFAULT_HEADERS, EXAMPLE_TABS } from './examples';

/** Same origin as the page: the gateway serves both. */
const ENDPOINT = '/graphql';

/** Subscriptions go over graphql-ws on the same URL; one connection per access token (sent in connection_init). */
const WS_ENDPOINT = new URL(ENDPOINT, location.href.replace(/^http/, 'ws')).toString();
const wsClients = new Map<string, Client>();
function wsClient(authorization: string | undefined): Client {
  const key = authorization ?? '';
  let client = wsClients.get(key);
  if (!client) {
    client = createClient({ url: WS_ENDPOINT, lazy: true, connectionParams: authorization ? { authorization } : {} });
    wsClients.set(key, client);
  }
  return client;
}

function isSubscription(query: string, operationName: string | null | undefined): boolean {
  try {
    const operations = parse(query).definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const operation = operations.find((definition) => !operationName || definition.name?.value === operationName) ?? operations[0];
    return operation?.operation === OperationTypeNode.SUBSCRIPTION;
  } catch {
    return false; // the gateway reports the syntax error
  }
}

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    // The untouched placeholder would be sent as a bogus token; leave it out.
    if (typeof value === 'string' && !(name.toLowerCase() === 'authorization' && value === AUTHORIZATION_PLACEHOLDER))
      headers[name] = value;
  }
  if (isSubscription(params.query, params.operationName)) {
    const authorization = Object.entries(headers).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
    // GraphiQL shows each result as it arrives; its own result type is the same JSON, typed as ExecutionResult.
    return wsClient(authorization).iterate({
      query: params.query,
      variables: (params.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: params.operationName ?? undefined,
    }) as AsyncIterableIterator<ExecutionResult>;
  }
  const response = await fetch(ENDPOINT, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify(params),
  });
  return (await response.json()) as ExecutionResult;
};

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultTabs={EXAMPLE_TABS.map(({ query, variables }) => ({ query, variables, headers: DEFAULT_HEADERS }))}
      defaultHeaders={DEFAULT_HEADERS}
      defaultEditorToolsVisibility="headers"
      shouldPersistHeaders={false}
    />
  </StrictMode>,
);
