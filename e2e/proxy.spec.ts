// The proxy through the browser: streaming from the built app's origin, keys never shipped, foreign origins
// refused, CSP on pages.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { APP_PORT, FAKE_PORT } from '../playwright.config';

const KEYS = ['fake-test-e2e-openai-secret-0000000000', 'fake-ant-test-e2e-secret-000000000000'];
const fake = `http://127.0.0.1:${FAKE_PORT}`;
const dist = process.env.LONGHAND_DIST ?? 'dist';
const body = (marker: string, provider = 'openai', model = 'gpt-test') => ({
  provider, model,
  messages: [{ role: 'system', content: 'Longhand task: write' }, { role: 'user', content: `Write section 1: "E2E" in about 40 words. ${marker}` }],
});

test('the app streams a generation through the proxy: deltas equal the upstream text, usage arrives', async ({ page, request }) => {
  const marker = `proxy-e2e-${Date.now()}`;
  const text = 'Streaming through the proxy — naïve café “quotes” 🚀.\n\nSecond paragraph.';
  await request.post(`${fake}/__control/rules`, { data: { match: marker, text, chunkSize: 4, usage: { input: 11, output: 22 } } });
  await page.goto('/');
  for (const [provider, model] of [['openai', 'gpt-test'], ['anthropic', 'claude-test']]) {
    const got = await page.evaluate(async (b) => {
      const res = await fetch('/api/generate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) });
      return { status: res.status, type: res.headers.get('content-type'), raw: await res.text() };
    }, body(marker, provider, model));
    expect(got.status).toBe(200);
    expect(got.type).toContain('text/event-stream');
    const events = got.raw.split('\n\n').filter((b) => b.includes('data:')).map((b) => ({
      event: /event: (\w+)/.exec(b)![1], data: JSON.parse(b.slice(b.indexOf('data: ') + 6)) as Record<string, unknown>,
    }));
    expect(events.filter((e) => e.event === 'delta').map((e) => e.data.text).join('')).toBe(text);
    expect(events.at(-1)).toEqual({ event: 'done', data: { finishReason: 'stop', usage: { inputTokens: 11, outputTokens: 22 } } });
  }
});

test('neither test key is in the built bundle, the served JS, or /api/providers', async ({ page, request }) => {
  const files = readdirSync(join(dist, 'client', 'assets'));
  expect(files.some((f) => f.endsWith('.js'))).toBe(true);
  for (const f of files) {
    const content = readFileSync(join(dist, 'client', 'assets', f), 'utf8');
    for (const k of KEYS) expect(content, f).not.toContain(k);
  }
  const served: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes(`:${APP_PORT}/`)) served.push(await r.text().catch(() => ''));
  });
  await page.goto('/');
  await expect(page.getByRole('combobox', { name: 'Model' })).toBeEnabled();
  const providers = await request.get('/api/providers');
  const providersText = await providers.text();
  expect(providersText).toContain('gpt-test');
  for (const k of KEYS) {
    expect(providersText).not.toContain(k);
    for (const s of served) expect(s).not.toContain(k);
  }
  expect(served.length).toBeGreaterThan(2);
});

test('a request from a foreign origin gets 403 and never reaches the upstream', async ({ page, request }) => {
  const marker = `foreign-${Date.now()}`;
  const r = await request.post('/api/generate', { headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, data: body(marker) });
  expect(r.status()).toBe(403);
  expect((await r.json()).error.code).toBe('forbidden_origin');
  // A real page on another origin (the fake upstream's port) trying to spend the key through localhost.
  await page.goto(`${fake}/v1/models`);
  const outcome = await page.evaluate(async ([url, b]) => {
    const tries: string[] = [];
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: b });
      tries.push(`cors:${res.status}`);
    } catch { tries.push('cors:blocked'); }
    try {
      // A "simple" request needs no preflight; the browser still sends Origin, and the proxy refuses it.
      await fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: b });
      tries.push('no-cors:sent');
    } catch { tries.push('no-cors:blocked'); }
    return tries;
  }, [`http://127.0.0.1:${APP_PORT}/api/generate`, JSON.stringify(body(marker))] as const);
  expect(outcome[0]).toBe('cors:blocked');
  const seen = (await (await request.get(`${fake}/__control/requests`)).json()) as { text: string }[];
  expect(seen.filter((q) => q.text.includes(marker))).toHaveLength(0);
});

test('pages carry a strict Content-Security-Policy', async ({ request }) => {
  const r = await request.get('/');
  expect(r.status()).toBe(200);
  const csp = r.headers()['content-security-policy'];
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toContain("connect-src 'self'");
  expect(await r.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});
