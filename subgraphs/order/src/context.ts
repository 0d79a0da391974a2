import type { Logger } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { OrderRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: OrderRepository;
  loaders: Loaders;
}
