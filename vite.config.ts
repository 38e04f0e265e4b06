import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { reactAliases } from './reactAliases';

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

// src/early.ts starts reading the last document while the app's code downloads (src/storage/earlyOpen.ts). A
// second module script in index.html would be merged into the app's entry by the build and run only after all of
// it, so it is its own entry and its tag goes in first: module scripts run in order, each as soon as it (not the
// ones after it) has loaded, and this one is small.
const early = fileURLToPath(new URL('./src/early.ts', import.meta.url));
const earlyScript = {
  name: 'longhand-early-script',
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { bundle?: Record<string, { type: string; isEntry?: boolean; facadeModuleId?: string | null; fileName: string }> }) {
      const chunk = ctx.bundle && Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === early);
      const src = ctx.bundle ? (chunk ? `/${chunk.fileName}` : null) : '/src/early.ts';
      const at = html.indexOf('<script type="module"');
      if (!src || at < 0) throw new Error('longhand-early-script: no early entry or no module script to put it before');
      return `${html.slice(0, at)}<script type="module" crossorigin src="${src}"></script>\n    ${html.slice(at)}`;
    },
  },
};

// src/main.tsx runs the app (src/boot.tsx, a dynamic import) once the early reads are in. Its chunks are listed
// for preloading here, in index.html, so they download and compile while the reads run instead of being
// requested only when the import is called.
const boot = fileURLToPath(new URL('./src/boot.tsx', import.meta.url));
type OutChunk = { type: string; facadeModuleId?: string | null; fileName: string; imports?: string[] };
const bootPreload = {
  name: 'longhand-boot-preload',
  transformIndexHtml: {
    order: 'post' as const,
    handler(html: string, ctx: { bundle?: Record<string, OutChunk> }) {
      if (!ctx.bundle) return html; // dev: Vite serves modules on demand
      const bundle = ctx.bundle;
      const start = Object.values(bundle).find((c) => c.type === 'chunk' && c.facadeModuleId === boot);
      if (!start) throw new Error('longhand-boot-preload: no chunk for src/boot.tsx');
      const files = new Set<string>();
      const visit = (c: OutChunk) => {
        if (files.has(c.fileName)) return;
        files.add(c.fileName);
        for (const f of c.imports ?? []) if (bundle[f]) visit(bundle[f]!);
      };
      visit(start);
      const links = [...files].filter((f) => !html.includes(`/${f}"`)).map((f) => `<link rel="modulepreload" crossorigin href="/${f}">`);
      const at = html.indexOf('<link rel="stylesheet"');
      const cut = at < 0 ? html.indexOf('</head>') : at;
      return `${html.slice(0, cut)}${links.join('\n    ')}\n    ${html.slice(cut)}`;
    },
  },
};

// The proxy (src/server) serves the built app in production; in dev Vite forwards /api to it.
const proxyPort = Number(process.env.PORT ?? 8787);
// LONGHAND_DIST lets parallel checkouts of the work build side by side (default: dist).
const dist = process.env.LONGHAND_DIST ?? 'dist';

export default defineConfig(({ isSsrBuild }) => ({
  plugins: isSsrBuild ? [react()] : [react(), lazyLinkify, earlyScript, bootPreload],
  resolve: { alias: reactAliases },
  // Module workers (both are created with type: 'module'): the import parser's worker then loads TipTap's Markdown
  // parser only for Markdown files, instead of carrying it inlined for every plain-text book.
  worker: { format: 'es' },
  build: isSsrBuild
    ? { outDir: `${dist}/server`, emptyOutDir: true, sourcemap: true }
    : {
      outDir: `${dist}/client`, sourcemap: true, chunkSizeWarningLimit: 1500,
      rolldownOptions: {
        input: { index: fileURLToPath(new URL('./index.html', import.meta.url)), early },
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
