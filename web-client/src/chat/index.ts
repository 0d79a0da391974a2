export { ConversationList, conversationLabel, type ConversationListProps } from './conversation-list';
export { MessagesPage } from './messages-page';
export { OrderChat, type OrderChatProps } from './order-chat';
export { UnreadMessagesBadge, type UnreadMessagesBadgeProps } from './unread-messages-badge';
