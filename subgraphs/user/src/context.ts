import type { Logger, Viewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { ProfileRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: ProfileRepository;
  loaders: Loaders;
  /** The caller as the gateway vouches for it (verified gateway-signed identity); null when anonymous. */
  viewer: Viewer | null;
}
