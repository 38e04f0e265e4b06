// Profiles typing on the Moby-Dick manuscript with the CDP sampling profiler and prints the functions with the
// most self time (mapped back to source through the build's source maps), plus long tasks and the keystroke
// latency figures. `npx tsx bench/profileTyping.ts [--keys=200] [--out=profile.cpuprofile]` after `npm run build`
// (LONGHAND_DIST picks another build). `--trace=trace.json` also records a CDP trace and breaks down each task
// of 40 ms or more (what started it, the keystroke it followed, its CPU samples); `--explain=trace.json` redoes
// that breakdown from a trace already written. A tool for finding per-keystroke work, not part of the report.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { SourceMapConsumer } from 'source-map-js';
import { mobyToMarkdown, readCorpusText } from './corpus';
import { BROWSER_ARGS, browserPath, distDir, percentile, startLonghand } from './support';

const root = join(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const KEYS = Number(arg('keys') ?? 200);
const TEXT = 'and the whale rolled slowly over, showing his white flank to the sun while the crew watched. ';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

async function main() {
  // `--explain=trace.json`: only the long-task breakdown of a trace written by an earlier `--trace=` run.
  if (arg('explain')) { explainLongTasks(arg('explain')!); return; }
  const markdown = mobyToMarkdown(readCorpusText(root, 'moby-dick.txt'));
  const chapters = (markdown.match(/^## /gm) ?? []).length;
  const middle = Math.ceil(chapters / 2);
  const app = await startLonghand(root);
  const browser = await chromium.launch({ executablePath: browserPath(), args: BROWSER_ARGS });
  try {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await ctx.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const seed = await ctx.newPage();
    await seed.goto(app.url);
    await seed.getByRole('button', { name: 'New document' }).waitFor();
    await seed.getByLabel('Import Markdown').setInputFiles({ name: 'moby-dick.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
    await seed.getByRole('region', { name: 'Outline' }).getByRole('listitem').nth(chapters).waitFor({ timeout: 120_000 });
    await seed.close();
    if (process.argv.includes('--open')) {
      // Profile the open instead: navigation → the first keystroke the editor accepts.
      for (let i = 0; i < 2; i++) {
        const p = await ctx.newPage();
        const cdp = await ctx.newCDPSession(p);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
        await p.addInitScript(() => {
          const w = window as unknown as { firstInput: number | null };
          w.firstInput = null;
          document.addEventListener('input', () => { w.firstInput ??= performance.now(); }, true);
          const mo = new MutationObserver(() => {
            const el = document.querySelector<HTMLElement>('.ProseMirror[contenteditable="true"]');
            if (el && document.activeElement !== el) el.focus();
            if (w.firstInput !== null) mo.disconnect();
          });
          mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] });
        });
        await p.goto(app.url, { waitUntil: 'commit' });
        while (!(await p.evaluate(() => (window as unknown as { firstInput: number | null }).firstInput !== null))) await p.keyboard.type('x');
        const at = await p.evaluate(() => (window as unknown as { firstInput: number }).firstInput);
        const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
        if (i === 1) {
          if (arg('out')) writeFileSync(arg('out')!, JSON.stringify(profile));
          console.log(`first accepted keystroke at ${at.toFixed(0)} ms`);
          report(profile, [at], []);
        }
        await p.keyboard.press('ControlOrMeta+z');
        await p.close();
      }
      return;
    }
    const page = await ctx.newPage();
    await page.goto(app.url);
    await page.getByRole('region', { name: 'Outline' }).getByRole('listitem').nth(chapters).waitFor({ timeout: 60_000 });
    await page.getByRole('region', { name: 'Outline' }).getByRole('button', { name: new RegExp(`^CHAPTER ${middle}\\.`) }).click();
    await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'), null, { timeout: 60_000 });
    await page.evaluate(() => {
      type Ed = { state: { doc: any }; commands: { setTextSelection(p: number): void; focus(): void; scrollIntoView(): void } };
      const editor = (document.activeElement as HTMLElement & { editor: Ed }).editor;
      const ends: number[] = [];
      editor.state.doc.forEach((n: any, o: number) => { if (n.type.name === 'paragraph' && n.content.size) ends.push(o + n.nodeSize - 1); });
      editor.commands.setTextSelection(ends[Math.floor(ends.length / 2)]!);
      editor.commands.focus();
      editor.commands.scrollIntoView();
    });
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const w = window as unknown as { lat: number[]; lt: number[] };
      w.lat = []; w.lt = [];
      window.addEventListener('keydown', (e) => {
        const start = e.timeStamp;
        requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => w.lat.push(performance.now() - start); ch.port2.postMessage(null); });
      }, true);
      new PerformanceObserver((l) => { for (const e of l.getEntries()) w.lt.push(e.duration); }).observe({ type: 'longtask' });
    });
    // --no-profile: the latencies alone, as the bench sees them (the sampler's start costs the first keystroke).
    const sampling = !process.argv.includes('--no-profile');
    const cdp = await ctx.newCDPSession(page);
    if (sampling) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    if (arg('trace')) await browser.startTracing(page, { path: arg('trace'), categories: (process.env.TRACE_CATEGORIES ?? 'toplevel,devtools.timeline,disabled-by-default-v8.cpu_profiler').split(',') });
    const text = TEXT.repeat(Math.ceil(KEYS / TEXT.length)).slice(0, KEYS);
    for (const ch of text) { await page.keyboard.type(ch); await page.waitForTimeout(25); }
    await page.waitForTimeout(2500); // what runs after a burst (debounced saves, metrics) counts too
    if (arg('trace')) { await browser.stopTracing(); summarizeTrace(arg('trace')!); explainLongTasks(arg('trace')!); }
    const empty: Profile = { nodes: [], samples: [], timeDeltas: [], startTime: 0, endTime: 0 };
    const { profile } = sampling ? (await cdp.send('Profiler.stop')) as unknown as { profile: Profile } : { profile: empty };
    const { lat, lt } = await page.evaluate(() => { const w = window as unknown as { lat: number[]; lt: number[] }; return { lat: w.lat, lt: w.lt }; });
    if (arg('out')) writeFileSync(arg('out')!, JSON.stringify(profile));
    report(profile, lat, lt);
  } finally {
    await browser.close();
    await app.close();
  }
}

