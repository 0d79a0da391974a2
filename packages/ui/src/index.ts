export {
  createApolloClient,
  createAuthLink,
  createRenewOn401Link,
  createTransportLink,
  isUnauthorized,
  type CreateApolloClientOptions,
  type TokenGetter,
} from './apollo';
export { createAuth, safeReturnPath, userFromAccessToken, type Auth, type AuthOptions, type AuthState, type AuthUser } from './auth';
export { AccountMenu, CURRENT_USER_EMAIL, SIGN_OUT_EVERYWHERE } from './auth-menu';
export {
  AuthProvider,
  RequireSignIn,
  SignInCallback,
  useAuth,
  useOptionalAuth,
  type RequireSignInProps,
  type UseAuth,
} from './auth-provider';
export { AppLayout, type AppLayoutProps, type NavItem } from './app-layout';
export { ConnectionTable, type Column, type ConnectionLike, type ConnectionTableProps } from './connection-table';
export {
  cursorPagesReducer,
  initialCursorPages,
  useCursorPages,
  type CursorPages,
  type CursorPagesAction,
  type CursorPagesState,
} from './cursor-pages';
export { formatBytes, formatDate, formatDateTime, formatMoney, humanizeEnum } from './format';
export { PageHeader, type PageHeaderProps } from './page-header';
export { MarketProviders } from './provider';
export { errorMessages } from './error-messages';
export { EmptyState, ErrorState, LoadingState, type ErrorStateProps } from './query-states';
export {
  DEFAULT_GRAPHQL_URL,
  DEFAULT_ISSUER,
  loadRuntimeConfig,
  parseRuntimeConfig,
  type LoadRuntimeConfigOptions,
  type LoadedRuntimeConfig,
  type RuntimeConfig,
} from './runtime-config';
export { StatusBadge, type StatusBadgeProps } from './status-badge';
export { marketTheme } from './theme';
export { createTokenStore, type TokenStore } from './token-store';
export { ConfirmModal, type ConfirmModalProps } from './confirm-modal';
export { fieldErrors, type FieldErrors } from './field-errors';
export { AUDIT_EVENT_LABELS, KNOWN_AUDIT_EVENT_TYPES, describeAuditEvent, type KnownAuditEventType } from './audit-events';
export { FormError, type FormErrorProps } from './form-error';
export { describeUserAgent } from './user-agent';
export { ChatMarkdown, safeHref } from './chat/markdown';
export { formatDuration, VoiceMessage, Waveform, type VoiceMessageProps } from './chat/voice-message';
export { ChatPanel, MAX_MESSAGE_LENGTH, addMessageToCache, mergeMessageEdges, type ChatPanelProps } from './chat/chat-panel';
export { ChatConversationUpdatedDocument } from './chat/operations';
export { ConversationNav, byLastActivity, type ConversationNavItem, type ConversationNavProps } from './chat/conversation-nav';
