import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// TipTap's Link extension gets linkify through src/editor/linkifyLazy.ts, which loads it after the first load
// (see there). Only that importer is redirected: the shim's own `import('linkifyjs')` resolves as usual.
const linkifyLazy = fileURLToPath(new URL('./src/editor/linkifyLazy.ts', import.meta.url));
const lazyLinkify = {
  name: 'longhand-lazy-linkify',
  enforce: 'pre' as const,
  resolveId(source: string, importer: string | undefined) {
    return source === 'linkifyjs' && importer?.includes('/@tiptap/extension-link/') ? linkifyLazy : null;
  },
};

// The proxy (src/server) serves the built app in production; in dev Vite forwards /api to it.
const proxyPort = Number(process.env.PORT ?? 8787);
// LONGHAND_DIST lets parallel checkouts of the work build side by side (default: dist).
const dist = process.env.LONGHAND_DIST ?? 'dist';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: isSsrBuild ? [react()] : [react(), lazyLinkify],
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
