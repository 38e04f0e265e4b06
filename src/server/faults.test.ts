// The fault matrix: every upstream failure ends with a clear status or `error` event, partial text intact,
// retries only before the first token, and a client that leaves aborts the upstream request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateBody, marker, OPENAI_KEY, ANTHROPIC_KEY, startHarness, type Harness } from './testing/harness';

let h: Harness;
beforeAll(async () => {
  // The status is held back up to one heartbeat interval, so failures (and retries) before it end in a proper
  // status. Generous intervals keep that true on a loaded machine; heartbeats have their own test below.
  h = await startHarness({ FIRST_TOKEN_TIMEOUT_MS: '2000', IDLE_TIMEOUT_MS: '2000', HEARTBEAT_MS: '5000', RETRY_BASE_MS: '20' });
});
afterAll(async () => { await h.close(); });

const TEXT = 'One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen.';
const requestsFor = (m: string) => h.fake.requests.filter((q) => q.text.includes(m));
/** Waits for what the fake upstream records (a request, a closed connection), never for a fixed time. */
async function recorded(what: string, cond: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`the fake upstream never recorded ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
const errorOf = (r: Awaited<ReturnType<typeof generate>>) =>
  r.events.find((e) => e.event === 'error')?.data as { code: string; message: string; retryable: boolean } | undefined;

describe.each([['openai', 'gpt-test'], ['anthropic', 'claude-test']])('fault matrix (%s)', (provider, model) => {
  const body = (m: string) => generateBody(m, {}, provider, model);

  it('401 bad key → 502 upstream_auth naming the variable, key never echoed', async () => {
    const m = marker('401');
    h.fake.setRule({ match: m, fault: { kind: 'status', status: 401 } });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(502);
    const err = (r.json as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('upstream_auth');
    expect(err.message).toMatch(provider === 'openai' ? /OPENAI_API_KEY/ : /ANTHROPIC_API_KEY/);
    expect(r.raw).not.toContain(OPENAI_KEY);
    expect(r.raw).not.toContain(ANTHROPIC_KEY);
    expect(requestsFor(m)).toHaveLength(1); // not retried
  });

  it('429 with Retry-After → retried (at most 2), then 429 with Retry-After', async () => {
    const m = marker('429');
    h.fake.setRule({ match: m, fault: { kind: 'status', status: 429, retryAfter: 0 } });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBeTruthy();
    expect((r.json as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(requestsFor(m)).toHaveLength(3);
  });

  it('429 with a long Retry-After is handed to the client instead of waited out', async () => {
    const m = marker('429long');
    h.fake.setRule({ match: m, fault: { kind: 'status', status: 429, retryAfter: 120 } });
    const t0 = Date.now();
    const r = await generate(h.proxy.url, body(m));
    // Not waited out: far less than the 120 s asked for (generous, as the machine may be busy), and one request.
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(requestsFor(m)).toHaveLength(1);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('120');
  });

  it('500 → retried twice then 502 upstream_error; 500 once → retry succeeds', async () => {
    const m = marker('500');
    h.fake.setRule({ match: m, fault: { kind: 'status', status: 500 } });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(502);
    expect((r.json as { error: { code: string } }).error.code).toBe('upstream_error');
    expect(requestsFor(m)).toHaveLength(3);

    const m2 = marker('500once');
    h.fake.setRule({ match: m2, text: TEXT, fault: { kind: 'status', status: 503 }, faultTimes: 1 });
    const r2 = await generate(h.proxy.url, body(m2));
    expect(r2.status).toBe(200);
    expect(r2.text).toBe(TEXT);
    expect(requestsFor(m2)).toHaveLength(2);
  });

  it('non-JSON error body → 502 with a clear message, no HTML passed through', async () => {
    const m = marker('nonjson');
    h.fake.setRule({ match: m, fault: { kind: 'non-json', status: 400 } });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(502);
    const err = (r.json as { error: { code: string; message: string } }).error;
    expect(err.message).toMatch(/refused the request \(HTTP 400\)/);
    expect(r.raw).not.toMatch(/<html|nginx/);
  });

  it('connection reset before the first token is retried', async () => {
    const m = marker('cut0');
    h.fake.setRule({ match: m, text: TEXT, fault: { kind: 'cut', afterChunks: 0 }, faultTimes: 1 });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(200);
    expect(r.text).toBe(TEXT);
    expect(requestsFor(m)).toHaveLength(2);
  });

  it('connection cut mid-stream → error event, partial text intact, never retried', async () => {
    const m = marker('cut');
    h.fake.setRule({ match: m, text: TEXT, chunkSize: 5, fault: { kind: 'cut', afterChunks: 4 } });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(200);
    expect(r.text).toBe(TEXT.slice(0, 20));
    const err = errorOf(r)!;
    expect(err.code).toBe('upstream_disconnected');
    expect(err.retryable).toBe(true);
    expect(r.events.at(-1)!.event).toBe('error');
    expect(requestsFor(m)).toHaveLength(1);
  });

  it('malformed SSE line mid-stream → error event, partial text intact', async () => {
    const m = marker('malformed');
    h.fake.setRule({ match: m, text: TEXT, chunkSize: 5, fault: { kind: 'malformed', afterChunks: 3 } });
    const r = await generate(h.proxy.url, body(m));
    expect(r.status).toBe(200);
    expect(r.text.startsWith(TEXT.slice(0, 15))).toBe(true);
    expect(TEXT.startsWith(r.text)).toBe(true);
    expect(errorOf(r)!.code).toBe('upstream_bad_response');
    expect(errorOf(r)!.message).toMatch(/could not read/);
  });

  it('stall before the first token → timeout error event, not retried', async () => {
    const m = marker('stall');
    h.fake.setRule({ match: m, text: TEXT, fault: { kind: 'stall' } });
    const r = await generate(h.proxy.url, body(m));
    // Not retried is checked on the upstream's record below, not on the clock (a busy machine stretches time).
    // Before the stream is committed (one heartbeat interval) the timeout is a 504; after it, an error event.
    expect([200, 504]).toContain(r.status);
    expect(r.text).toBe('');
    const err = r.status === 200 ? errorOf(r)! : (r.json as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('timeout');
    expect(err.message).toMatch(/sent no text within 2 s/);
    expect(requestsFor(m)).toHaveLength(1);
  });

  it('stall before any response header → timeout too', async () => {
    const m = marker('stallhdr');
    h.fake.setRule({ match: m, text: TEXT, fault: { kind: 'stall', beforeHeaders: true } });
    const r = await generate(h.proxy.url, body(m));
    expect([200, 504]).toContain(r.status);
    const code = r.status === 200 ? errorOf(r)!.code : (r.json as { error: { code: string } }).error.code;
    expect(code).toBe('timeout');
  });

});

describe('heartbeats', () => {
  it('while waiting for the first token the stream sends SSE comment heartbeats, then the timeout error', async () => {
    // 2 s at 100 ms is ~20 beats; at least 3 must arrive even when a busy machine delays timers.
    const hb = await startHarness({ FIRST_TOKEN_TIMEOUT_MS: '2000', HEARTBEAT_MS: '100' }, h.fake);
    try {
      const m = marker('heartbeat');
      h.fake.setRule({ match: m, text: TEXT, fault: { kind: 'stall', beforeHeaders: true } });
      const r = await generate(hb.proxy.url, generateBody(m));
      expect(r.status).toBe(200);
      expect(r.raw.match(/^: keep-alive$/gm)!.length).toBeGreaterThanOrEqual(3);
      expect(errorOf(r)!.code).toBe('timeout');
      expect(errorOf(r)!.message).toMatch(/sent no text within 2 s/);
    } finally {
      await hb.close();
    }
  });
});

describe('idle timeout', () => {
  it('idle after some text → timeout error event, partial text intact', async () => {
    const idle = await startHarness({ FIRST_TOKEN_TIMEOUT_MS: '3000', IDLE_TIMEOUT_MS: '250', HEARTBEAT_MS: '100' }, h.fake);
    try {
      for (const [provider, model] of [['openai', 'gpt-test'], ['anthropic', 'claude-test']]) {
        const m = marker('idle');
        // Every chunk waits 1.2 s: the first arrives within the first-token timeout, the second misses the 250 ms
        // idle one by a margin a busy machine's timer delays cannot close.
        h.fake.setRule({ match: m, text: TEXT, chunkSize: 30, delayMs: 1200 });
        const r = await generate(idle.proxy.url, generateBody(m, {}, provider, model));
        expect(r.status).toBe(200);
        expect(errorOf(r)!.code).toBe('timeout');
        expect(errorOf(r)!.message).toMatch(/stopped sending text for 250 ms/);
        expect(r.text).toBe(TEXT.slice(0, 30));
      }
    } finally {
      await idle.close();
    }
  });
});

describe('client disconnect', () => {
  it('aborts the upstream request (within seconds, long before the stream would end)', async () => {
    const m = marker('disconnect');
    h.fake.setRule({ match: m, text: 'word '.repeat(400), chunkSize: 5, delayMs: 20 });
    const ac = new AbortController();
    const res = await fetch(`${h.proxy.url}/api/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(generateBody(m)), signal: ac.signal,
    });
    const reader = res.body!.getReader();
    await reader.read();
    await reader.read();
    const abortedAt = Date.now();
    ac.abort();
    await recorded('the closed connection', () => !!requestsFor(m)[0]?.clientClosedAt);
    const rec = requestsFor(m)[0]!;
    // The stream would take 400 × 20 ms = 8 s; closed well before that, and never completed.
    expect(rec.clientClosedAt! - abortedAt).toBeLessThan(5_000);
    expect(rec.completed).toBe(false);
  });

  it('aborts the upstream while still waiting for the first token', async () => {
    const m = marker('disconnect-early');
    h.fake.setRule({ match: m, text: TEXT, fault: { kind: 'stall', beforeHeaders: true } });
    const ac = new AbortController();
    const p = fetch(`${h.proxy.url}/api/generate`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(generateBody(m)), signal: ac.signal,
    }).catch(() => undefined);
    await recorded('the request', () => requestsFor(m).length > 0);
    ac.abort();
    await p;
    // The upstream stalls forever: a recorded close can only come from the abort.
    await recorded('the closed connection', () => !!requestsFor(m)[0]?.clientClosedAt);
    expect(requestsFor(m)[0]!.completed).toBe(false);
  });
});
