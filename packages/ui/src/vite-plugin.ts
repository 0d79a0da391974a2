import type { Connect, Plugin } from 'vite';

// Vite loads this file with Node's own TypeScript support, which cannot resolve
// extensionless relative imports: keep it self-contained (same value as in runtime-config.ts).
const DEFAULT_GRAPHQL_URL = 'http://localhost:3000/graphql';
const DEFAULT_ISSUER = 'http://localhost:3001';

/**
 * Serves `GET /config.json` from the Vite dev and preview servers, the same
 * document `startSpaServer` (@market/kit) serves in production, so the app has
 * one way to find the gateway and SSO. The URLs come from `VITE_GRAPHQL_URL` and
 * `VITE_OIDC_ISSUER` (shell or `.env*` file), else the local gateway and SSO.
 */
export function runtimeConfigPlugin(): Plugin {
  let graphqlUrl = DEFAULT_GRAPHQL_URL;
  let issuer = DEFAULT_ISSUER;
  const middleware: Connect.NextHandleFunction = (req, res, next) => {
    const path = req.url?.split('?')[0];
    if (path !== '/config.json') {
      next();
      return;
    }
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('cache-control', 'no-store');
    res.end(JSON.stringify({ graphqlUrl, issuer }));
  };
  return {
    name: 'market-runtime-config',
    configResolved(config) {
      const fromEnv: unknown = config.env.VITE_GRAPHQL_URL;
      if (typeof fromEnv === 'string' && fromEnv !== '') graphqlUrl = fromEnv;
      const issuerFromEnv: unknown = config.env.VITE_OIDC_ISSUER;
      if (typeof issuerFromEnv === 'string' && issuerFromEnv !== '') issuer = issuerFromEnv;
    },
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}

/**
 * Long-lived vendor chunks: React, Mantine and Apollo change far less often
 * than the app, so a release usually re-downloads only the app chunk.
 */
export const vendorChunkGroups = [
  {
    name: 'vendor-react',
    test: /[\\/]node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
    priority: 30,
  },
  {
    name: 'vendor-mantine',
    test: /[\\/]node_modules[\\/](@mantine|@floating-ui|react-remove-scroll|react-number-format|clsx|type-fest)/,
    priority: 20,
  },
  {
    name: 'vendor-graphql',
    test: /[\\/]node_modules[\\/](@apollo|graphql|rxjs|@wry|optimism|tslib|@graphql-typed-document-node)/,
    priority: 10,
  },
];
