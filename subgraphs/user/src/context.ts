import type { Logger, Viewer } from '@market/kit';
import type { ProfileService } from './profile-service';
import type { Loaders } from './store/loaders';

export interface Context {
  requestId: string;
  logger: Logger;
  loaders: Loaders;
  /** Profile, preferences and phone changes of the signed-in user. */
  profiles: ProfileService;
  /** Base URL of file downloads (`<fileBaseUrl>/files/<id>`). */
  fileBaseUrl: string;
  /** The caller as the gateway vouches for it (verified gateway-signed identity); null when anonymous. */
  viewer: Viewer | null;
}
