import type { Logger, Viewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { UserStore } from './store/user-store';

export type { Viewer };

export interface Context {
  requestId: string;
  logger: Logger;
  store: UserStore;
  loaders: Loaders;
  /** Who is calling, from the gateway-signed identity the kit verified; null when anonymous. */
  viewer: Viewer | null;
}