const maps = new Map<string, SourceMapConsumer | null>();
const consumer = (url: string) => {
  if (!maps.has(url)) {
    const file = join(distDir(root), 'client', new URL(url).pathname);
    maps.set(url, existsSync(`${file}.map`) ? new SourceMapConsumer(JSON.parse(readFileSync(`${file}.map`, 'utf8'))) : null);
  }
  return maps.get(url)!;
};
/** A call frame as `name source:line`, through the build's source maps where there is one (lines and columns 0-based). */
function frameName(functionName: string, url = '', lineNumber = 0, columnNumber = 0): string {
  let name = `${functionName || '(anonymous)'}${url ? ` ${url.split('/').pop()}:${lineNumber + 1}` : ''}`;
  if (url.startsWith('http')) {
    const pos = consumer(url)?.originalPositionFor({ line: lineNumber + 1, column: columnNumber });
    if (pos?.source) name = `${pos.name ?? functionName ?? '(anonymous)'} ${pos.source.replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '')}:${pos.line}`;
  }
  return name;
}

function report(profile: Profile, lat: number[], lt: number[]) {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0;
    total += t;
    if (!t) continue;
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const name = frameName(functionName, url, lineNumber, columnNumber);
    byFn.set(name, (byFn.get(name) ?? 0) + t);
  }
  const busy = total - (byFn.get('(idle)') ?? 0) - (byFn.get('(program)') ?? 0);
  console.log(`profile ${(total / 1000).toFixed(1)} s, busy (not idle/program) ${busy.toFixed(0)} ms; keystrokes ${lat.length}: p50 ${percentile(lat, 50).toFixed(1)} p95 ${percentile(lat, 95).toFixed(1)} max ${Math.max(...lat).toFixed(1)} ms; long tasks ${lt.map((x) => x.toFixed(0)).join(', ') || 'none'}`);
  const worst = lat.map((v, i) => [i + 1, v] as const).sort((a, b) => b[1] - a[1]).slice(0, 6);
  if (lat.length > 1) console.log(`worst keystrokes (index: ms): ${worst.map(([i, v]) => `${i}: ${v.toFixed(0)}`).join(', ')}`);
  for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, Number(arg('top') ?? 40))) console.log(`${v.toFixed(1).padStart(9)} ms  ${k}`);
}

// A main-thread task: `RunTask` with the disabled-by-default-devtools.timeline category (heavy: it inflates paint),
// the scheduler's own event with `toplevel` alone.
const isTask = (e: { name: string }) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';

/** Main-thread time by trace event name (top-level and nested alike), and the longest tasks. */
function summarizeTrace(path: string) {
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Array<{ name: string; ph: string; dur?: number; tid: number; pid: number; ts: number }> };
  const main = traceEvents.find((e) => e.name === 'thread_name' && (e as unknown as { args: { name: string } }).args.name === 'CrRendererMain');
  const on = traceEvents.filter((e) => e.ph === 'X' && e.dur && main && e.tid === main.tid && e.pid === main.pid);
  const by = new Map<string, number>();
  for (const e of on) by.set(e.name, (by.get(e.name) ?? 0) + e.dur! / 1000);
  console.log('trace, main thread (ms by event, nested events counted in their parents too):');
  for (const [k, v] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 18)) console.log(`${v.toFixed(1).padStart(9)}  ${k}`);
  const tasks = on.filter(isTask).sort((a, b) => b.dur! - a.dur!).slice(0, 8);
  console.log(`longest tasks: ${tasks.map((t) => (t.dur! / 1000).toFixed(1)).join(', ')} ms`);
}

