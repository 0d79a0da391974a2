import type { Logger } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { FileRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: FileRepository;
  loaders: Loaders;
  /** Base URL clients download file contents from (PUBLIC_URL). */
  publicUrl: string;
}
