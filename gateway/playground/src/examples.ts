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
/** The ORDER conversation of ORD-2026-000001 (the customer, Brightline's owner and staff). */
export const DEMO_CONVERSATION_ID = '81dc2950-f821-58a7-b897-67c6d2783ed6';

export const EVERYTHING_QUERY = /* GraphQL */ `
  # One request, seven subgraphs: the gateway plans the fetches and joins the entities.
  # Sign in as customer@example.com (the order's customer) and paste the access token in the headers.
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
        ranking {
          score
          tier
        }
        files {
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
    query: `# Public: the agency directory needs no sign-in. Agencies serving a point in Berlin, best ranked first.
query Agencies {
  agencies(filter: { near: { lat: 52.52, lng: 13.405 }, businessTypes: ["TECHNICAL"] }, sort: RANK, first: 10) {
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
        distanceKm
        businessTypes {
          label
        }
        ranking {
          score
          tier
          position
          positionOf
          breakdown {
            label
            points
          }
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
    query: `# Your orders (a customer's own, an agency member's agency's, every order for admins), with their customer
# (sso + user) and agency (agency subgraph). Needs an access token.
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
    query: `# Live chat through the gateway (graphql-ws on the same /graphql). Sign in as customer@example.com, run this,
# then send a message from another tab (SendMessage below, e.g. signed in as owner@example.com): every event arrives
# with the sender's profile (user subgraph) and the order's status (order subgraph).
subscription MessageAdded($conversationId: ID!) {
  messageAdded(conversationId: $conversationId) {
    id
    body
    createdAt
    sender {
      email
      profile {
        displayName
      }
    }
    conversation {
      order {
        number
        status
      }
    }
  }
}
`,
    variables: JSON.stringify({ conversationId: DEMO_CONVERSATION_ID }, null, 2),
  },
  {
    query: `mutation SendMessage($conversationId: ID!) {
  sendMessage(input: { conversationId: $conversationId, body: "Hello from the playground" }) {
    id
    createdAt
  }
}
`,
    variables: JSON.stringify({ conversationId: DEMO_CONVERSATION_ID }, null, 2),
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
