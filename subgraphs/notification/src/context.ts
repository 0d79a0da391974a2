import type { Logger } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { NotificationRepository } from './store/repository';

/** Who is asking, as the gateway will vouch for it. */
export interface Viewer {
  userId: string;
  roles: string[];
}

export interface Context {
  requestId: string;
  logger: Logger;
  repo: NotificationRepository;
  loaders: Loaders;
  /**
   * The caller. Always null today: the gateway starts forwarding signed identities in a later issue,
   * and that is where this gets filled in (and where `Query.notifications` stops listing every recipient).
   */
  viewer: Viewer | null;
}
