// Where the ms of an open go: navigation → first accepted keystroke of Moby-Dick, broken into milestones
// (HTML, each script's download, IndexedDB opens and their results, the first ProseMirror, first paint, the
// first accepted input) and main-thread time by kind from a Chrome trace, for one or two builds interleaved.
// `npx tsx bench/openTimeline.ts [--reps=7] [--trace]` after `npm run build`; BENCH_BEFORE_DIST adds an earlier
// build (or several, comma-separated). A tool for finding what the open waits for, not part of the report.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { chromium, type BrowserContext } from '@playwright/test';
import { mobyToMarkdown, readCorpusText } from './corpus';
import { BROWSER_ARGS, browserPath, median, startLonghand } from './support';

const root = join(import.meta.dirname, '..');
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const REPS = Number(arg('reps') ?? 7);
const EDITABLE = '.ProseMirror[contenteditable="true"]';

type Marks = Record<string, number>;

async function main() {
  const markdown = mobyToMarkdown(readCorpusText(root, 'moby-dick.txt'));
  const chapters = (markdown.match(/^## /gm) ?? []).length;
  const builds: Array<{ name: string; dist?: string }> = [{ name: 'after' }];
  // BENCH_BEFORE_DIST: one earlier build, or several (comma-separated), each measured beside this one.
  for (const dist of (process.env.BENCH_BEFORE_DIST ?? '').split(',').filter(Boolean).reverse()) builds.unshift({ name: dist, dist: join(root, dist) });
  const servers = await Promise.all(builds.map((b) => startLonghand(root, {}, b.dist)));
  const browser = await chromium.launch({ executablePath: browserPath(), args: BROWSER_ARGS });
  try {
    const ctxs: BrowserContext[] = [];
    for (const [i, s] of servers.entries()) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      await ctx.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      const seed = await ctx.newPage();
      await seed.goto(s.url);
      await seed.getByRole('button', { name: 'New document' }).waitFor();
      await seed.getByLabel('Import Markdown').setInputFiles({ name: 'moby-dick.md', mimeType: 'text/markdown', buffer: Buffer.from(markdown) });
      await seed.getByRole('region', { name: 'Outline' }).getByRole('listitem').nth(chapters).waitFor({ timeout: 120_000 });
      await seed.close();
      ctxs.push(ctx);
      console.error(`seeded ${builds[i]!.name}`);
    }
    const all: Marks[][] = builds.map(() => []);
    for (let rep = -1; rep < REPS; rep++) {
      const order = rep % 2 ? builds.map((_, i) => i) : builds.map((_, i) => i).reverse();
      for (const i of order) {
        const m = await open(ctxs[i]!, servers[i]!.url, rep === 0 && process.argv.includes('--trace') ? `/tmp/openTimeline-${builds[i]!.name}.json` : undefined);
        if (rep >= 0) all[i]!.push(m);
        console.error(`${builds[i]!.name} ${rep}: input ${m.input?.toFixed(0)}`);
      }
    }
    for (const [i, b] of builds.entries()) {
      const keys = [...new Set(all[i]!.flatMap((m) => Object.keys(m)))];
      keys.sort((a, z) => median(all[i]!.map((m) => m[a] ?? NaN).filter(Number.isFinite)) - median(all[i]!.map((m) => m[z] ?? NaN).filter(Number.isFinite)));
      console.log(`\n## ${b.name} (median of ${all[i]!.length})`);
      for (const k of keys) {
        const xs = all[i]!.map((m) => m[k]).filter((x): x is number => Number.isFinite(x));
        console.log(`${median(xs).toFixed(0).padStart(6)}  ${k}  [${xs.map((x) => x.toFixed(0)).join(' ')}]`);
      }
    }
  } finally {
    await browser.close();
    for (const s of servers) await s.close();
  }
}

async function open(ctx: BrowserContext, url: string, trace?: string): Promise<Marks> {
  const page = await ctx.newPage();
  try {
    await page.addInitScript((sel) => {
      const w = window as unknown as { firstInput: number | null; marks: Record<string, number> };
      w.firstInput = null;
      w.marks = {};
      const mark = (k: string) => { w.marks[k] ??= performance.now(); };
      document.addEventListener('input', () => { w.firstInput ??= performance.now(); }, true);
      document.addEventListener('keydown', () => mark('first keydown'), true);
      let n = 0;
      const origOpen = indexedDB.open.bind(indexedDB);
      indexedDB.open = (name: string, v?: number) => {
        const k = `idb open ${++n}`;
        mark(`${k} call`);
        const req = origOpen(name, v);
        req.addEventListener('success', () => mark(`${k} success`));
        return req;
      };
      const mo = new MutationObserver(() => {
        if (document.querySelector('.ProseMirror')) mark('ProseMirror in DOM');
        if (document.querySelector('.section-editor.loading')) mark('section loading shell');
        const el = document.querySelector<HTMLElement>(sel);
        if (!el) return;
        mark('editable');
        if (document.activeElement !== el) el.focus();
        if (w.firstInput !== null) mo.disconnect();
      });
      mo.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['contenteditable'] });
    }, EDITABLE);
    if (trace) await browser(ctx).startTracing(page, { path: trace, categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'loading', 'disabled-by-default-v8.cpu_profiler'] });
    await page.goto(url, { waitUntil: 'commit' });
    const deadline = Date.now() + 60_000;
    while (!(await page.evaluate(() => (window as unknown as { firstInput: number | null }).firstInput !== null))) {
      if (Date.now() > deadline) throw new Error('no keystroke accepted');
      await page.keyboard.type('x');
    }
    if (trace) await browser(ctx).stopTracing();
    const marks = await page.evaluate(() => {
      const w = window as unknown as { firstInput: number; marks: Record<string, number> };
      const out: Record<string, number> = { ...w.marks, input: w.firstInput };
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      out['html responseEnd'] = nav.responseEnd;
      out['domContentLoaded'] = nav.domContentLoadedEventEnd;
      for (const p of performance.getEntriesByType('paint')) out[p.name] = p.startTime;
      for (const r of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
        if (r.startTime > w.firstInput) continue;
        const name = r.name.split('/').pop()!.replace(/-[\w-]{8}\.(js|css)$/, '.$1');
        out[`res ${name} start`] = r.startTime;
        out[`res ${name} end`] = r.responseEnd;
      }
      return out;
    });
    await page.keyboard.press('ControlOrMeta+z');
    if (trace) console.error(summarize(trace, marks.input!));
    return marks;
  } finally {
    await page.close();
  }
}

