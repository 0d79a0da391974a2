import type { IncomingMessage } from 'node:http';
import type { Logger } from '@market/kit';
import type { ChatStore } from './store/chat-store';
import type { Loaders } from './store/loaders';

/** The signed-in caller, as the gateway vouches for them. */
export interface Viewer {
  userId: string;
  roles: readonly string[];
}

export interface Context {
  requestId: string;
  logger: Logger;
  store: ChatStore;
  loaders: Loaders;
  /**
   * Who is asking. Always null for now: the gateway-signed identity is read here in a later
   * issue, and until then no resolver filters by it (every conversation is visible).
   */
  viewer: Viewer | null;
}

/** The seam where the gateway-signed identity will be verified; nobody is identified yet. */
export function viewerOf(_req: IncomingMessage): Viewer | null {
  return null;
}
