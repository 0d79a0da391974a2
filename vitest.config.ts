import { defineConfig } from 'vitest/config';

// Tiers (STYLE.md): unit + subgraph + store contracts; platform (whole supergraph
// through the gateway); browser (Chromium against the built apps).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/test/**/*.test.ts', 'packages/*/src/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'subgraphs/*/src/**/*.test.ts', 'gateway/test/**/*.test.ts', 'test/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'platform',
          include: ['test/platform/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
      {
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
