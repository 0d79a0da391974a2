import type { Logger, Viewer } from '@market/kit';
import type { MfaService } from './domain/mfa';
import type { SessionControl } from './oidc/accounts';
import type { BruteForceGuard } from './oidc/brute-force';
import type { OAuthClientRegistry } from './oidc/oauth-clients';
import type { Loaders } from './store/loaders';
import type { UserStore } from './store/user-store';

export type { Viewer };

/** What the account mutations use beyond the store: the provider's sessions and clients, MFA, the brute-force guard. */
export interface AccountServices {
  sessions: SessionControl;
  clients: OAuthClientRegistry;
  mfa: MfaService;
  guard: BruteForceGuard;
}

export interface Context {
  requestId: string;
  logger: Logger;
  store: UserStore;
  loaders: Loaders;
  /** Who is calling, from the gateway-signed identity the kit verified; null when anonymous. */
  viewer: Viewer | null;
  accounts: AccountServices;
}
