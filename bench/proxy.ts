// Proxy bench: (1) time to first token through the proxy vs straight to the fake upstream, (2) 1,000 concurrent
// streams through the proxy — all must complete — and the proxy's memory per open stream.
// The fake upstream and the proxy each run in their own child process, so the proxy's memory figures are its own
// and the load generator (this process) does not share its event loop.
// BENCH_BEFORE_DIST=<folder> also starts the proxy of an earlier build (beside LONGHAND_DIST's) on the same fake
// upstream: time to first token interleaves direct / after / before request by request (rotating the order), so
// both builds see the same machine; the 1,000-stream run goes to one build and then the other
// (BENCH_PROXY_FIRST=before|after, default after), each in its own process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

interface Ctx { browserPath?: string; root: string }
interface Mem { rss: number; heapUsed: number; cpuMs: number }
interface Proxy { label: string; dist: string; url: string; child: ChildProcess; mem: (gc: boolean) => Promise<Mem> }

const PAIRS = 200;
/** Rounds before the measured ones. 20 left V8 still compiling the hot path during the measured rounds (its compiler
 *  threads count in the process's CPU time): about 1 ms of the CPU per request was warm-up, not per-request cost. */
const WARM_UP = Number(process.env.BENCH_PROXY_WARMUP ?? 200);
const progress = (msg: string) => { if (process.env.BENCH_VERBOSE) process.stderr.write(`bench proxy: ${msg}\n`); };
const STREAMS = 1_000;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((ok, fail) => {
    const rl = createInterface({ input: child.stdout! });
    rl.once('line', (l) => { rl.close(); ok(l.trim()); });
    child.once('exit', (code) => fail(new Error(`child exited early (${code})`)));
  });
}

async function startFake(root: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'e2e/support/fake-upstream-cli.ts', '--port', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return { url: await firstLine(child), child };
}

