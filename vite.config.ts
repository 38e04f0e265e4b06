import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The proxy (src/server) serves the built app in production; in dev Vite forwards /api to it.
const proxyPort = Number(process.env.PORT ?? 8787);
// LONGHAND_DIST lets parallel checkouts of the work build side by side (default: dist).
const dist = process.env.LONGHAND_DIST ?? 'dist';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: [react()],
  // Module workers (both are created with type: 'module'): the import parser's worker then loads TipTap's Markdown
  // parser only for Markdown files, instead of carrying it inlined for every plain-text book.
  worker: { format: 'es' },
  build: isSsrBuild
    ? { outDir: `${dist}/server`, emptyOutDir: true, sourcemap: true }
    : {
      outDir: `${dist}/client`, sourcemap: true, chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        // TipTap's packages define every extension at module level (`Extension.create({...})`) and do not declare
        // themselves side-effect free, so the bundler kept the ones StarterKit's packages export but nothing
        // uses (task lists, placeholder, focus, character count...) in the page's first load. Creating an
        // extension only builds its config object: unused, it can go.
        treeshake: { manualPureFunctions: ['Extension.create', 'Node.create', 'Mark.create'] },
      },
    },
  server: {
    proxy: {
      '/api': { target: `http://127.0.0.1:${proxyPort}`, changeOrigin: false },
      // The sync server's WebSocket (src/server/collab); Host and Origin stay the page's, so its origin check passes.
      '/collab': { target: `ws://127.0.0.1:${proxyPort}`, ws: true, changeOrigin: false },
    },
  },
}));
