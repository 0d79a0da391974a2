import { createTokenStore } from '@market/ui';

/**
 * The signed-in staff member's access token, in memory only. Empty until OIDC
 * sign-in lands (management scopes will only be issued to this app).
 */
export const tokenStore = createTokenStore();
