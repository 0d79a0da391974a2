import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * GraphiQL bundled for the gateway: the gateway serves dist/index.html on
 * GET /graphql (Accept: text/html) and dist/assets under /playground/, so the
 * page and its Monaco workers load from the gateway's own origin, offline.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/playground/',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Monaco is large by nature; it loads once and is cached as an immutable asset.
    chunkSizeWarningLimit: 6_000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL ships React Compiler "use no memo" directives; dropping them in a bundle is harmless.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
