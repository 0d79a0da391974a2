import type { Logger, Viewer } from '@market/kit';
import type { KeyValueStore } from '@market/stores';
import type { ChatRealtime } from './realtime';
import type { ChatStore } from './store/chat-store';
import type { Loaders } from './store/loaders';

export interface Context {
  requestId: string;
  logger: Logger;
  store: ChatStore;
  /**
   * Per request, batched. A subscription keeps one context for its whole life, so its resolvers
   * replace the loaders for every event (see resolvers/subscription.ts): each event reads fresh data.
   */
  loaders: Loaders;
  realtime: ChatRealtime;
  kv: KeyValueStore;
  /** Who is asking, from the gateway-signed identity the kit verified; null when anonymous. */
  viewer: Viewer | null;
  /** Conversations whose admin read this request already recorded (one audit event per request). */
  audited: Set<string>;
}
