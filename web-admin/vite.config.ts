import { runtimeConfigPlugin, vendorChunkGroups } from '@market/ui/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const PORT = 3009;

export default defineConfig({
  plugins: [react(), runtimeConfigPlugin()],
  server: { port: PORT, strictPort: true },
  preview: { port: PORT, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: { output: { codeSplitting: { groups: vendorChunkGroups } } },
  },
});
