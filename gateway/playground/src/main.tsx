// Monaco's workers bundled by Vite (served from the gateway, not a CDN).
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import type { ExecutionResult } from 'graphql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AUTHORIZATION_PLACEHOLDER, DEFAULT_HEADERS, EXAMPLE_TABS } from './examples';

/** Same origin as the page: the gateway serves both. */
const ENDPOINT = '/graphql';

const fetcher: GraphiQLProps['fetcher'] = async (params, options) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    // The untouched placeholder would be sent as a bogus token; leave it out.
    if (typeof value === 'string' && !(name.toLowerCase() === 'authorization' && value === AUTHORIZATION_PLACEHOLDER))
      headers[name] = value;
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