/** The proxy from the build, started through its exported startServer so it can report its own memory over IPC. */
async function startProxy(root: string, fakeUrl: string, label: string, distDir: string): Promise<Proxy> {
  const dist = resolve(root, distDir, 'server', 'main.js');
  if (!existsSync(dist)) throw new Error(`${dist} is missing: run npm run build first.`);
  const script = `
    const { startServer } = await import(${JSON.stringify(`file://${dist}`)});
    const s = await startServer({ logSink: () => {} });
    process.on('disconnect', () => process.exit(0)); // the bench went away: do not linger
    process.on('message', (m) => {
      if (m === 'gc' && global.gc) { global.gc(); global.gc(); }
      const u = process.memoryUsage();
      const c = process.cpuUsage();
      process.send({ rss: u.rss, heapUsed: u.heapUsed, cpuMs: (c.user + c.system) / 1000 });
    });
    process.stdout.write(s.url + '\\n');`;
  const env = {
    ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'error',
    OPENAI_API_KEY: 'fake-bench-not-a-real-key-0000000000', OPENAI_BASE_URL: `${fakeUrl}/v1`, OPENAI_MODELS: 'gpt-bench',
    OLLAMA_BASE_URL: 'http://127.0.0.1:9',
    // Bench only: one client opens 1,000 streams at once.
    MAX_CONCURRENT_STREAMS: '5000', RATE_LIMIT_PER_MINUTE: '10000000',
  };
  const child = spawn(process.execPath, ['--expose-gc', '--input-type=module', '-e', script],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const url = await firstLine(child);
  const mem = (gc: boolean) => new Promise<Mem>((ok) => {
    child.once('message', (m) => ok(m as Mem));
    child.send(gc ? 'gc' : 'mem');
  });
  return { label, dist: distDir, url, child, mem };
}

const messages = (marker: string) => [{ role: 'user', content: `Bench request ${marker}` }];

/** Milliseconds until the first piece of model text arrives, and the whole body. */
async function timeToFirstText(url: string, body: unknown, isText: (chunk: string) => boolean): Promise<{ ms: number; all: string }> {
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok || !res.body) throw new Error(`${url} answered ${res.status}`);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let all = '';
  let ms = -1;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    all += value;
    if (ms < 0 && isText(all)) ms = performance.now() - t0;
  }
  return { ms, all };
}

interface Ttfb { proxy: number; added: number; addedP90: number; cpuPerRequest: number }

async function ttfb(proxies: Proxy[], fakeUrl: string): Promise<{ direct: number; by: Ttfb[] }> {
  const direct = () => timeToFirstText(`${fakeUrl}/v1/chat/completions`,
    { model: 'gpt-bench', stream: true, messages: messages('ttfb') }, (s) => /"content":"[^"]/.test(s));
  const viaProxy = (p: Proxy) => timeToFirstText(`${p.url}/api/generate`,
    { provider: 'openai', model: 'gpt-bench', messages: messages('ttfb') }, (s) => s.includes('event: delta'));
  // One round: the direct request and one through each proxy, in an order that rotates every round so that no
  // path always runs first (or right after another) on a warmer loop.
  const paths = [direct, ...proxies.map((p) => () => viaProxy(p))];
  const round = async (i: number) => {
    const ms: number[] = new Array(paths.length);
    for (let k = 0; k < paths.length; k++) {
      const j = (i + k) % paths.length;
      ms[j] = (await paths[j]()).ms;
    }
    return ms;
  };
  for (let i = 0; i < WARM_UP; i++) await round(i); // warm-up: JIT, connection pools
  const cpu0 = await Promise.all(proxies.map(async (p) => (await p.mem(false)).cpuMs));
  const d: number[] = [];
  const p = proxies.map(() => [] as number[]);
  const diff = proxies.map(() => [] as number[]);
  for (let i = 0; i < PAIRS; i++) {
    const [a, ...b] = await round(i);
    d.push(a);
    b.forEach((ms, k) => { p[k].push(ms); diff[k].push(ms - a); });
  }
  // CPU the proxy process spent per proxied request: what it adds on an idle core, whatever the machine's load.
  const cpu1 = await Promise.all(proxies.map(async (x) => (await x.mem(false)).cpuMs));
  return {
    direct: median(d),
    by: proxies.map((_, k) => ({
      proxy: median(p[k]), added: median(diff[k]), addedP90: pct(diff[k], 0.9), cpuPerRequest: (cpu1[k] - cpu0[k]) / PAIRS,
    })),
  };
}

async function concurrent(proxy: Proxy, fakeUrl: string) {
  const { url: proxyUrl, mem } = proxy;
  const marker = `bench-concurrent-${proxy.label}-${Date.now()}`;
  const text = 'lorem ipsum dolor sit amet '.repeat(20); // 540 chars
  // 20 chunks 1.5 s apart: each stream stays open ~30 s, long enough for all 1,000 to be open at once even when
  // opening them is slow on a busy machine.
  await fetch(`${fakeUrl}/__control/rules`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ match: marker, text, chunkSize: 27, delayMs: 1_500 }) });
  await new Promise((r) => setTimeout(r, 300));
  const base = await mem(true);
  let started = 0;
  let finished = 0;
  let allStarted!: () => void;
  const everyoneStreaming = new Promise<void>((r) => { allStarted = r; });
  const t0 = performance.now();
  const one = async (): Promise<boolean> => {
    try {
      return await stream();
    } catch {
      return false;
    }
  };
  const stream = async () => {
    const res = await fetch(`${proxyUrl}/api/generate`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'openai', model: 'gpt-bench', messages: messages(marker) }) });
    if (!res.ok || !res.body) return false;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let all = '';
    let counted = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      all += value;
      if (!counted && all.includes('event: delta')) {
        counted = true;
        if (++started === STREAMS) allStarted();
      }
    }
    finished++;
    const got = all.split('\n\n').filter((b) => b.startsWith('event: delta'))
      .map((b) => (JSON.parse(b.slice(b.indexOf('data: ') + 6)) as { text: string }).text).join('');
    return got === text && all.includes('event: done');
  };
  // Opened in waves of 100 (a listen backlog is ~511 connections), all within ~2 s; each then stays open ~15 s.
  const runs: Promise<boolean>[] = [];
  for (let i = 0; i < STREAMS; i += 100) {
    for (let k = i; k < Math.min(STREAMS, i + 100); k++) runs.push(one());
    await new Promise((r) => setTimeout(r, 200));
  }
  await Promise.race([everyoneStreaming, new Promise((r) => setTimeout(r, 45_000))]);
  progress(`${started} started, ${finished} finished`);
  const openAt = started - finished;
  // Requests sent and not yet finished: streaming, or accepted and waiting for the proxy to get to them.
  const inFlight = STREAMS - finished;
  const peak = await mem(false);
  const peakGc = await mem(true);
  progress(`memory sampled with ${openAt} open`);
  // Bounded so the bench stays under two minutes; streams still running then count as not completed.
  let ok = 0;
  for (const r of runs) r.then((done) => { if (done) ok++; });
  await Promise.race([Promise.all(runs), new Promise((r) => setTimeout(r, 35_000))]);
  return { ok, openAt, inFlight, wallS: (performance.now() - t0) / 1000, base, peak, peakGc };
}

export async function benchProxy(ctx: Ctx): Promise<string> {
  const fake = await startFake(ctx.root);
  const proxies: Proxy[] = [];
  // Children must not outlive an interrupted bench.
  const killAll = () => { for (const p of proxies) p.child.kill('SIGTERM'); fake.child.kill('SIGTERM'); };
  process.once('exit', killAll);
  try {
    progress(`fake upstream at ${fake.url}`);
    const before = process.env.BENCH_BEFORE_DIST;
    proxies.push(await startProxy(ctx.root, fake.url, 'after', process.env.LONGHAND_DIST ?? 'dist'));
    if (before) proxies.push(await startProxy(ctx.root, fake.url, 'before', before));
    progress(`proxies at ${proxies.map((p) => `${p.label} ${p.url}`).join(', ')}`);
    const load0 = loadavg();
    const t = await ttfb(proxies, fake.url);
    progress(`ttfb done: ${JSON.stringify(t)}`);
    const order = process.env.BENCH_PROXY_FIRST === 'before' ? [...proxies].reverse() : proxies;
    const conc = new Map<Proxy, Awaited<ReturnType<typeof concurrent>>>();
    for (const p of order) {
      conc.set(p, await concurrent(p, fake.url));
      progress(`${p.label}: concurrent done`);
    }
    const load = [load0, loadavg()].map((l) => l.map((x) => x.toFixed(1)).join(' / ')).join(' → ');
    const f = (x: number) => x.toFixed(2);
    const figures = proxies.map((p, k) => {
      const c = conc.get(p)!;
      return {
        t: t.by[k], c,
        perRss: (c.peak.rss - c.base.rss) / c.inFlight,
        perHeap: (c.peakGc.heapUsed - c.base.heapUsed) / c.inFlight,
      };
    });
    const closing = `Machine load average (1/5/15 min) at the start → end of the run: ${load} on ${cpus().length} cores. ` +
      "The proxy's cost is CPU: time to first token and the rate at which it can open streams scale with the CPU share it gets.";
    if (proxies.length === 1) {
      const [{ t: a, c, perRss, perHeap }] = figures;
      return [
        '## Proxy',
        '',
        `Fake upstream (OpenAI chat-completions SSE) and the built proxy each in their own process on loopback; ` +
          `requests from this process with fetch; ${WARM_UP} warm-up requests first.`,
        '',
        '| Measure | Result | Goal |',
        '|---|---|---|',
        `| Time to first token, straight to the fake upstream (median of ${PAIRS}) | ${f(t.direct)} ms | baseline |`,
        `| Time to first token through the proxy (median of ${PAIRS}) | ${f(a.proxy)} ms | |`,
        `| **Added by the proxy** (median of paired differences; p90 ${f(a.addedP90)} ms) | **${f(a.added)} ms** | ≤ 2 ms |`,
        `| Proxy CPU time per proxied request (load-independent bound on what it adds) | ${f(a.cpuPerRequest)} ms | ≤ 3 ms |`,
        `| ${STREAMS} concurrent streams completed with exact text | **${c.ok} / ${STREAMS}** (${c.openAt} streaming at once at the sample, ${c.inFlight} in flight; ${c.wallS.toFixed(1)} s) | all |`,
        `| Proxy RSS idle → with ${c.inFlight} requests in flight | ${mb(c.base.rss)} → ${mb(c.peak.rss)} | |`,
        `| **Memory per stream** (RSS delta / requests in flight) | **${kb(perRss)}** | ≤ 100 KB |`,
        `| Live heap per stream (after GC, heap delta / requests in flight) | ${kb(perHeap)} | |`,
        '',
        closing,
      ].join('\n');
    }
    const [aft, bef] = figures;
    const both = (g: (x: typeof aft) => string) => `${g(bef)} → ${g(aft)}`;
    return [
      '## Proxy (before → after, same run)',
      '',
      `Fake upstream (OpenAI chat-completions SSE) and two built proxies — before: \`${proxies[1].dist}\`, after: ` +
        `\`${proxies[0].dist}\` — each in its own process on loopback; requests from this process with fetch. Time to ` +
        `first token: ${PAIRS} rounds (after ${WARM_UP} warm-up rounds) of one direct request and one through each ` +
        `proxy, the order rotating per round. 1,000 streams: ${order.map((p) => p.label).join(', then ')} (the ` +
        'second one starts from a heap V8 has shrunk while it sat idle, so its RSS delta includes regrowing the young ' +
        'generation: compare builds in the same position, BENCH_PROXY_FIRST=before|after).',
      '',
      '| Measure | before → after | Goal |',
      '|---|---|---|',
      `| Time to first token, straight to the fake upstream (median of ${PAIRS}) | ${f(t.direct)} ms | baseline |`,
      `| Time to first token through the proxy (median of ${PAIRS}) | ${both((x) => `${f(x.t.proxy)} ms`)} | |`,
      `| **Added by the proxy** (median of paired differences) | **${both((x) => `${f(x.t.added)} ms`)}** | ≤ 2 ms |`,
      `| p90 of the paired differences | ${both((x) => `${f(x.t.addedP90)} ms`)} | |`,
      `| **Proxy CPU time per proxied request** | **${both((x) => `${f(x.t.cpuPerRequest)} ms`)}** | ≤ 3 ms |`,
      `| ${STREAMS} concurrent streams completed with exact text | ${both((x) => `${x.c.ok} / ${STREAMS} (${x.c.openAt} at once, ${x.c.inFlight} in flight, ${x.c.wallS.toFixed(1)} s)`)} | all |`,
      `| Proxy RSS idle → with the requests in flight | before ${mb(bef.c.base.rss)} → ${mb(bef.c.peak.rss)}; after ${mb(aft.c.base.rss)} → ${mb(aft.c.peak.rss)} | |`,
      `| **Memory per stream** (RSS delta / requests in flight) | **${both((x) => kb(x.perRss))}** | ≤ 100 KB |`,
      `| Live heap per stream (after GC, heap delta / requests in flight) | ${both((x) => kb(x.perHeap))} | |`,
      '',
      closing,
    ].join('\n');
  } finally {
    killAll();
    process.off('exit', killAll);
  }
}
