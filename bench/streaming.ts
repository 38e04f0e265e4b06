// Streaming while typing: three sections stream at ~1,000 tokens/s each (through the real proxy, from the fake
// upstream) while the writer types in a fourth. Baseline, in the same page and run: the same typing with
// nothing streaming. Figures: typing latency p95 (keydown → next paint, as in the workspace bench) and its
// ratio to idle, long tasks over 50 ms (PerformanceObserver 'longtask'), the measured stream rate, and whether
// every stream's text arrived complete in its editor.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { chromium, type Page } from '@playwright/test';
import { startFakeUpstream } from '../e2e/support/fake-upstream';
import { BROWSER_ARGS, median, ms, percentile, ratio, startLonghand } from './support';

const STREAMS = 3;
const KEYSTROKES = 160;
const KEY_GAP_MS = 30;
/** ≈ 4 characters per token: 16-character chunks every 4 ms ≈ 1,000 tokens/s (timers permitting; measured below). */
const CHUNK = 16;
const CHUNK_DELAY_MS = 4;
const STREAM_CHARS = 40_000;
const TYPED = 'and the whale rolled slowly over, showing his white flank to the sun while the crew watched. ';

const WORDS = ['harbour', 'letter', 'narrator', 'brother', 'committee', 'stranger', 'morning', 'map', 'house', 'storm',
  'voice', 'ledger', 'library', 'shore', 'lamp', 'field', 'promise', 'question', 'river', 'window'];

/** Plain prose in paragraphs (no Markdown syntax), so the editor's text must equal it word for word. */
function prose(seed: number, chars: number): string {
  let a = seed;
  const rnd = () => { a = (a * 1103515245 + 12345) % 2147483648; return a / 2147483648; };
  const paras: string[] = [];
  let para: string[] = [];
  let len = 0;
  while (len < chars) {
    const n = 8 + Math.floor(rnd() * 10);
    const words = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!);
    const s = `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}, stream ${seed} sentence ${paras.length}-${para.length}.`;
    para.push(s);
    len += s.length + 1;
    if (para.length >= 6) { paras.push(para.join(' ')); para = []; len += 1; }
  }
  if (para.length) paras.push(para.join(' '));
  return paras.join('\n\n');
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

interface Phase { latencies: number[]; longTasks: number[] }

async function installProbes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { lat: number[]; lt: number[]; measuring: boolean };
    w.lat = []; w.lt = []; w.measuring = false;
    window.addEventListener('keydown', (e) => {
      if (!w.measuring) return;
      const start = e.timeStamp;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => w.lat.push(performance.now() - start);
        ch.port2.postMessage(null);
      });
    }, true);
    new PerformanceObserver((list) => {
      if (w.measuring) for (const e of list.getEntries()) w.lt.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
  });
}

async function typePhase(page: Page, during?: () => Promise<void>): Promise<Phase> {
  await page.evaluate(() => {
    const w = window as unknown as { lat: number[]; lt: number[]; measuring: boolean };
    w.lat = []; w.lt = []; w.measuring = true;
  });
  const text = TYPED.repeat(Math.ceil(KEYSTROKES / TYPED.length)).slice(0, KEYSTROKES);
  const typing = (async () => {
    for (const ch of text) {
      await page.keyboard.type(ch);
      await page.waitForTimeout(KEY_GAP_MS);
    }
  })();
  await Promise.all([typing, during?.()]);
  await page.waitForTimeout(200);
  return page.evaluate(() => {
    const w = window as unknown as { lat: number[]; lt: number[]; measuring: boolean };
    w.measuring = false;
    return { latencies: w.lat, longTasks: w.lt };
  });
}

