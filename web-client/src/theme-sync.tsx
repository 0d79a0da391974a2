import { useQuery } from '@apollo/client/react';
import { useMantineColorScheme, type MantineColorScheme } from '@mantine/core';
import { useOptionalAuth } from '@market/ui';
import { useEffect } from 'react';
import { graphql } from './gql';
import { Theme } from './gql/graphql';

const ViewerThemeDocument = graphql(`
  query ViewerTheme {
    me {
      id
      preferences {
        theme
      }
    }
  }
`);

export function colorSchemeOf(theme: Theme): MantineColorScheme {
  return theme === Theme.Dark ? 'dark' : theme === Theme.Light ? 'light' : 'auto';
}

/** Applies the signed-in user's theme preference to Mantine's color scheme (anonymous visitors keep the default). */
export function ThemeSync() {
  const signedIn = useOptionalAuth()?.user != null;
  const { setColorScheme } = useMantineColorScheme();
  const { data } = useQuery(ViewerThemeDocument, { skip: !signedIn, errorPolicy: 'ignore' });
  const theme = data?.me?.preferences?.theme;
  useEffect(() => {
    if (theme) setColorScheme(colorSchemeOf(theme));
  }, [theme, setColorScheme]);
  return null;
}
