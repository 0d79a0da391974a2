export { createApolloClient, createAuthLink, createTransportLink, type CreateApolloClientOptions, type TokenGetter } from './apollo';
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
  loadRuntimeConfig,
  parseRuntimeConfig,
  type LoadRuntimeConfigOptions,
  type LoadedRuntimeConfig,
  type RuntimeConfig,
} from './runtime-config';
export { StatusBadge, type StatusBadgeProps } from './status-badge';
export { marketTheme } from './theme';
export { createTokenStore, type TokenStore } from './token-store';
