// Serves the built client (dist/client) with a strict Content-Security-Policy and an SPA fallback.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { nodeOf } from './node';

// No inline script; styles allow 'unsafe-inline' because TipTap/ProseMirror inject a <style> element and
// style attributes for the editor, which a nonce cannot cover.
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A response written straight to the socket (the generate stream) has its headers out already: adding these
  // would only copy the placeholder Response Hono holds for it and set headers nobody sends.
  if (nodeOf(c)?.outgoing.headersSent) return;
  c.header('Content-Security-Policy', CSP);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
};

export interface ClientOptions {
  /** Serve the build's *.map files (SERVE_SOURCEMAPS=true); otherwise they are 404 like any missing file. */
  sourceMaps?: boolean;
}

export function mountClient(app: Hono, clientDir: string, { sourceMaps = false }: ClientOptions = {}) {
  const indexFile = join(clientDir, 'index.html');
  if (!sourceMaps) {
    app.use('*', async (c, next) => {
      if (!c.req.path.toLowerCase().endsWith('.map')) return next();
      return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    });
  }
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root: clientDir }));
  // Client-side routes: any GET that is not an API call or a file gets the app's index.html.
  app.get('*', (c) => {
    if (c.req.path.startsWith('/api/') || /\.[a-z0-9]+$/i.test(c.req.path) || !existsSync(indexFile)) {
      return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(readFileSync(indexFile, 'utf8'));
  });
}
