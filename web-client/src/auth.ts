import { createTokenStore } from '@market/ui';

/**
 * The signed-in customer's access token, in memory only. Empty until OIDC
 * sign-in lands; every request is anonymous meanwhile.
 */
export const tokenStore = createTokenStore();
