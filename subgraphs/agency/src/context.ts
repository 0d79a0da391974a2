import type { Logger } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { AgencyRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: AgencyRepository;
  loaders: Loaders;
}
