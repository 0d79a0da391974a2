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
    "\n  fragment ChatMessageFields on Message {\n    id\n    body\n    createdAt\n    editedAt\n    deletedAt\n    sender {\n      id\n      profile {\n        displayName\n      }\n    }\n    attachments {\n      id\n      name\n      url\n    }\n    voice {\n      durationMs\n      waveform\n      file {\n        id\n        url\n      }\n    }\n  }\n": typeof types.ChatMessageFieldsFragmentDoc,
    "\n  fragment ChatParticipantsFields on Conversation {\n    id\n    participants {\n      side\n      lastReadMessageId\n      lastReadAt\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.ChatParticipantsFieldsFragmentDoc,
    "\n  query ChatConversation($id: ID!, $first: Int!, $after: String) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      unreadCount\n      ...ChatParticipantsFields\n      messages(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChatConversationDocument,
    "\n  subscription ChatMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.ChatMessageAddedDocument,
    "\n  subscription ChatTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      typing\n      at\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n": typeof types.ChatTypingDocument,
    "\n  subscription ChatConversationUpdated {\n    conversationUpdated {\n      id\n      kind\n      title\n      unreadCount\n      lastMessageAt\n      lastMessage {\n        ...ChatMessageFields\n      }\n      ...ChatParticipantsFields\n    }\n  }\n": typeof types.ChatConversationUpdatedDocument,
    "\n  mutation ChatSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.ChatSendMessageDocument,
    "\n  mutation ChatEditMessage($id: ID!, $body: String!) {\n    editMessage(id: $id, body: $body) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.ChatEditMessageDocument,
    "\n  mutation ChatDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      ...ChatMessageFields\n    }\n  }\n": typeof types.ChatDeleteMessageDocument,
    "\n  mutation ChatMarkRead($conversationId: ID!, $messageId: ID) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n      ...ChatParticipantsFields\n    }\n  }\n": typeof types.ChatMarkReadDocument,
    "\n  mutation ChatSetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n": typeof types.ChatSetTypingDocument,
};
const documents: Documents = {
    "\n  fragment ChatMessageFields on Message {\n    id\n    body\n    createdAt\n    editedAt\n    deletedAt\n    sender {\n      id\n      profile {\n        displayName\n      }\n    }\n    attachments {\n      id\n      name\n      url\n    }\n    voice {\n      durationMs\n      waveform\n      file {\n        id\n        url\n      }\n    }\n  }\n": types.ChatMessageFieldsFragmentDoc,
    "\n  fragment ChatParticipantsFields on Conversation {\n    id\n    participants {\n      side\n      lastReadMessageId\n      lastReadAt\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n": types.ChatParticipantsFieldsFragmentDoc,
    "\n  query ChatConversation($id: ID!, $first: Int!, $after: String) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      unreadCount\n      ...ChatParticipantsFields\n      messages(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n": types.ChatConversationDocument,
    "\n  subscription ChatMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n": types.ChatMessageAddedDocument,
    "\n  subscription ChatTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      typing\n      at\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n": types.ChatTypingDocument,
    "\n  subscription ChatConversationUpdated {\n    conversationUpdated {\n      id\n      kind\n      title\n      unreadCount\n      lastMessageAt\n      lastMessage {\n        ...ChatMessageFields\n      }\n      ...ChatParticipantsFields\n    }\n  }\n": types.ChatConversationUpdatedDocument,
    "\n  mutation ChatSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...ChatMessageFields\n    }\n  }\n": types.ChatSendMessageDocument,
    "\n  mutation ChatEditMessage($id: ID!, $body: String!) {\n    editMessage(id: $id, body: $body) {\n      ...ChatMessageFields\n    }\n  }\n": types.ChatEditMessageDocument,
    "\n  mutation ChatDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      ...ChatMessageFields\n    }\n  }\n": types.ChatDeleteMessageDocument,
    "\n  mutation ChatMarkRead($conversationId: ID!, $messageId: ID) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n      ...ChatParticipantsFields\n    }\n  }\n": types.ChatMarkReadDocument,
    "\n  mutation ChatSetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n": types.ChatSetTypingDocument,
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
export function graphql(source: "\n  fragment ChatMessageFields on Message {\n    id\n    body\n    createdAt\n    editedAt\n    deletedAt\n    sender {\n      id\n      profile {\n        displayName\n      }\n    }\n    attachments {\n      id\n      name\n      url\n    }\n    voice {\n      durationMs\n      waveform\n      file {\n        id\n        url\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ChatMessageFields on Message {\n    id\n    body\n    createdAt\n    editedAt\n    deletedAt\n    sender {\n      id\n      profile {\n        displayName\n      }\n    }\n    attachments {\n      id\n      name\n      url\n    }\n    voice {\n      durationMs\n      waveform\n      file {\n        id\n        url\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatParticipantsFields on Conversation {\n    id\n    participants {\n      side\n      lastReadMessageId\n      lastReadAt\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ChatParticipantsFields on Conversation {\n    id\n    participants {\n      side\n      lastReadMessageId\n      lastReadAt\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ChatConversation($id: ID!, $first: Int!, $after: String) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      unreadCount\n      ...ChatParticipantsFields\n      messages(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ChatConversation($id: ID!, $first: Int!, $after: String) {\n    conversation(id: $id) {\n      id\n      kind\n      title\n      unreadCount\n      ...ChatParticipantsFields\n      messages(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            ...ChatMessageFields\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChatMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n"): (typeof documents)["\n  subscription ChatMessageAdded($conversationId: ID!) {\n    messageAdded(conversationId: $conversationId) {\n      ...ChatMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChatTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      typing\n      at\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ChatTyping($conversationId: ID!) {\n    typing(conversationId: $conversationId) {\n      conversationId\n      typing\n      at\n      user {\n        id\n        profile {\n          displayName\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ChatConversationUpdated {\n    conversationUpdated {\n      id\n      kind\n      title\n      unreadCount\n      lastMessageAt\n      lastMessage {\n        ...ChatMessageFields\n      }\n      ...ChatParticipantsFields\n    }\n  }\n"): (typeof documents)["\n  subscription ChatConversationUpdated {\n    conversationUpdated {\n      id\n      kind\n      title\n      unreadCount\n      lastMessageAt\n      lastMessage {\n        ...ChatMessageFields\n      }\n      ...ChatParticipantsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChatSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...ChatMessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChatSendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      ...ChatMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChatEditMessage($id: ID!, $body: String!) {\n    editMessage(id: $id, body: $body) {\n      ...ChatMessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChatEditMessage($id: ID!, $body: String!) {\n    editMessage(id: $id, body: $body) {\n      ...ChatMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChatDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      ...ChatMessageFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChatDeleteMessage($id: ID!) {\n    deleteMessage(id: $id) {\n      ...ChatMessageFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChatMarkRead($conversationId: ID!, $messageId: ID) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n      ...ChatParticipantsFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChatMarkRead($conversationId: ID!, $messageId: ID) {\n    markConversationRead(conversationId: $conversationId, messageId: $messageId) {\n      id\n      unreadCount\n      ...ChatParticipantsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChatSetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n"): (typeof documents)["\n  mutation ChatSetTyping($conversationId: ID!, $typing: Boolean!) {\n    setTyping(conversationId: $conversationId, typing: $typing)\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;