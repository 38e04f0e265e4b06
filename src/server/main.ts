// Starts the one Longhand process: API + built client on one port.
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from './app';
import { CollabStartError, startCollab } from './collab';
import { ConfigError, loadConfig, readDotEnv, type Config } from './config';
import { createLogger, type Logger } from './log';

/** The project root: the nearest folder above this file with a package.json (works from src/ and dist/). */
export function findRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export interface Started {
  url: string;
  port: number;
  cfg: Config;
  close(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  root?: string;
  /** Log sink (tests capture it); defaults to stderr. */
  logSink?: (line: string) => void;
  serveClient?: boolean;
}

export async function startServer(opts: StartOptions = {}): Promise<Started> {
  const root = opts.root ?? findRoot();
  const env = { ...readDotEnv(root), ...(opts.env ?? process.env) };
  const cfg = loadConfig(env);
  // The AI SDK prints warnings to the console on its own; keep the log ours (and prompt-free).
  (globalThis as { AI_SDK_LOG_WARNINGS?: boolean }).AI_SDK_LOG_WARNINGS = false;
  const log: Logger = createLogger(cfg.LOG_LEVEL, cfg.secrets, opts.logSink);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  // Built layout: <dist>/server/main.js beside <dist>/client; from src/ (dev) fall back to dist/client.
  const here = dirname(fileURLToPath(import.meta.url));
  const clientDir = existsSync(join(here, '../client/index.html')) ? resolve(here, '../client') : resolve(root, 'dist/client');
  const collab = await startCollab(cfg, log, root);
  const app = createApp({
    cfg, log, version: pkg.version ?? '0.0.0', collab,
    clientDir: opts.serveClient === false ? undefined : clientDir,
  });
  const server = await new Promise<ReturnType<typeof serve>>((ok, fail) => {
    const s = serve({ fetch: app.fetch, hostname: cfg.HOST, port: cfg.PORT }, () => ok(s));
    s.once('error', fail);
  }).catch(async (e) => { await collab.close(); throw e; });
  collab.attach(server as Server);
  const port = (server.address() as AddressInfo).port;
  const shownHost = cfg.HOST.includes(':') ? `[${cfg.HOST}]` : cfg.HOST === '0.0.0.0' ? '127.0.0.1' : cfg.HOST;
  const url = `http://${shownHost}:${port}`;
  log.info('listening', { url });
  return {
    url, port, cfg,
    close: () => collab.close().then(() => new Promise<void>((ok) => {
      (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      server.close(() => ok());
    })),
  };
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  startServer().then(
    (s) => {
      process.stdout.write(`Longhand is running at ${s.url}${s.cfg.LONGHAND_TOKEN ? '/#token=…' : ''}\n`);
    },
    (e) => {
      process.stderr.write(`${e instanceof ConfigError || e instanceof CollabStartError ? e.message : `Could not start: ${(e as Error).message}`}\n`);
      process.exit(1);
    },
  );
}