const browser = (ctx: BrowserContext) => ctx.browser()!;

/** The renderer's main-thread tasks from navigation to the first input: each task of 8 ms or more with what ran in it. */
function summarize(path: string, inputMs: number): string {
  type Ev = { name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: any };
  const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: Ev[] };
  const nav = traceEvents.find((e) => e.name === 'navigationStart' && String(e.args?.data?.documentLoaderURL ?? '').startsWith('http'));
  if (!nav) return 'trace: no navigation';
  const busy = new Map<number, number>();
  for (const e of traceEvents) if (e.pid === nav.pid && e.name === 'RunTask' && e.dur) busy.set(e.tid, (busy.get(e.tid) ?? 0) + e.dur);
  const tid = [...busy].sort((a, b) => b[1] - a[1])[0]![0];
  const t0 = nav.ts;
  const end = t0 + inputMs * 1000;
  const evs = traceEvents.filter((e) => e.pid === nav.pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined && e.ts >= t0 && e.ts < end).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = evs.filter((e) => e.name === 'RunTask');
  const lines: string[] = [];
  let total = 0;
  for (const t of tasks) {
    total += t.dur! / 1000;
    if (t.dur! < 8000) continue;
    const inner = evs.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.dur! >= 2000 && e.name !== 'RunTask');
    const what = inner.slice(0, 12).map((e) => {
      const d = e.args?.data ?? e.args?.beginData ?? {};
      const label = d.url ? String(d.url).split('/').pop() : d.functionName || d.type || d.fileName?.split('/').pop() || '';
      return `${e.name}${label ? `(${label})` : ''} ${(e.dur! / 1000).toFixed(0)}`;
    });
    lines.push(`  ${((t.ts - t0) / 1000).toFixed(0).padStart(5)} ms +${(t.dur! / 1000).toFixed(0).padStart(3)}: ${what.join(', ')}`);
  }
  return [`trace ${path}: input ${inputMs.toFixed(0)} ms, main thread busy ${total.toFixed(0)} ms in ${tasks.length} tasks`, ...lines].join('\n');
}

if (arg('explain')) { console.log(summarize(arg('explain')!, Number(arg('input') ?? 5000))); process.exit(0); }
main().catch((e) => { console.error(e); process.exit(1); });
