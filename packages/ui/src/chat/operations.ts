import { graphql } from '../gql';

/** What the chat panel shows of a message; the same selection for history, events and mutation results. */
export const ChatMessageFields = graphql(`
  fragment ChatMessageFields on Message {
    id
    body
    createdAt
    editedAt
    deletedAt
    sender {
      id
      profile {
        displayName
      }
    }
    attachments {
      id
      name
      url
    }
    voice {
      durationMs
      waveform
      file {
        id
        url
      }
    }
  }
`);

export const ChatParticipantsFields = graphql(`
  fragment ChatParticipantsFields on Conversation {
    id
    participants {
      side
      lastReadMessageId
      lastReadAt
      user {
        id
        profile {
          displayName
        }
      }
    }
  }
`);

export const ChatConversationDocument = graphql(`
  query ChatConversation($id: ID!, $first: Int!, $after: String) {
    conversation(id: $id) {
      id
      kind
      title
      unreadCount
      ...ChatParticipantsFields
      messages(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            ...ChatMessageFields
          }
        }
      }
    }
  }
`);

export const ChatMessageAddedDocument = graphql(`
  subscription ChatMessageAdded($conversationId: ID!) {
    messageAdded(conversationId: $conversationId) {
      ...ChatMessageFields
    }
  }
`);

export const ChatTypingDocument = graphql(`
  subscription ChatTyping($conversationId: ID!) {
    typing(conversationId: $conversationId) {
      conversationId
      typing
      at
      user {
        id
        profile {
          displayName
        }
      }
    }
  }
`);

/** Read receipts and unread counts of the viewer's conversations, live. */
export const ChatConversationUpdatedDocument = graphql(`
  subscription ChatConversationUpdated {
    conversationUpdated {
      id
      kind
      title
      unreadCount
      lastMessageAt
      lastMessage {
        ...ChatMessageFields
      }
      ...ChatParticipantsFields
    }
  }
`);

export const ChatSendMessageDocument = graphql(`
  mutation ChatSendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      ...ChatMessageFields
    }
  }
`);

export const ChatEditMessageDocument = graphql(`
  mutation ChatEditMessage($id: ID!, $body: String!) {
    editMessage(id: $id, body: $body) {
      ...ChatMessageFields
    }
  }
`);

export const ChatDeleteMessageDocument = graphql(`
  mutation ChatDeleteMessage($id: ID!) {
    deleteMessage(id: $id) {
      ...ChatMessageFields
    }
  }
`);

export const ChatMarkReadDocument = graphql(`
  mutation ChatMarkRead($conversationId: ID!, $messageId: ID) {
    markConversationRead(conversationId: $conversationId, messageId: $messageId) {
      id
      unreadCount
      ...ChatParticipantsFields
    }
  }
`);

export const ChatSetTypingDocument = graphql(`
  mutation ChatSetTyping($conversationId: ID!, $typing: Boolean!) {
    setTyping(conversationId: $conversationId, typing: $typing)
  }
`);
