import type { Logger, Viewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { FileRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: FileRepository;
  loaders: Loaders;
  /** The caller as the gateway vouches for it (verified gateway-signed identity); null when anonymous. */
  viewer: Viewer | null;
  /** Base URL clients download file contents from (PUBLIC_URL). */
  publicUrl: string;
}
