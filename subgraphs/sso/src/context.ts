import type { Logger } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { UserStore } from './store/user-store';

/** Who is calling, as the gateway vouches for it. */
export interface Viewer {
  userId: string;
}

export interface Context {
  requestId: string;
  logger: Logger;
  store: UserStore;
  loaders: Loaders;
  /**
   * Always null for now: the gateway starts forwarding the caller's identity as a
   * signed header in the SSO/auth issue, and this is where it will land.
   */
  viewer: Viewer | null;
}
