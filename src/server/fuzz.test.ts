// Fuzz: thousands of malformed and hostile requests against the real server over real HTTP. None may produce a
// 5xx, the process must keep answering, and its heap must not grow with the number of requests.
import { Agent, request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { generateBody, startHarness, type Harness } from './testing/harness';

let h: Harness;
beforeAll(async () => {
  // Rate limit off: the point is to reach validation with every request. Short first-token timeout in case a
  // random request turns out valid and the fake upstream answers slowly.
  h = await startHarness({ RATE_LIMIT_PER_MINUTE: '10000000', MAX_CONCURRENT_STREAMS: '1000', FIRST_TOKEN_TIMEOUT_MS: '2000' },
    undefined, true);
});
afterAll(async () => { await h.close(); });

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Req { method: string; path: string; headers: Record<string, string>; body?: Buffer }

function makeCase(r: () => number, i: number): Req {
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  const randStr = (n: number) => Array.from({ length: n }, () => String.fromCharCode(int(0xd7ff))).join('');
  const randJson = (depth: number): unknown => {
    const k = depth > 3 ? int(4) : int(7);
    if (k === 0) return r() * 1e6 - 5e5;
    if (k === 1) return randStr(int(20));
    if (k === 2) return pick([null, true, false]);
    if (k === 3) return pick([-1, 0, 1.5, 1e308, -0, 2 ** 53]);
    if (k === 4) return Array.from({ length: int(4) }, () => randJson(depth + 1));
    return Object.fromEntries(Array.from({ length: int(4) }, () => [pick(['provider', 'model', 'messages', 'role', 'content', '__proto__', 'constructor', randStr(5)]), randJson(depth + 1)]));
  };
  const json = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v));
  const jsonHeaders = { 'content-type': 'application/json' };
  const gen = (body: Buffer, headers: Record<string, string> = jsonHeaders): Req => ({ method: 'POST', path: '/api/generate', headers, body });
  const valid = generateBody(`fuzz-${i}`);
  switch (i % 16) {
    case 0: return gen(json(randJson(0)));
    case 1: return gen(json({ ...valid, [pick(['provider', 'model', 'messages', 'maxOutputTokens', 'temperature'])]: randJson(2) }));
    case 2: return gen(json({ ...valid, messages: [{ role: pick(['system', 'user', 'tool', 'admin', 7]), content: pick([1, null, [], {}, 'x']) }] }));
    case 3: return gen(json({ ...valid, provider: 'p'.repeat(int(200_000)) }));
    case 4: return gen(json({ ...valid, messages: [{ role: 'user', content: 'x'.repeat(1_000_000 + int(1_500_000)) }] }));
    case 5: { const d = 1_000 + int(50_000); return gen(json('['.repeat(d) + ']'.repeat(d))); }
    case 6: { const d = 500 + int(5_000); return gen(json(`${'{"a":'.repeat(d)}1${'}'.repeat(d)}`)); }
    case 7: return gen(Buffer.concat([Buffer.from('{"provider":"openai","model":"gpt-test","messages":[{"role":"user","content":"'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xed, 0xa0, 0x80]), Buffer.from('"}]}')]));
    case 8: return gen(Buffer.from(Array.from({ length: int(2000) }, () => int(256))));
    case 9: return { method: pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE']), path: '/api/generate', headers: jsonHeaders, body: undefined };
    case 10: return { method: pick(['GET', 'POST', 'HEAD']), headers: {}, path: pick(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/api/%ff', '/%00',
      '/api/providers/../../package.json', `/${'a'.repeat(6000)}`, '/api/health?x=%zz', '/assets/../../.env', '/index.html%00.js', '/api//generate',
      '/API/GENERATE', '/.env', '/assets/%c0%ae%c0%ae/x']) };
    case 11: return gen(json(valid), { 'content-type': pick(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json-patch+json', '']) });
    case 12: return gen(json({ ...valid, maxOutputTokens: pick([0, -5, 1.5, 1e9, '100', null]), temperature: pick([-1, 3, 'hot', NaN]) }));
    case 13: return gen(json({ ...valid, messages: Array.from({ length: 65 + int(1000) }, () => ({ role: 'user', content: 'hi' })) }));
    case 14: return gen(json(valid), { ...jsonHeaders, origin: pick(['https://evil.example', 'null', 'not a url', 'http://127.0.0.1.evil.example']) });
    default: return gen(json('{"provider": "openai", "model": "gpt-test", "messages": [' + randStr(int(50)) + ']}'));
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** Bodies of successful GETs, to prove no file outside the client folder was served. */
const leaks: string[] = [];

function send(base: URL, q: Req): Promise<number> {
  return new Promise((ok, fail) => {
    const req = httpRequest({ host: base.hostname, port: base.port, path: q.path, method: q.method, agent,
      headers: { ...q.headers, ...(q.body ? { 'content-length': String(q.body.length) } : {}) } }, (res) => {
      let head = '';
      res.on('data', (d: Buffer) => { if (head.length < 4096) head += d.toString('utf8'); });
      res.on('end', () => {
        if (res.statusCode === 200 && /root:|devDependencies|API_KEY/.test(head)) leaks.push(`${q.path}: ${head.slice(0, 80)}`);
        ok(res.statusCode ?? 0);
      });
      res.on('error', () => ok(res.statusCode ?? 0));
    });
    // The server may answer (413, 415…) and close before reading a big body; that is fine.
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET' ? ok(-1) : fail(e)));
    req.end(q.body);
  });
}

function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

async function run(base: URL, from: number, to: number, statuses: Map<number, number>) {
  const r = rng(0xf00d + from);
  for (let i = from; i < to; i += 16) {
    const batch = Array.from({ length: Math.min(16, to - i) }, (_, k) => makeCase(r, i + k));
    const got = await Promise.all(batch.map((q) => send(base, q)));
    got.forEach((s) => statuses.set(s, (statuses.get(s) ?? 0) + 1));
  }
}

it('2,400 hostile requests: no 5xx, still up, heap stable', async () => {
  const base = new URL(h.proxy.url);
  const statuses = new Map<number, number>();
  await run(base, 0, 400, statuses); // warm-up (JIT, pools)
  const before = heapAfterGc();
  await run(base, 400, 2_400, statuses);
  const after = heapAfterGc();
  const growthMb = (after - before) / 1024 / 1024;
  const total = [...statuses.values()].reduce((a, b) => a + b, 0);
  // The figure goes into the report.
  console.info(`fuzz: ${total} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, heap ${(before / 1048576).toFixed(1)} → ${(after / 1048576).toFixed(1)} MB (${growthMb >= 0 ? '+' : ''}${growthMb.toFixed(2)} MB)`);
  expect(total).toBeGreaterThanOrEqual(2_000);
  expect([...statuses.keys()].filter((s) => s >= 500 || s === 0)).toEqual([]);
  expect(growthMb).toBeLessThan(16);
  expect(leaks).toEqual([]);
  const health = await fetch(`${h.proxy.url}/api/health`);
  expect(health.status).toBe(200);
  expect(h.logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
}, 240_000); // 2,800 requests: on a 2-core machine with both cores busy this takes minutes, not seconds
