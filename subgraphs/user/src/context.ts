import type { Logger } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { ProfileRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: ProfileRepository;
  loaders: Loaders;
}
