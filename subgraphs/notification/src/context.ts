import type { Logger, Viewer as GatewayViewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { NotificationRepository } from './store/repository';

/** Who is asking, as the gateway vouches for it (`userId` is the kit viewer's `id`). */
export interface Viewer extends GatewayViewer {
  userId: string;
}

export interface Context {
  requestId: string;
  logger: Logger;
  repo: NotificationRepository;
  loaders: Loaders;
  /**
   * The caller, from the gateway-signed identity the kit verified; null when anonymous
   * (`Query.notifications` then lists every recipient's, with a viewer only theirs).
   */
  viewer: Viewer | null;
}

/** The kit's verified viewer in this subgraph's shape. */
export function viewerOf(viewer: GatewayViewer | null): Viewer | null {
  return viewer ? { ...viewer, userId: viewer.id } : null;
}
