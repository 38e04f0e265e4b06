// The WebSocket door follows the HTTP API's rules: Host (DNS rebinding), Origin (other sites), LONGHAND_TOKEN
// beyond loopback, a budget of connection attempts per address — all refused before the handshake.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServer, type Started } from '../main';
import { collabUrl, connect, docId, share, textOf, type, until } from './testing/client';

const TOKEN = 'collab-test-token-0123456789abcdef';
const started: Started[] = [];
const dirs: string[] = [];

async function serve(env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'longhand-upgrade-'));
  dirs.push(dir);
  const s = await startServer({
    env: { HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error', LONGHAND_DATA_DIR: dir, ...env }, serveClient: false, logSink: () => {},
  });
  started.push(s);
  return s;
}

afterAll(async () => {
  for (const s of started) await s.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** The HTTP status of an upgrade attempt (101 when the WebSocket opened). */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; retryAfter?: string }> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => { ws.terminate(); ok({ status: 101, body: '' }); });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => { body += d.toString(); });
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, retryAfter: res.headers['retry-after'] as string | undefined }));
    });
    ws.once('error', (e) => { if (!/Unexpected server response/.test(e.message)) fail(e); });
  });
}

describe('upgrade at /collab', () => {
  it('opens for the app\'s own origin or a non-browser client; refuses other origins, hosts and paths', async () => {
    const s = await serve();
    const url = collabUrl(s.url);
    expect((await upgrade(url)).status).toBe(101);
    expect((await upgrade(url, { origin: s.url })).status).toBe(101);
    const foreign = await upgrade(url, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body).error.code).toBe('forbidden_origin');
    expect((await upgrade(url, { origin: 'null' })).status).toBe(403);
    expect((await upgrade(url, { origin: s.url, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const rebound = await upgrade(url, { host: 'evil.example' });
    expect([rebound.status, JSON.parse(rebound.body).error.code]).toEqual([403, 'forbidden_host']);
    expect((await upgrade(url.replace('/collab', '/elsewhere'))).status).toBe(404);
  });

  it('with LONGHAND_TOKEN: no or wrong ?token= is 401, the right one syncs', async () => {
    const s = await serve({ LONGHAND_TOKEN: TOKEN });
    expect((await upgrade(collabUrl(s.url))).status).toBe(401);
    expect((await upgrade(collabUrl(s.url, 'x'.repeat(TOKEN.length)))).status).toBe(401);
    expect((await upgrade(collabUrl(s.url, TOKEN))).status).toBe(101);

    const id = docId('token');
    expect((await share(s.url, id)).status).toBe(401);
    const { json } = await share(s.url, id, {}, TOKEN);
    const a = connect(s.url, id, json.secret, { token: TOKEN });
    const b = connect(s.url, id, json.secret, { token: TOKEN });
    try {
      type(a, 's', 'behind a token');
      await until(() => textOf(b.doc, 's').includes('behind a token'), 'b sees a');
    } finally {
      a.destroy();
      b.destroy();
    }
  });

  it('limits connection attempts per address (429 with Retry-After)', async () => {
    const s = await serve({ COLLAB_MAX_CONNECTS_PER_MINUTE: '3' });
    const url = collabUrl(s.url);
    for (let i = 0; i < 3; i++) expect((await upgrade(url)).status).toBe(101);
    const over = await upgrade(url);
    expect(over.status).toBe(429);
    expect(Number(over.retryAfter)).toBeGreaterThan(0);
  });
});
