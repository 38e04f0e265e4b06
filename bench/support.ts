// Bench plumbing shared by the scenarios: a free port, the built Longhand server, a tiny static server for
// baseline pages, the browser to launch, and the statistics every report uses.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address() as AddressInfo; srv.close(() => res(port)); });
    srv.on('error', rej);
  });
}

/** CHROMIUM_PATH, then Debian's Chromium, then (undefined) Playwright's own download. */
export function browserPath(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

export const BROWSER_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function distDir(root: string): string {
  return resolve(root, process.env.LONGHAND_DIST ?? 'dist');
}

export interface Running { url: string; close(): Promise<void> }

/** Starts the built Longhand server (<dist>/server/main.js) on a free port and waits for /api/health. */
export async function startLonghand(root: string, env: Record<string, string> = {}, dist = distDir(root)): Promise<Running> {
  const main = join(dist, 'server', 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first (or set LONGHAND_DIST).`);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [main], {
    cwd: root, stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', ...env },
  });
  let stderr = '';
  child.stderr?.on('data', (d) => { stderr += String(d); });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Longhand server exited: ${stderr}`);
    try { if ((await fetch(`${url}/api/health`)).ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill(); throw new Error(`Longhand server did not start: ${stderr}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    close: () => new Promise<void>((r) => { if (child.exitCode !== null) return r(); child.once('exit', () => r()); child.kill(); }),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.map': 'application/json', '.svg': 'image/svg+xml',
};

/** Serves a folder plus in-memory routes (e.g. the book as JSON) on a free port. */
export async function serveStatic(dir: string, routes: Record<string, () => string> = {}): Promise<Running> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const route = routes[path];
    if (route) { res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain' }); res.end(route()); return; }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir) || !existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  const port = await new Promise<number>((r) => server.listen(0, '127.0.0.1', () => r((server.address() as AddressInfo).port)));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
export const ratio = (a: number, b: number) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');

/** Initial JavaScript of a client build: the entry script and every chunk index.html preloads, raw and gzip. */
export function initialJs(clientDir: string): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(clientDir, 'index.html'), 'utf8');
  const urls = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0, gzip = 0;
  for (const u of new Set(urls)) {
    const buf = readFileSync(join(clientDir, u.replace(/^\.?\//, '')));
    raw += buf.length;
    gzip += gzipSync(buf).length;
  }
  return { files: new Set(urls).size, raw, gzip };
}
