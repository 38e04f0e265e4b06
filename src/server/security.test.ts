// Guards and limits of the real proxy: Origin, Host, token, content type, sizes, rate limit, stream cap, and the
// promise that the API keys never leave the process.
import { request as httpRequest } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from './app';
import { loadConfig } from './config';
import { createLogger } from './log';
import { startServer } from './main';
import {
  ANTHROPIC_KEY, generate, generateBody, marker, OPENAI_KEY, startHarness, upstreamEnv, type Harness,
} from './testing/harness';

let h: Harness;
beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h.close(); });

/** Raw HTTP so the test controls the Host header (fetch does not let it be set). */
function rawRequest(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer }) {
  const u = new URL(url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((ok, fail) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', fail);
    req.end(opts.body);
  });
}

const codeOf = (json: unknown) => (json as { error: { code: string } }).error.code;

describe('origin and host', () => {
  it('a POST from a foreign Origin gets 403, the app origin is accepted', async () => {
    const m = marker('origin');
    const bad = await generate(h.proxy.url, generateBody(m), { headers: { origin: 'https://evil.example' } });
    expect(bad.status).toBe(403);
    expect(codeOf(bad.json)).toBe('forbidden_origin');
    const site = await generate(h.proxy.url, generateBody(m), { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(site.status).toBe(403);
    const nul = await generate(h.proxy.url, generateBody(m), { headers: { origin: 'null' } });
    expect(nul.status).toBe(403);
    const good = await generate(h.proxy.url, generateBody(m), { headers: { origin: h.proxy.url } });
    expect(good.status).toBe(200);
    expect(h.fake.requests.filter((q) => q.text.includes(m))).toHaveLength(1);
  });

  it('a Host header that is not ours gets 403 (DNS rebinding)', async () => {
    const r = await rawRequest(`${h.proxy.url}/api/providers`, { headers: { host: 'attacker.example:8787' } });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('forbidden_host');
    const ok = await rawRequest(`${h.proxy.url}/api/providers`, { headers: { host: `localhost:${h.proxy.port}` } });
    expect(ok.status).toBe(200);
  });
});

describe('token', () => {
  it('a non-loopback HOST without LONGHAND_TOKEN refuses to start, naming the variable', async () => {
    await expect(startServer({ env: { ...upstreamEnv(h.fake.url), HOST: '0.0.0.0' }, serveClient: false, logSink: () => {} }))
      .rejects.toThrow(/LONGHAND_TOKEN/);
  });

  it('with a token, a missing or wrong token gets 401; the right one works; health stays open', async () => {
    const token = 'a-long-random-token-for-tests-123456';
    const t = await startHarness({ LONGHAND_TOKEN: token }, h.fake);
    try {
      const m = marker('token');
      expect((await generate(t.proxy.url, generateBody(m))).status).toBe(401);
      expect((await generate(t.proxy.url, generateBody(m), { headers: { authorization: 'Bearer wrong-token-xxxxxxxxxxxx' } })).status).toBe(401);
      expect((await fetch(`${t.proxy.url}/api/providers`)).status).toBe(401);
      expect((await fetch(`${t.proxy.url}/api/health`)).status).toBe(200);
      const ok = await generate(t.proxy.url, generateBody(m), { headers: { authorization: `Bearer ${token}` } });
      expect(ok.status).toBe(200);
      expect(t.logs.join('\n')).not.toContain(token);
    } finally {
      await t.close();
    }
  });
});

describe('request limits', () => {
  it('wrong methods get 405 with Allow, unknown API paths 404', async () => {
    const get = await fetch(`${h.proxy.url}/api/generate`);
    expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    const del = await fetch(`${h.proxy.url}/api/providers`, { method: 'DELETE' });
    expect([del.status, del.headers.get('allow')]).toEqual([405, 'GET']);
    expect((await fetch(`${h.proxy.url}/api/nothing`)).status).toBe(404);
  });

  it('only application/json is accepted', async () => {
    const r = await fetch(`${h.proxy.url}/api/generate`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify(generateBody('x')) });
    expect(r.status).toBe(415);
    const form = await fetch(`${h.proxy.url}/api/generate`, { method: 'POST', body: new URLSearchParams({ a: 'b' }) });
    expect(form.status).toBe(415);
  });

  it('a body over 2 MB gets 413, also when streamed without Content-Length', async () => {
    const big = JSON.stringify(generateBody('x'.repeat(3 * 1024 * 1024)));
    const r = await generate(h.proxy.url, big);
    expect(r.status).toBe(413);
    const chunked = await fetch(`${h.proxy.url}/api/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, duplex: 'half',
      body: new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode(big)); c.close(); } }),
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it('message count, message length and maxOutputTokens are capped with 400', async () => {
    const many = { ...generateBody('x'), messages: Array.from({ length: 65 }, () => ({ role: 'user', content: 'hi' })) };
    const r1 = await generate(h.proxy.url, many);
    expect(r1.status).toBe(400);
    expect((r1.json as { error: { message: string } }).error.message).toMatch(/messages/);
    const r2 = await generate(h.proxy.url, generateBody('x', { maxOutputTokens: 1_000_000 }));
    expect(r2.status).toBe(400);
    expect((r2.json as { error: { message: string } }).error.message).toMatch(/maxOutputTokens/);
    const long = { ...generateBody('x'), messages: [{ role: 'user', content: 'y'.repeat(400_001) }] };
    expect((await generate(h.proxy.url, long)).status).toBe(400);
  });

  it('unknown provider / model → 404, unavailable provider → 503', async () => {
    const a = await generate(h.proxy.url, generateBody('x', {}, 'nope', 'm'));
    expect([a.status, codeOf(a.json)]).toEqual([404, 'unknown_provider']);
    const b = await generate(h.proxy.url, generateBody('x', {}, 'openai', 'gpt-nope'));
    expect([b.status, codeOf(b.json)]).toEqual([404, 'unknown_model']);
    const c = await generate(h.proxy.url, generateBody('x', {}, 'ollama', 'llama3'));
    expect([c.status, codeOf(c.json)]).toEqual([503, 'provider_unavailable']);
    expect((c.json as { error: { message: string } }).error.message).toMatch(/Ollama is not running at http:\/\/127\.0\.0\.1:9/);
  });

  it('per-client rate limit → 429 with Retry-After', async () => {
    const t = await startHarness({ RATE_LIMIT_PER_MINUTE: '3' }, h.fake);
    try {
      const statuses: number[] = [];
      let last: Awaited<ReturnType<typeof generate>> | undefined;
      for (let i = 0; i < 5; i++) {
        last = await generate(t.proxy.url, generateBody(marker('rl')));
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(codeOf(last!.json)).toBe('rate_limited');
    } finally {
      await t.close();
    }
  });

  it('concurrent stream cap → 429 with Retry-After while the slot is taken, free again after', async () => {
    const t = await startHarness({ MAX_CONCURRENT_STREAMS: '1', HEARTBEAT_MS: '50' }, h.fake);
    try {
      const m = marker('cap');
      // Long enough (200 × 20 ms = 4 s) that the slot is still taken when the second request arrives, even on a
      // busy machine; and the second is sent only once the upstream has the first, not after a guessed delay.
      h.fake.setRule({ match: m, text: 'slow '.repeat(200), chunkSize: 5, delayMs: 20 });
      const first = generate(t.proxy.url, generateBody(m));
      for (const deadline = Date.now() + 15_000; !h.fake.requests.some((q) => q.text.includes(m));) {
        if (Date.now() > deadline) throw new Error('the fake upstream never recorded the first stream');
        await new Promise((r) => setTimeout(r, 10));
      }
      const second = await generate(t.proxy.url, generateBody(marker('cap2')));
      expect(second.status).toBe(429);
      expect(codeOf(second.json)).toBe('too_many_streams');
      expect(second.headers.get('retry-after')).toBeTruthy();
      expect((await first).status).toBe(200);
      expect((await generate(t.proxy.url, generateBody(marker('cap3')))).status).toBe(200);
    } finally {
      await t.close();
    }
  });
});

describe('secrets', () => {
  it('the configured keys appear in no response body, header, log line or console output', async () => {
    const printed: string[] = [];
    const spies = [
      vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => { printed.push(String(s)); return true; }),
      vi.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => { printed.push(String(s)); return true; }),
      ...(['log', 'error', 'warn', 'info', 'debug'] as const).map((k) =>
        vi.spyOn(console, k).mockImplementation((...a: unknown[]) => { printed.push(a.map(String).join(' ')); })),
    ];
    const seen: string[] = [];
    try {
      const keep = async (res: Response) => {
        seen.push(JSON.stringify([...res.headers]), await res.text());
      };
      await keep(await fetch(`${h.proxy.url}/api/providers`));
      await keep(await fetch(`${h.proxy.url}/api/health`));
      await keep(await fetch(`${h.proxy.url}/api/nope`));
      for (const [p, mdl] of [['openai', 'gpt-test'], ['anthropic', 'claude-test']]) {
        for (const fault of [undefined, { kind: 'status', status: 401 }, { kind: 'status', status: 400 }, { kind: 'status', status: 500 },
          { kind: 'cut', afterChunks: 2 }, { kind: 'malformed', afterChunks: 1 }, { kind: 'non-json', status: 502 }] as const) {
          const m = marker('secret');
          h.fake.setRule({ match: m, fault });
          const r = await generate(h.proxy.url, generateBody(m, {}, p, mdl));
          seen.push(JSON.stringify([...r.headers]), r.raw);
        }
      }
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
    const all = [...seen, ...h.logs, ...printed].join('\n');
    expect(all).not.toContain(OPENAI_KEY);
    expect(all).not.toContain(ANTHROPIC_KEY);
    expect(all).not.toContain('fake-test-unit');
    expect(all).not.toContain('fake-ant-test-unit');
    // The fake upstream really did receive the keys (so the test means something).
    expect(h.fake.requests.some((q) => q.headers.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true);
  });

  it('logs hold no prompt text', async () => {
    const m = marker('prompt-private');
    await generate(h.proxy.url, generateBody(m));
    expect(h.logs.some((l) => l.includes('"msg":"generate"'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain(m);
    expect(h.logs.join('\n')).not.toContain('Write section');
  });
});

describe('served pages and the error handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'longhand-client-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/a.js"></script>');
  const cfg = loadConfig({ OLLAMA_BASE_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent' });

  it('pages carry a strict CSP (no inline script, connect-src self)', async () => {
    const app = createApp({ cfg, log: createLogger('silent', []), version: 't', clientDir: dir });
    for (const path of ['/', '/some/client/route']) {
      const r = await app.request(path, { headers: { host: '127.0.0.1' } });
      expect(r.status).toBe(200);
      const csp = r.headers.get('content-security-policy')!;
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("connect-src 'self'");
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('an unexpected failure is a 500 with no detail; the detail goes to the log only', async () => {
    const lines: string[] = [];
    const app = createApp({
      cfg, log: createLogger('info', [], (l) => lines.push(l)), version: 't',
      registry: { list: async () => { throw new Error('secret internal detail'); }, get: () => undefined },
    });
    const r = await app.request('/api/providers', { headers: { host: '127.0.0.1' } });
    expect(r.status).toBe(500);
    const body = await r.text();
    expect(body).not.toContain('secret internal detail');
    expect(JSON.parse(body)).toEqual({ error: { code: 'internal', message: 'Internal server error.' } });
    expect(lines.join('\n')).toContain('secret internal detail');
  });
});
