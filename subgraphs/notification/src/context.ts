import type { Logger, Viewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { NotificationRepository } from './store/repository';

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
