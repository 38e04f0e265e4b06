// The Hono app: guards, API routes, the built client, one error handler.
import { Hono } from 'hono';
import type { HealthInfo } from '../shared/protocol';
import type { Collab } from './collab';
import type { Config } from './config';
import { errorJson, makeErrorHandler } from './http/errors';
import { generateHandler } from './http/generateRoute';
import { RateLimiter, StreamSlots } from './http/limits';
import { Ticker, tickPeriod } from './generate/ticker';
import { allowedHostnames, hostGuard, originGuard, tokenGuard } from './http/security';
import { mountClient, securityHeaders } from './http/static';
import type { Logger } from './log';
import { createRegistry, type Registry } from './providers/registry';

export interface AppOptions {
  cfg: Config;
  log: Logger;
  version: string;
  /** Built client directory; omitted in dev and tests that only need the API. */
  clientDir?: string;
  registry?: Registry;
  /** The sync server's /api/share routes (absent in tests that only need the proxy). */
  collab?: Pick<Collab, 'mount'>;
}

export function createApp({ cfg, log, version, clientDir, registry = createRegistry(cfg), collab }: AppOptions) {
  const app = new Hono();
  const slots = new StreamSlots(cfg.MAX_CONCURRENT_STREAMS);
  const limiter = new RateLimiter(cfg.RATE_LIMIT_PER_MINUTE);
  const ticker = new Ticker(tickPeriod(cfg.FIRST_TOKEN_TIMEOUT_MS, cfg.IDLE_TIMEOUT_MS, cfg.HEARTBEAT_MS));

  app.onError(makeErrorHandler(log));
  app.notFound((c) => errorJson(c, 404, 'not_found', 'Not found.'));
  app.use('*', securityHeaders);
  app.use('*', hostGuard(allowedHostnames(cfg.HOST, cfg.ALLOWED_HOSTS)));
  app.use('*', originGuard());
  app.use('/api/*', tokenGuard(cfg.LONGHAND_TOKEN, (path) => path === '/api/health'));

  app.get('/api/health', (c) => c.json<HealthInfo>({ ok: true, version }));
  app.get('/api/providers', async (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json(await registry.list());
  });
  app.post('/api/generate', generateHandler({ cfg, log, registry, limiter, slots, ticker }));
  collab?.mount(app);
  // A known route with the wrong method is a 405 naming the right one; anything else under /api is a 404.
  const ROUTES: Record<string, string> = { '/api/health': 'GET', '/api/providers': 'GET', '/api/generate': 'POST' };
  app.all('/api/*', (c) => {
    const allow = ROUTES[c.req.path];
    return allow
      ? errorJson(c, 405, 'method_not_allowed', `Use ${allow} for ${c.req.path}.`, { Allow: allow })
      : errorJson(c, 404, 'not_found', 'No such API route.');
  });

  if (clientDir) mountClient(app, clientDir, { sourceMaps: cfg.SERVE_SOURCEMAPS });
  return app;
}
