import { useQuery } from '@apollo/client/react';
import { useOptionalAuth } from '@market/ui';
import { graphql } from './gql';
import type { ViewerQuery } from './gql/graphql';

const ViewerDocument = graphql(`
  query Viewer {
    me {
      id
      email
      roles
      agencies {
        id
        slug
        name
        status
        viewerRole
      }
    }
  }
`);

export type ViewerAgency = NonNullable<NonNullable<ViewerQuery['me']>['agencies']>[number];

export interface Viewer {
  /** True until the first answer (signed in only). */
  loading: boolean;
  id: string | null;
  isAdmin: boolean;
  /** The agencies the viewer is a member of, with their role in each (`me { agencies { viewerRole } }`). */
  agencies: readonly ViewerAgency[];
}

/**
 * Who the signed-in user is, from the server's current answer (`me { roles agencies }`), not the roles
 * written into the access token at sign-in: navigation and page guards follow it.
 */
export function useViewer(): Viewer {
  const signedIn = useOptionalAuth()?.user != null;
  // errorPolicy all: when the agency subgraph fails, roles from SSO still decide what the admin sees.
  const { data, loading } = useQuery(ViewerDocument, { skip: !signedIn, errorPolicy: 'all' });
  const me = data?.me;
  return {
    loading: signedIn && loading && !data,
    id: me?.id ?? null,
    isAdmin: me?.roles.includes('ADMIN') ?? false,
    agencies: me?.agencies?.filter((agency) => agency.viewerRole !== null) ?? [],
  };
}