type TraceEvent = { name: string; ph: string; dur?: number; tid: number; pid: number; ts: number; id?: string; args: Record<string, any> };

/**
 * Each main-thread task of 40 ms or more: which keystroke it came after, the trace events nested in it (what
 * started it: a timer, an idle callback, a message, an IndexedDB event…) and the JavaScript the CPU samples saw
 * in it, self time by function and the heaviest stacks.
 */
function explainLongTasks(path: string) {
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
  const main = traceEvents.find((e) => e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  if (!main) return;
  const on = traceEvents.filter((e) => e.tid === main.tid && e.pid === main.pid).sort((a, b) => a.ts - b.ts);
  const keydowns = on.filter((e) => e.name === 'EventDispatch' && e.args.data?.type === 'keydown').map((e) => e.ts);
  // CPU samples: one Profile event, then ProfileChunks sharing its id (nodes arrive in the chunks).
  const nodes = new Map<number, { frame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; parent?: number }>();
  const samples: Array<{ ts: number; node: number; dt: number }> = [];
  const profiles = traceEvents.filter((e) => e.name === 'Profile' && e.pid === main.pid && e.tid === main.tid);
  for (const prof of profiles) {
    let t = prof.args.data.startTime as number;
    for (const c of traceEvents.filter((e) => e.name === 'ProfileChunk' && e.id === prof.id)) {
      const cp = c.args.data.cpuProfile ?? {};
      for (const n of cp.nodes ?? []) nodes.set(n.id, { frame: n.callFrame, parent: n.parent });
      const deltas: number[] = c.args.data.timeDeltas ?? [];
      (cp.samples ?? []).forEach((id: number, i: number) => { t += deltas[i] ?? 0; samples.push({ ts: t, node: id, dt: deltas[i] ?? 0 }); });
    }
  }
  const names = new Map<number, string>();
  const nameOf = (id: number) => {
    if (!names.has(id)) { const f = nodes.get(id)!.frame; names.set(id, frameName(f.functionName, f.url, f.lineNumber, f.columnNumber)); }
    return names.get(id)!;
  };
  const min = Number(arg('min') ?? 40) * 1000;
  const tasks = on.filter((e) => e.ph === 'X' && isTask(e) && (e.dur ?? 0) >= min);
  console.log(`\n${tasks.length} main-thread task(s) of ${min / 1000} ms or more:`);
  for (const task of tasks) {
    const end = task.ts + task.dur!;
    const after = keydowns.filter((k) => k < task.ts).length;
    console.log(`\n== task ${(task.dur! / 1000).toFixed(1)} ms, after keystroke ${after} of ${keydowns.length} (${keydowns.length ? ((task.ts - keydowns[0]!) / 1000).toFixed(0) : '?'} ms after the first)`);
    const inner = on.filter((e) => e !== task && !isTask(e) && !/mojo|Watcher|Epoll|Microtask/i.test(e.name) && e.ts >= task.ts && e.ts < end && (e.ph === 'X' || e.ph === 'I' || e.ph === 'i') && (e.ph !== 'X' || (e.dur ?? 0) >= 1000));
    const stack: number[] = [];
    for (const e of inner.slice(0, 60)) {
      while (stack.length && e.ts >= stack[stack.length - 1]!) stack.pop();
      const d = e.args.data ?? {};
      const detail = e.name === 'FunctionCall' && d.url ? frameName(d.functionName ?? '', d.url, (d.lineNumber ?? 1) - 1, (d.columnNumber ?? 1) - 1)
        : [d.type, d.timerId !== undefined ? `timer ${d.timerId}` : '', d.id !== undefined ? `id ${d.id}` : '', d.frame ? '' : ''].filter(Boolean).join(' ');
      console.log(`${'  '.repeat(stack.length + 1)}${e.name}${e.dur ? ` ${(e.dur / 1000).toFixed(1)} ms` : ''}${detail ? `  ${detail}` : ''}`);
      if (e.ph === 'X') stack.push(e.ts + e.dur!);
    }
    const within = samples.filter((s) => s.ts >= task.ts && s.ts < end);
    const self = new Map<string, number>();
    const stacks = new Map<string, number>();
    for (const s of within) {
      self.set(nameOf(s.node), (self.get(nameOf(s.node)) ?? 0) + s.dt / 1000);
      const chain: string[] = [];
      for (let id: number | undefined = s.node; id !== undefined && chain.length < 14; id = nodes.get(id)?.parent) if (nodes.get(id)!.frame.functionName !== '(root)') chain.push(nameOf(id));
      const key = chain.reverse().join('\n        ');
      stacks.set(key, (stacks.get(key) ?? 0) + s.dt / 1000);
    }
    console.log(`  samples: ${within.length}; self time by function:`);
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`${v.toFixed(1).padStart(9)} ms  ${k}`);
    console.log('  heaviest stacks (root first):');
    for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 4)) console.log(`${v.toFixed(1).padStart(9)} ms  ${k}`);
  }
}

main().catch((e) => { console.error(e); process.exit(1); });
