// Long form through the UI: the same figures as bench/longformPipeline.ts, but driven the way a writer does it,
// so the report proves the flow the buttons run and not only the module. In headless Chromium against the
// built app (real proxy) and the fake upstream's capped model (writes what a prompt asks, never more than
// 2,000 words a call): a new document with 5 sections whose targets sum to 15,000 words, "Write all"
// (sequential, the default), then wait until the Write-all progress says the run finished. Words are read from
// each section's word-count label (what the writer sees); model calls from the fake upstream's own record.
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { startFakeUpstream } from '../e2e/support/fake-upstream';
import { lengthScore } from '../src/core/metrics/lengthScore';
import { formatCount } from '../src/core/wordCount';
import { BROWSER_ARGS, browserPath, startLonghand } from './support';

export const BROWSER_TARGETS = [2000, 2500, 3000, 3500, 4000];
const PER_CALL = 2000;

function count(label: string): number {
  const m = /^\s*([\d,]+) \/ [\d,]+ words\s*$/.exec(label);
  if (!m) throw new Error(`Not a count label: "${label}"`);
  return Number(m[1]!.replace(/,/g, ''));
}

export async function benchWriteAllBrowser(ctx: { browserPath?: string; root: string; log?: (line: string) => void }): Promise<string> {
  const log = ctx.log ?? (() => {});
  const fake = await startFakeUpstream();
  const app = await startLonghand(ctx.root, {
    OPENAI_API_KEY: 'fake-bench-0000000000000000', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODELS: 'gpt-bench',
    ANTHROPIC_API_KEY: '', OLLAMA_BASE_URL: 'http://127.0.0.1:9',
  });
  const browser = await chromium.launch({ executablePath: ctx.browserPath, args: BROWSER_ARGS });
  try {
    const mark = `WAB${Date.now()}`;
    // The document title is in every prompt of the run, so the rule (and the request count) covers exactly it.
    fake.setRule({ match: mark, writeAsked: { maxWords: PER_CALL, tag: mark }, chunkSize: 600 });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByRole('button', { name: 'New document' }).click();
    await page.getByRole('textbox', { name: 'Document title' }).fill(`Bench ${mark}`);
    const main = page.getByRole('main');
    const titles = BROWSER_TARGETS.map((_, i) => `Part ${i + 1}`);
    const region = (t: string) => main.getByRole('region', { name: t, exact: true });
    await main.getByRole('region', { name: 'Untitled section' }).getByRole('textbox', { name: 'Section title' }).fill(titles[0]!);
    for (const t of titles.slice(1)) {
      await page.getByRole('button', { name: 'Add section' }).click();
      await main.getByRole('region', { name: 'Untitled section' }).last().getByRole('textbox', { name: 'Section title' }).fill(t);
    }
    for (const [i, t] of titles.entries()) {
      await region(t).getByRole('spinbutton', { name: 'Target words' }).fill(String(BROWSER_TARGETS[i]));
      // The target is in the store once the section's count label shows it.
      await region(t).getByLabel('Section word count').filter({ hasText: `/ ${formatCount(BROWSER_TARGETS[i]!)} words` }).waitFor();
    }
    const progress = page.getByRole('progressbar', { name: 'Write-all progress' });
    const before = fake.requests.length;
    log('write-all-browser: Write all pressed');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Write all' }).click();
    await waitFinished(page, progress);
    const wall = (Date.now() - t0) / 1000;
    const status = (await progress.getAttribute('aria-valuetext')) ?? '';
    const words: number[] = [];
    for (const t of titles) words.push(count(await region(t).getByLabel('Section word count').innerText()));
    const reqs = fake.requests.slice(before).filter((r) => r.text.includes(mark));
    const kinds = new Map<string, number>();
    for (const r of reqs) {
      const k = /Longhand task: (\w+)/.exec(r.text)?.[1] ?? 'other';
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    const writeCalls = (kinds.get('write') ?? 0) + (kinds.get('continue') ?? 0) + (kinds.get('revise') ?? 0);
    const minCalls = BROWSER_TARGETS.reduce((n, t) => n + Math.ceil(t / PER_CALL), 0);
    const target = BROWSER_TARGETS.reduce((a, b) => a + b, 0);
    const total = words.reduce((a, b) => a + b, 0);
    const scores = words.map((w, i) => lengthScore(BROWSER_TARGETS[i]!, w) ?? 0);
    const mean = scores.reduce((a, b) => a + b, 0) / scores.length;
    const inBand = words.filter((w, i) => w >= BROWSER_TARGETS[i]! * 0.9 && w <= BROWSER_TARGETS[i]! * 1.1).length;
    const other = [...kinds].filter(([k]) => !['write', 'continue', 'revise'].includes(k)).map(([k, n]) => `${k} ${n}`).join(', ');
    return [
      `## Long form through the browser: Write all, 5 sections, ${formatCount(target)} words, a model capped at 2,000 words per call`,
      '',
      '`bench/writeAllBrowser.ts`: headless Chromium on the built app (real proxy) and the fake upstream\'s capped model. Through the UI: ' +
        `New document, 5 sections with targets ${BROWSER_TARGETS.map(formatCount).join(' / ')}, **Write all** (sequential), then wait until the ` +
        '"Write-all progress" bar says the run finished. Words are the sections\' word-count labels; model calls are the requests the fake upstream recorded.',
      '',
      '| figure | measured | goal |',
      '|---|---|---|',
      `| total words | **${formatCount(total)}** of ${formatCount(target)} | ≥ ${formatCount(target * 0.95)} ${total >= target * 0.95 ? '✓' : '✗'} |`,
      `| mean length score | **${mean.toFixed(1)}** | ≥ 95 ${mean >= 95 ? '✓' : '✗'} |`,
      `| sections within ±10% | ${inBand}/5 (${words.map(formatCount).join(', ')}) | |`,
      `| write/continue/shorten calls vs minimum Σ⌈target/2,000⌉ | ${writeCalls} vs ${minCalls} (${(writeCalls / minCalls).toFixed(2)}×) | ≤ 1.5× ${writeCalls <= minCalls * 1.5 ? '✓' : '✗'} |`,
      `| other model calls | ${other || 'none'} | |`,
      `| wall time (click → "finished") | ${wall.toFixed(1)} s | |`,
      '',
      `Progress bar at the end: "${status}".`,
      '',
    ].join('\n');
  } finally {
    await browser.close();
    await app.close();
    await fake.close();
  }
}

/** Until the progress bar's text says finished (or cancelled: reported, not hidden). */
async function waitFinished(page: Page, progress: ReturnType<Page['getByRole']>): Promise<void> {
  await progress.waitFor();
  await page.waitForFunction(
    (el) => /· (finished|cancelled)/.test(el?.getAttribute('aria-valuetext') ?? ''),
    await progress.elementHandle(), { timeout: 300_000, polling: 250 },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  benchWriteAllBrowser({ root, browserPath: browserPath(), log: (l) => process.stderr.write(`${l}\n`) })
    .then((r) => { console.log(r); process.exit(0); }, (e) => { console.error(e); process.exit(1); });
}