export async function benchStreaming(ctx: { browserPath?: string; root: string; dist?: string; label?: string }): Promise<string> {
  const load0 = loadavg()[0]!;
  const fake = await startFakeUpstream();
  const app = await startLonghand(ctx.root, {
    OPENAI_API_KEY: 'fake-bench-0000000000000000', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODELS: 'gpt-bench',
    ANTHROPIC_API_KEY: '', OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  }, ctx.dist);
  const browser = await chromium.launch({ executablePath: ctx.browserPath, args: BROWSER_ARGS });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'New document' }).click();
    await page.getByRole('textbox', { name: 'Document title' }).fill('Streaming bench');
    const titles = Array.from({ length: STREAMS }, (_, i) => `Streamed ${i + 1}`);
    const texts = titles.map((_, i) => prose(i + 1, STREAM_CHARS));
    titles.forEach((t, i) => fake.setRule({ match: `Write section ${i + 1}: "${t}"`, text: texts[i], chunkSize: CHUNK, delayMs: CHUNK_DELAY_MS }));
    const main = page.getByRole('main');
    await main.getByRole('region', { name: 'Untitled section' }).getByRole('textbox', { name: 'Section title' }).fill(titles[0]!);
    for (const t of [...titles.slice(1), 'Typed here']) {
      await page.getByRole('button', { name: 'Add section' }).click();
      await main.getByRole('region', { name: 'Untitled section' }).last().getByRole('textbox', { name: 'Section title' }).fill(t);
    }
    const typedEditor = main.getByRole('region', { name: 'Typed here' }).getByRole('textbox', { name: 'Section text' });
    await typedEditor.click();
    await installProbes(page);
    await page.waitForTimeout(1000);

    // Idle baseline: type with nothing streaming.
    const idle = await typePhase(page);
    const idleBeforeP95 = percentile(idle.latencies, 95);

    // The same typing while three sections stream.
    const regions = titles.map((t) => main.getByRole('region', { name: t, exact: true }));
    for (const r of regions) await r.getByRole('button', { name: 'Generate section' }).click();
    await typedEditor.click();
    await page.keyboard.press('ControlOrMeta+End');
    for (const r of regions) await r.getByRole('textbox', { name: 'Section text' }).filter({ hasText: 'stream' }).waitFor();
    // BENCH_PROFILE=<file>: a CPU profile of the page while it types during the streams (for finding the cost).
    const cdp = process.env.BENCH_PROFILE ? await context.newCDPSession(page) : null;
    if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.start'); }
    // BENCH_TRACE=<file>: a Chrome trace of the same phase (main-thread tasks: rendering, events, timers).
    if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8'] });
    const streamStart = Date.now();
    const lengths: number[][] = [];
    const busy = await typePhase(page, async () => {
      // Sample how much text each editor holds, for the achieved rate.
      for (let k = 0; k < 10; k++) {
        lengths.push(await Promise.all(regions.map((r) => r.getByRole('textbox', { name: 'Section text' }).evaluate((e) => e.textContent?.length ?? 0))));
        await page.waitForTimeout(400);
      }
    });
    const typingEnded = Date.now();
    if (cdp) writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify((await cdp.send('Profiler.stop')).profile));
    if (process.env.BENCH_TRACE) await browser.stopTracing();
    let idleAfter: Phase;
    for (const r of regions) await r.getByRole('button', { name: 'Generate section' }).waitFor({ timeout: 120_000 });
    const streamsMs = Date.now() - streamStart;
    // A second idle phase after the streams (summaries and saves settled): the machine's load drifts, so the
    // baseline pools typing before and after.
    await page.waitForTimeout(3000);
    await typedEditor.click();
    await page.keyboard.press('ControlOrMeta+End');
    idleAfter = await typePhase(page);
    idle.latencies.push(...idleAfter.latencies);
    idle.longTasks.push(...idleAfter.longTasks);
    const still = lengths.filter((row) => row.every((n, i) => n < squash(texts[i]!).length));
    const rate = still.length >= 2
      ? median(regions.map((_, i) => (still[still.length - 1]![i]! - still[0]![i]!) / ((still.length - 1) * 0.4 + 1e-9))) / 4
      : NaN;

    const complete = await Promise.all(regions.map(async (r, i) => squash(await r.getByRole('textbox', { name: 'Section text' }).innerText()) === squash(texts[i]!)));
    const typedOk = (await typedEditor.innerText()).includes(TYPED.slice(0, 40));
    const overlapped = typingEnded - streamStart < streamsMs;

    const p95Idle = percentile(idle.latencies, 95);
    const p95Busy = percentile(busy.latencies, 95);
    const lt50 = busy.longTasks.filter((d) => d > 50);
    return [
      `## Streaming while typing${ctx.label ? ` (${ctx.label})` : ''}`,
      '',
      `${STREAMS} sections streaming ${STREAM_CHARS.toLocaleString('en-US')} characters each through the proxy from the fake upstream ` +
        `(${CHUNK}-character chunks every ${CHUNK_DELAY_MS} ms asked; achieved ≈ ${Number.isFinite(rate) ? Math.round(rate).toLocaleString('en-US') : 'n/a'} tokens/s per stream at 4 characters/token, ` +
        `median over the streams), while ${KEYSTROKES} keystrokes are typed into a fourth section, ${KEY_GAP_MS} ms apart. ` +
        'Latency: keydown timestamp → the task after the next animation frame. Baseline: the same typing, same page, nothing streaming (before and after the streams, pooled).',
      '',
      '| | idle typing | typing during 3 streams | ratio (goal ≤ 1.10×) |',
      '|---|---|---|---|',
      `| typing latency p95 | ${ms(p95Idle)} | ${ms(p95Busy)} | ${ratio(p95Busy, p95Idle)} |`,
      `| typing latency median | ${ms(median(idle.latencies))} | ${ms(median(busy.latencies))} | ${ratio(median(busy.latencies), median(idle.latencies))} |`,
      `| long tasks > 50 ms | ${idle.longTasks.filter((d) => d > 50).length} | ${lt50.length} (longest ${ms(Math.max(0, ...busy.longTasks))}) | goal 0 |`,
      '',
      `Streams: ${complete.filter(Boolean).length} of ${STREAMS} complete word for word in their editors; all three ended ${(streamsMs / 1000).toFixed(1)} s after typing began ` +
        `(typing overlapped the streams: ${overlapped ? 'yes' : 'no'}). Typed text reached its section: ${typedOk ? 'yes' : 'no'}. ` +
        `Keystrokes measured: ${idle.latencies.length} idle, ${busy.latencies.length} during streams. ` +
        `Idle p95 before the streams ${ms(idleBeforeP95)}, after ${ms(percentile(idleAfter.latencies, 95))}. ` +
        `Build: \`${ctx.dist ?? process.env.LONGHAND_DIST ?? 'dist'}\`; load average (1 min, 2 cores) ${load0.toFixed(1)} before, ${loadavg()[0]!.toFixed(1)} after.`,
    ].join('\n');
  } finally {
    await browser.close();
    await app.close();
    await fake.close();
  }
}
