import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// Apollo's packages are CommonJS and load graphql's CJS build; Vite would give our sources the ESM
// build, and two copies of graphql break `instanceof` checks between them. One copy for everyone:
const resolve = { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] };

// Tiers (STYLE.md): unit + subgraph + store contracts; platform (whole supergraph
// through the gateway); browser (Chromium against the built apps).
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          globalSetup: ['test/setup/store-targets.ts'],
          include: [
            'packages/*/test/**/*.test.ts',
            'packages/*/src/**/*.test.ts',
            'subgraphs/*/test/**/*.test.ts',
            'subgraphs/*/src/**/*.test.ts',
            'gateway/test/**/*.test.ts',
            'test/*.test.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve,
        test: {
          name: 'platform',
          include: ['test/platform/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
        resolve,
        test: {
          name: 'browser',
          include: ['web-client/test/**/*.test.ts', 'web-admin/test/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
