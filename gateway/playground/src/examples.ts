/**
 * The operations the playground opens with: one tab per subgraph, then one
 * query across all seven. The platform tests run the cross-subgraph one, so it
 * stays correct as the schema changes.
 */

/** GraphiQL names each tab after its operation. */
export interface ExampleTab {
  query: string;
  variables?: string;
}

/** ORD-2026-000001 of the demo data (customer@example.com with Brightline Technical Services). */
export const DEMO_ORDER_ID = 'f0e579ee-1579-5c21-afb7-f63198f5572c';

export const EVERYTHING_QUERY = /* GraphQL */ `
  # One request, seven subgraphs: the gateway plans the fetches and joins the entities.
  query Everything($orderId: ID!) {
    order(id: $orderId) {
      number
      title
      status
      amount
      currency
      customer {
        email
        profile {
          displayName
        }
        notifications(first: 3) {
          totalCount
        }
      }
      agency {
        name
        city
        documents {
          name
        }
      }
      conversation {
        title
        messages(first: 5) {
          totalCount
          edges {
            node {
              body
              sender {
                email
              }
            }
          }
        }
      }
      files {
        name
        contentType
        size
        url
      }
    }
    orders(first: 3) {
      totalCount
    }
    notifications(first: 3) {
      totalCount
      edges {
        node {
          title
          channel
        }
      }
    }
  }
`;

export const EXAMPLE_TABS: ExampleTab[] = [
  {
    query: `# Public: the agency directory needs no sign-in.
query Agencies {
  agencies(first: 10) {
    totalCount
    edges {
      node {
        name
        slug
        city
        region
        status
        rating
        reviewCount
        businessTypes {
          label
        }
      }
    }
  }
  agency(slug: "brightline-technical-services") {
    name
    description
  }
}
`,
  },
  {
    query: `# SSO owns identity; the user subgraph adds the profile. Needs an access token (Headers below):
# without one, me is null with an UNAUTHENTICATED error.
query Me {
  me {
    id
    email
    emailVerified
    roles
    mfaEnabled
    lastLoginAt
    profile {
      displayName
      locale
    }
  }
  sessions {
    device
    ip
    lastSeenAt
    current
  }
}
`,
  },
  {
    query: `# Admins only: a token issued to web-admin to a user with the ADMIN role (scope admin:users).
# Anyone else gets the rest of the response and FORBIDDEN at users.
query Users {
  users(first: 10, filter: { statuses: [ACTIVE] }) {
    totalCount
    edges {
      node {
        id
        email
        roles
        status
        createdAt
        profile {
          displayName
        }
      }
    }
    pageInfo {
      hasNextPage
      endCursor
    }
  }
}
`,
  },
  {
    query: `# Orders, with their customer (sso + user) and agency (agency subgraph).
query Orders {
  orders(first: 10) {
    totalCount
    edges {
      node {
        number
        title
        status
        amount
        currency
        createdAt
        customer {
          email
          profile {
            displayName
          }
        }
        agency {
          name
          city
        }
      }
    }
  }
}
`,
  },
  {
    query: `query Conversations {
  conversations(first: 5) {
    totalCount
    edges {
      node {
        title
        kind
        lastMessageAt
        messages(first: 5) {
          edges {
            node {
              body
              createdAt
              sender {
                email
              }
            }
          }
        }
      }
    }
  }
}
`,
  },
  {
    query: `query Notifications {
  notifications(first: 10, unreadOnly: false) {
    totalCount
    edges {
      node {
        title
        body
        channel
        category
        readAt
        recipient {
          email
        }
      }
    }
  }
}
`,
  },
  {
    query: `query Files {
  files(first: 10) {
    totalCount
    edges {
      node {
        name
        contentType
        size
        url
        owner {
          email
        }
      }
    }
  }
}
`,
  },
  {
    query: EVERYTHING_QUERY,
    variables: JSON.stringify({ orderId: DEMO_ORDER_ID }, null, 2),
  },
];

/** Shown in the headers editor; requests leave it out until a real token replaces it. */
export const AUTHORIZATION_PLACEHOLDER = 'Bearer <paste an access token from SSO>';
export const DEFAULT_HEADERS = JSON.stringify({ Authorization: AUTHORIZATION_PLACEHOLDER }, null, 2);
