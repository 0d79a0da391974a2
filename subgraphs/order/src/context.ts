import type { Logger, Viewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { OrderRepository } from './store/repository';

export interface Context {
  requestId: string;
  logger: Logger;
  repo: OrderRepository;
  loaders: Loaders;
  /** The caller as the gateway vouches for it (verified gateway-signed identity); null when anonymous. */
  viewer: Viewer | null;
  /** PAYMENTS_SANDBOX: whether markOrderPaidSandbox may mark orders paid. */
  paymentsSandbox: boolean;
}
