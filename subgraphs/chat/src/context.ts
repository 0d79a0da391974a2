import type { Logger, Viewer } from '@market/kit';
import type { ChatStore } from './store/chat-store';
import type { Loaders } from './store/loaders';

export interface Context {
  requestId: string;
  logger: Logger;
  store: ChatStore;
  loaders: Loaders;
  /**
   * Who is asking, from the gateway-signed identity the kit verified; null when anonymous.
   * No resolver filters by it yet (every conversation is visible).
   */
  viewer: Viewer | null;
}
