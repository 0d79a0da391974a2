import '@mantine/core/styles.css';
import { DEFAULT_GRAPHQL_URL, MarketProviders, createApolloClient, loadRuntimeConfig } from '@market/ui';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app';
import { tokenStore } from './auth';

async function start(root: HTMLElement): Promise<void> {
  const config = await loadRuntimeConfig({
    url: `${import.meta.env.BASE_URL}config.json`,
    fallback: { graphqlUrl: import.meta.env.VITE_GRAPHQL_URL ?? DEFAULT_GRAPHQL_URL },
  });
  // Tables page with Previous/Next, so each page is its own cache entry: no merge policies.
  const client = createApolloClient({ uri: config.graphqlUrl, getToken: tokenStore.get, name: 'web-admin' });
  createRoot(root).render(
    <StrictMode>
      <MarketProviders client={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </MarketProviders>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) void start(root);
