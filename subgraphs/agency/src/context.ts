import type { Logger, Viewer } from '@market/kit';
import type { Loaders } from './store/loaders';
import type { AgencyRepository } from './store/repository';

export interface AgencySettings {
  /** Base of invitation links: `<webAdminUrl>/invitations/<token>`. */
  webAdminUrl: string;
  /** Embedded mode (no real database, no mailer): invitation links are logged so they can be followed by hand. */
  logInvitationLinks: boolean;
  /** The clock (tests move it to expire invitations). */
  now: () => Date;
}

export interface Context {
  requestId: string;
  logger: Logger;
  repo: AgencyRepository;
  loaders: Loaders;
  /** The caller as the gateway vouches for it (verified gateway-signed identity); null when anonymous. */
  viewer: Viewer | null;
  settings: AgencySettings;
}
