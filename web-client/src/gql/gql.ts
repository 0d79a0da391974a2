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
    "\n  query SecurityActivity($first: Int!, $after: String) {\n    activity(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          ip\n          userAgent\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.SecurityActivityDocument,
    "\n  mutation UnlinkIdentity($provider: String!, $subject: String!) {\n    unlinkIdentity(provider: $provider, subject: $subject) {\n      id\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n": typeof types.UnlinkIdentityDocument,
    "\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n      qrCodeSvg\n    }\n  }\n": typeof types.StartTotpEnrollmentDocument,
    "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      codes\n    }\n  }\n": typeof types.ConfirmTotpEnrollmentDocument,
    "\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code) {\n      id\n      mfaEnabled\n    }\n  }\n": typeof types.DisableTotpDocument,
    "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n": typeof types.RegenerateRecoveryCodesDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n": typeof types.ChangePasswordDocument,
    "\n  query SecuritySessions {\n    sessions {\n      id\n      current\n      device\n      userAgent\n      ip\n      createdAt\n      lastSeenAt\n    }\n  }\n": typeof types.SecuritySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": typeof types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": typeof types.RevokeOtherSessionsDocument,
    "\n  query AgencyDirectory($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": typeof types.AgencyDirectoryDocument,
    "\n  query AgencyPage($slug: String!) {\n    agency(slug: $slug) {\n      id\n      slug\n      name\n      description\n      city\n      region\n      status\n      rating\n      reviewCount\n      createdAt\n      businessTypes {\n        code\n        label\n      }\n      documents {\n        id\n        name\n        size\n        url\n        createdAt\n      }\n      recentOrders: orders(first: 5) {\n        totalCount\n      }\n    }\n  }\n": typeof types.AgencyPageDocument,
    "\n  query SecurityOverview {\n    me {\n      id\n      email\n      emailVerified\n      mfaEnabled\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n": typeof types.SecurityOverviewDocument,
};
const documents: Documents = {
    "\n  query SecurityActivity($first: Int!, $after: String) {\n    activity(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          ip\n          userAgent\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.SecurityActivityDocument,
    "\n  mutation UnlinkIdentity($provider: String!, $subject: String!) {\n    unlinkIdentity(provider: $provider, subject: $subject) {\n      id\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n": types.UnlinkIdentityDocument,
    "\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n      qrCodeSvg\n    }\n  }\n": types.StartTotpEnrollmentDocument,
    "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      codes\n    }\n  }\n": types.ConfirmTotpEnrollmentDocument,
    "\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code) {\n      id\n      mfaEnabled\n    }\n  }\n": types.DisableTotpDocument,
    "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n": types.RegenerateRecoveryCodesDocument,
    "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n": types.ChangePasswordDocument,
    "\n  query SecuritySessions {\n    sessions {\n      id\n      current\n      device\n      userAgent\n      ip\n      createdAt\n      lastSeenAt\n    }\n  }\n": types.SecuritySessionsDocument,
    "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n": types.RevokeSessionDocument,
    "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n": types.RevokeOtherSessionsDocument,
    "\n  query AgencyDirectory($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n": types.AgencyDirectoryDocument,
    "\n  query AgencyPage($slug: String!) {\n    agency(slug: $slug) {\n      id\n      slug\n      name\n      description\n      city\n      region\n      status\n      rating\n      reviewCount\n      createdAt\n      businessTypes {\n        code\n        label\n      }\n      documents {\n        id\n        name\n        size\n        url\n        createdAt\n      }\n      recentOrders: orders(first: 5) {\n        totalCount\n      }\n    }\n  }\n": types.AgencyPageDocument,
    "\n  query SecurityOverview {\n    me {\n      id\n      email\n      emailVerified\n      mfaEnabled\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n": types.SecurityOverviewDocument,
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
export function graphql(source: "\n  query SecurityActivity($first: Int!, $after: String) {\n    activity(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          ip\n          userAgent\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query SecurityActivity($first: Int!, $after: String) {\n    activity(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          type\n          ip\n          userAgent\n          createdAt\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnlinkIdentity($provider: String!, $subject: String!) {\n    unlinkIdentity(provider: $provider, subject: $subject) {\n      id\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UnlinkIdentity($provider: String!, $subject: String!) {\n    unlinkIdentity(provider: $provider, subject: $subject) {\n      id\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n      qrCodeSvg\n    }\n  }\n"): (typeof documents)["\n  mutation StartTotpEnrollment {\n    startTotpEnrollment {\n      secret\n      otpauthUri\n      qrCodeSvg\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation ConfirmTotpEnrollment($code: String!) {\n    confirmTotpEnrollment(code: $code) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code) {\n      id\n      mfaEnabled\n    }\n  }\n"): (typeof documents)["\n  mutation DisableTotp($password: String!, $code: String!) {\n    disableTotp(password: $password, code: $code) {\n      id\n      mfaEnabled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n"): (typeof documents)["\n  mutation RegenerateRecoveryCodes($code: String!) {\n    regenerateRecoveryCodes(code: $code) {\n      codes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecuritySessions {\n    sessions {\n      id\n      current\n      device\n      userAgent\n      ip\n      createdAt\n      lastSeenAt\n    }\n  }\n"): (typeof documents)["\n  query SecuritySessions {\n    sessions {\n      id\n      current\n      device\n      userAgent\n      ip\n      createdAt\n      lastSeenAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeSession($id: ID!) {\n    revokeSession(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"): (typeof documents)["\n  mutation RevokeOtherSessions {\n    revokeOtherSessions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgencyDirectory($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query AgencyDirectory($first: Int!, $after: String) {\n    agencies(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          slug\n          name\n          city\n          region\n          status\n          rating\n          reviewCount\n          businessTypes {\n            code\n            label\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AgencyPage($slug: String!) {\n    agency(slug: $slug) {\n      id\n      slug\n      name\n      description\n      city\n      region\n      status\n      rating\n      reviewCount\n      createdAt\n      businessTypes {\n        code\n        label\n      }\n      documents {\n        id\n        name\n        size\n        url\n        createdAt\n      }\n      recentOrders: orders(first: 5) {\n        totalCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query AgencyPage($slug: String!) {\n    agency(slug: $slug) {\n      id\n      slug\n      name\n      description\n      city\n      region\n      status\n      rating\n      reviewCount\n      createdAt\n      businessTypes {\n        code\n        label\n      }\n      documents {\n        id\n        name\n        size\n        url\n        createdAt\n      }\n      recentOrders: orders(first: 5) {\n        totalCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SecurityOverview {\n    me {\n      id\n      email\n      emailVerified\n      mfaEnabled\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query SecurityOverview {\n    me {\n      id\n      email\n      emailVerified\n      mfaEnabled\n      lastLoginAt\n      linkedIdentities {\n        provider\n        subject\n        email\n        linkedAt\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;