import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MantineProvider } from '@mantine/core';
import type { ReactNode } from 'react';
import { marketTheme } from './theme';

/** Theme + GraphQL client for a whole app. Apps still import `@mantine/core/styles.css` once. */
export function MarketProviders({ client, children }: { client: ApolloClient; children: ReactNode }) {
  return (
    <MantineProvider theme={marketTheme} defaultColorScheme="light">
      <ApolloProvider client={client}>{children}</ApolloProvider>
    </MantineProvider>
  );
}
