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
    "\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.AgenciesTableDocument,
    "\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.OrdersTableDocument,
    "\n  query UsersTable($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          createdAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.UsersTableDocument,
};
const documents: Documents = {
    "\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.AgenciesTableDocument,
    "\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.OrdersTableDocument,
    "\n  query UsersTable($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          createdAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.UsersTableDocument,
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
export function graphql(source: "\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AgenciesTable($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          createdAt\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query OrdersTable($first: Int!, $after: String, $status: OrderStatus) {\n    orders(first: $first, after: $after, status: $status) {\n      edges {\n        cursor\n        node {\n          id\n          number\n          title\n          status\n          amount\n          currency\n          createdAt\n          customer {\n            id\n            email\n          }\n          agency {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersTable($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          createdAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query UsersTable($first: Int!, $after: String) {\n    users(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          email\n          roles\n          status\n          createdAt\n          profile {\n            displayName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;