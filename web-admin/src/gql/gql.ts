/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ViewerRoles {\n    me {\n      id\n      roles\n    }\n  }\n": typeof types.ViewerRolesDocument,
    "\n  mutation GrantRole($userId: ID!, $role: Role!) {\n    grantRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n": typeof types.GrantRoleDocument,
    "\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n": typeof types.RevokeRoleDocument,
    "\n  mutation SetUserStatus($id: ID!, $status: UserStatus!, $reason: String) {\n    setUserStatus(id: $id, status: $status, reason: $reason) {\n      id\n      status\n      statusReason\n    }\n  }\n": typeof types.SetUserStatusDocument,
    "\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.AgenciesTableDocument,
    "\n  query AuditLog($first: Int!, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          actorId\n          actor {\n            id\n            email\n          }\n          targetId\n          target {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query OAuthClients {\n    oauthClients {\n      id\n      name\n      type\n      firstParty\n      grantTypes\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      createdAt\n      updatedAt\n    }\n  }\n": typeof types.OAuthClientsDocument,
    "\n  mutation CreateOAuthClient($input: CreateOAuthClientInput!) {\n    createOAuthClient(input: $input) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n": typeof types.CreateOAuthClientDocument,
    "\n  mutation UpdateOAuthClient($id: ID!, $input: UpdateOAuthClientInput!) {\n    updateOAuthClient(id: $id, input: $input) {\n      id\n      name\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      updatedAt\n    }\n  }\n": typeof types.UpdateOAuthClientDocument,
    "\n  mutation RotateOAuthClientSecret($id: ID!) {\n    rotateOAuthClientSecret(id: $id) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n": typeof types.RotateOAuthClientSecretDocument,
    "\n  mutation DeleteOAuthClient($id: ID!) {\n    deleteOAuthClient(id: $id)\n  }\n": typeof types.DeleteOAuthClientDocument,
    "\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.OrdersTableDocument,
    "\n  query UserDetail($id: ID!, $targetId: String!) {\n    user(id: $id) {\n      id\n      email\n      emailVerified\n      roles\n      status\n      statusReason\n      mfaEnabled\n      createdAt\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n      profile {\n        displayName\n      }\n    }\n    recent: auditLog(filter: { targetId: $targetId }, first: 10) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          ip\n          actor {\n            id\n            email\n          }\n        }\n      }\n      totalCount\n    }\n  }\n": typeof types.UserDetailDocument,
    "\n  query UsersTable($first: Int!, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          statusReason\n          createdAt\n          lastLoginAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.UsersTableDocument,
};
const documents: Documents = {
    "\n  query ViewerRoles {\n    me {\n      id\n      roles\n    }\n  }\n": types.ViewerRolesDocument,
    "\n  mutation GrantRole($userId: ID!, $role: Role!) {\n    grantRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n": types.GrantRoleDocument,
    "\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n": types.RevokeRoleDocument,
    "\n  mutation SetUserStatus($id: ID!, $status: UserStatus!, $reason: String) {\n    setUserStatus(id: $id, status: $status, reason: $reason) {\n      id\n      status\n      statusReason\n    }\n  }\n": types.SetUserStatusDocument,
    "\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.AgenciesTableDocument,
    "\n  query AuditLog($first: Int!, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          actorId\n          actor {\n            id\n            email\n          }\n          targetId\n          target {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.AuditLogDocument,
    "\n  query OAuthClients {\n    oauthClients {\n      id\n      name\n      type\n      firstParty\n      grantTypes\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      createdAt\n      updatedAt\n    }\n  }\n": types.OAuthClientsDocument,
    "\n  mutation CreateOAuthClient($input: CreateOAuthClientInput!) {\n    createOAuthClient(input: $input) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n": types.CreateOAuthClientDocument,
    "\n  mutation UpdateOAuthClient($id: ID!, $input: UpdateOAuthClientInput!) {\n    updateOAuthClient(id: $id, input: $input) {\n      id\n      name\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      updatedAt\n    }\n  }\n": types.UpdateOAuthClientDocument,
    "\n  mutation RotateOAuthClientSecret($id: ID!) {\n    rotateOAuthClientSecret(id: $id) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n": types.RotateOAuthClientSecretDocument,
    "\n  mutation DeleteOAuthClient($id: ID!) {\n    deleteOAuthClient(id: $id)\n  }\n": types.DeleteOAuthClientDocument,
    "\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.OrdersTableDocument,
    "\n  query UserDetail($id: ID!, $targetId: String!) {\n    user(id: $id) {\n      id\n      email\n      emailVerified\n      roles\n      status\n      statusReason\n      mfaEnabled\n      createdAt\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n      profile {\n        displayName\n      }\n    }\n    recent: auditLog(filter: { targetId: $targetId }, first: 10) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          ip\n          actor {\n            id\n            email\n          }\n        }\n      }\n      totalCount\n    }\n  }\n": types.UserDetailDocument,
    "\n  query UsersTable($first: Int!, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          statusReason\n          createdAt\n          lastLoginAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.UsersTableDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ViewerRoles {\n    me {\n      id\n      roles\n    }\n  }\n"): (typeof documents)["\n  query ViewerRoles {\n    me {\n      id\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation GrantRole($userId: ID!, $role: Role!) {\n    grantRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n"): (typeof documents)["\n  mutation GrantRole($userId: ID!, $role: Role!) {\n    grantRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeRole($userId: ID!, $role: Role!) {\n    revokeRole(userId: $userId, role: $role) {\n      id\n      roles\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetUserStatus($id: ID!, $status: UserStatus!, $reason: String) {\n    setUserStatus(id: $id, status: $status, reason: $reason) {\n      id\n      status\n      statusReason\n    }\n  }\n"): (typeof documents)["\n  mutation SetUserStatus($id: ID!, $status: UserStatus!, $reason: String) {\n    setUserStatus(id: $id, status: $status, reason: $reason) {\n      id\n      status\n      statusReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int!, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          actorId\n          actor {\n            id\n            email\n          }\n          targetId\n          target {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int!, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          actorId\n          actor {\n            id\n            email\n          }\n          targetId\n          target {\n            id\n            email\n          }\n          ip\n          userAgent\n          details\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OAuthClients {\n    oauthClients {\n      id\n      name\n      type\n      firstParty\n      grantTypes\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      createdAt\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query OAuthClients {\n    oauthClients {\n      id\n      name\n      type\n      firstParty\n      grantTypes\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      createdAt\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateOAuthClient($input: CreateOAuthClientInput!) {\n    createOAuthClient(input: $input) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n"): (typeof documents)["\n  mutation CreateOAuthClient($input: CreateOAuthClientInput!) {\n    createOAuthClient(input: $input) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateOAuthClient($id: ID!, $input: UpdateOAuthClientInput!) {\n    updateOAuthClient(id: $id, input: $input) {\n      id\n      name\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateOAuthClient($id: ID!, $input: UpdateOAuthClientInput!) {\n    updateOAuthClient(id: $id, input: $input) {\n      id\n      name\n      redirectUris\n      postLogoutRedirectUris\n      scopes\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RotateOAuthClientSecret($id: ID!) {\n    rotateOAuthClientSecret(id: $id) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n"): (typeof documents)["\n  mutation RotateOAuthClientSecret($id: ID!) {\n    rotateOAuthClientSecret(id: $id) {\n      client {\n        id\n        name\n      }\n      clientSecret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteOAuthClient($id: ID!) {\n    deleteOAuthClient(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteOAuthClient($id: ID!) {\n    deleteOAuthClient(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UserDetail($id: ID!, $targetId: String!) {\n    user(id: $id) {\n      id\n      email\n      emailVerified\n      roles\n      status\n      statusReason\n      mfaEnabled\n      createdAt\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n      profile {\n        displayName\n      }\n    }\n    recent: auditLog(filter: { targetId: $targetId }, first: 10) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          ip\n          actor {\n            id\n            email\n          }\n        }\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query UserDetail($id: ID!, $targetId: String!) {\n    user(id: $id) {\n      id\n      email\n      emailVerified\n      roles\n      status\n      statusReason\n      mfaEnabled\n      createdAt\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n      profile {\n        displayName\n      }\n    }\n    recent: auditLog(filter: { targetId: $targetId }, first: 10) {\n      edges {\n        node {\n          id\n          type\n          createdAt\n          ip\n          actor {\n            id\n            email\n          }\n        }\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersTable($first: Int!, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          statusReason\n          createdAt\n          lastLoginAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query UsersTable($first: Int!, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          statusReason\n          createdAt\n          lastLoginAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;