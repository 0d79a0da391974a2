import type { Logger, Viewer as GatewayViewer } from '@market/kit';
import type { ChatStore } from './store/chat-store';
import type { Loaders } from './store/loaders';

/** The signed-in caller, as the gateway vouches for them (`userId` is the kit viewer's `id`). */
export interface Viewer extends GatewayViewer {
  userId: string;
}

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

/** The kit's verified viewer in chat's shape. */
export function viewerOf(viewer: GatewayViewer | null): Viewer | null {
  return viewer ? { ...viewer, userId: viewer.id } : null;
}
