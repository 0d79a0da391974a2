/**
 * Where the access token lives: in memory only, never in localStorage, so a
 * script injected into the page cannot read a long-lived copy. `createAuth`
 * (./auth) `set`s it on sign-in and renewal; the Apollo auth link `get`s it per request.
 */
export interface TokenStore {
  // Function-typed properties, not methods: `tokenStore.get` is passed around unbound.
  get: () => string | null;
  set: (token: string | null) => void;
  /** Called with the new token whenever it changes; returns an unsubscribe. */
  subscribe: (listener: (token: string | null) => void) => () => void;
}

export function createTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  const listeners = new Set<(token: string | null) => void>();
  return {
    get: () => token,
    set(next) {
      if (next === token) return;
      token = next;
      for (const listener of listeners) listener(token);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
