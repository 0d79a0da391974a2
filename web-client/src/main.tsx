import '@mantine/core/styles.css';
import { AuthProvider, DEFAULT_GRAPHQL_URL, DEFAULT_ISSUER, MarketProviders, createApolloClient, loadRuntimeConfig } from '@market/ui';
import { relayStylePagination } from '@apollo/client/utilities';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app';
import { createClientAuth } from './auth';

async function start(root: HTMLElement): Promise<void> {
  const config = await loadRuntimeConfig({
    url: `${import.meta.env.BASE_URL}config.json`,
    fallback: { graphqlUrl: import.meta.env.VITE_GRAPHQL_URL ?? DEFAULT_GRAPHQL_URL, issuer: DEFAULT_ISSUER, clientId: 'web-client' },
  });
  const auth = createClientAuth(config);
  const client = createApolloClient({
    uri: config.graphqlUrl,
    getToken: auth.tokens.get,
    onUnauthorized: auth.renew,
    name: 'web-client',
    typePolicies: {
      // The directory grows with "Load more": pages of `agencies` are appended, per filter and sort.
      Query: { fields: { agencies: relayStylePagination(['filter', 'sort']) } },
      // An agency's reviews grow with "More reviews".
      Agency: { fields: { reviews: relayStylePagination() } },
    },
  });
  // A reload lost the tokens (memory only): a silent sign-in may take the page to SSO and back first.
  if ((await auth.initialize()) === 'redirecting') return;
  createRoot(root).render(
    <StrictMode>
      <MarketProviders client={client}>
        <BrowserRouter>
          <AuthProvider auth={auth}>
            <App />
          </AuthProvider>
        </BrowserRouter>
      </MarketProviders>
    </StrictMode>,
  );
}

const root = document.getElementById('root');
if (root) void start(root);
