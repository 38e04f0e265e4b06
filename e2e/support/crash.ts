// The crash window, measured: a browser with a persistent profile shows text arriving in a section (streamed
// from the fake upstream, or typed), every change of the section's text is recorded with the time it was shown,
// then every process of that browser is killed with SIGKILL (no unload, no flush), the browser is started again
// on the same profile and the section's text is read back. A lost word's age is how long it had been on screen
// when the browser died; the oldest lost word's age is the window a crash can take. Shared by e2e/crash.spec.ts
// (one kill) and bench/crash.ts (several).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

export interface CrashOptions {
  baseURL: string;
  executablePath?: string;
  args: string[];
  mode: 'stream' | 'type';
  /** Installs a fake-upstream rule (stream mode). */
  setRule: (rule: { match: string; text: string; chunkSize: number; delayMs: number }) => Promise<void>;
  /** Kill once this many words have been shown (stream: ~3 s at 100 words/s). */
  killAfterWords?: number;
}

export interface CrashResult {
  killedAt: number;
  shownWords: number;
  savedWords: number;
  lostWords: number;
  /** Age (ms) of the oldest lost word at the kill; 0 when nothing was lost. */
  oldestLostAgeMs: number;
  /** The saved text is a prefix of what was shown last (or what was shown is a prefix of it). */
  prefix: boolean;
  interrupted: boolean;
  killedPids: number;
}

interface Shown { at: number; text: string }

const WORD = /^[wt]\d{5}$/;
const words = (text: string) => text.split(/\s+/).filter((w) => WORD.test(w));
const tokens = (tag: string, n: number) => Array.from({ length: n }, (_, i) => `${tag}${String(i + 1).padStart(5, '0')}`);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

async function launch(profile: string, o: CrashOptions): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: o.executablePath, args: o.args, baseURL: o.baseURL, viewport: { width: 1400, height: 900 },
  });
  // Outside a test's fixtures a locator would otherwise wait forever; generous for a loaded machine.
  ctx.setDefaultTimeout(90_000);
  const page = ctx.pages()[0] ?? await ctx.newPage();
  return { ctx, page };
}

/** Every process whose command line names this profile (browser, renderers, GPU and utility processes). */
function profilePids(profile: string): number[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes(profile)).map((l) => Number(l.trim().split(/\s+/)[0]))
    .filter((pid) => Number.isInteger(pid) && pid > 0 && pid !== process.pid);
}

export async function crashOnce(o: CrashOptions): Promise<CrashResult> {
  const profile = mkdtempSync(join(tmpdir(), 'longhand-crash-'));
  const id = Math.random().toString(36).slice(2, 8);
  const docTitle = `Crash-${id}`, sectionTitle = `Crashed-${id}`;
  const killAfter = o.killAfterWords ?? (o.mode === 'stream' ? 300 : 40);
  try {
    const { ctx, page } = await launch(profile, o);
    await page.goto('/');
    await page.getByRole('button', { name: 'New document' }).click();
    await page.getByRole('textbox', { name: 'Document title' }).fill(docTitle);
    const main = page.getByRole('main');
    await main.getByRole('region', { name: 'Untitled section', exact: true }).getByRole('textbox', { name: 'Section title' }).fill(sectionTitle);
    const region = main.getByRole('region', { name: sectionTitle, exact: true });
    await region.getByRole('textbox', { name: 'Section text' }).waitFor();

    const shown: Shown[] = [];
    let reached: () => void = () => {};
    const enough = new Promise<void>((resolve) => { reached = resolve; });
    await page.exposeBinding('__crashShown', (_src, at: number, text: string) => {
      shown.push({ at, text });
      if (words(text).length >= killAfter) reached();
    });
    // The region is observed rather than the editor element, so a remounted editor is still seen.
    await region.evaluate((el) => {
      const report = (window as unknown as { __crashShown: (at: number, text: string) => void }).__crashShown;
      let last = '';
      new MutationObserver(() => {
        const text = el.querySelector('.ProseMirror')?.textContent ?? '';
        if (text !== last) { last = text; report(Date.now(), text); }
      }).observe(el, { subtree: true, childList: true, characterData: true });
    });

    const full = tokens(o.mode === 'stream' ? 'w' : 't', o.mode === 'stream' ? 3000 : 400).join(' ');
    if (o.mode === 'stream') {
      // 7 characters a word: 5 words every 50 ms (timers and load permitting).
      await o.setRule({ match: `Write section 1: "${sectionTitle}"`, text: full, chunkSize: 35, delayMs: 50 });
      await region.getByRole('button', { name: 'Generate section' }).click();
    } else {
      await region.getByRole('textbox', { name: 'Section text' }).click();
      void page.keyboard.type(full, { delay: 15 }).catch(() => {}); // cut off by the kill
    }
    let stalled: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([enough, new Promise((_, reject) => {
      stalled = setTimeout(() => reject(new Error(`the section showed only ${words(shown.at(-1)?.text ?? '').length} of ${killAfter} words`)), 90_000);
    })]).finally(() => clearTimeout(stalled));

    if (process.env.CRASH_DEBUG) {
      const dump = await page.evaluate(() => new Promise<string>((resolve) => {
        const open = indexedDB.open('longhand');
        open.onsuccess = () => {
          const tx = open.result.transaction(['kv', 'contents'], 'readonly');
          const a = tx.objectStore('kv').getAll(); const b = tx.objectStore('contents').getAll();
          tx.oncomplete = () => resolve(JSON.stringify({ kv: a.result, contents: b.result.map((c) => ({ ...c, doc: JSON.stringify(c.doc).length })) }).slice(0, 3000));
        };
      }));
      console.log('CRASH_DEBUG', dump);
    }
    const pids = profilePids(profile);
    const killedAt = Date.now();
    for (const pid of pids) { try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ } }
    await Promise.race([ctx.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);

    const again = await launch(profile, o);
    if (process.env.CRASH_DEBUG) again.page.on('console', (m) => console.log('CRASH_DEBUG console', m.type(), m.text().slice(0, 300)));
    try {
      await again.page.goto('/');
      const after = again.page.getByRole('main').getByRole('region', { name: sectionTitle, exact: true });
      const editor = after.locator('.ProseMirror');
      await editor.waitFor({ timeout: 30_000 });
      let interrupted = true;
      if (o.mode === 'stream') await after.getByText(/Interrupted/).first().waitFor({ timeout: 30_000 }).catch(() => { interrupted = false; });
      const saved = squash((await editor.textContent()) ?? '');
      const last = squash(shown.at(-1)?.text ?? '');
      const savedN = words(saved).length;
      const shownN = words(last).length;
      // When each word was first shown whole.
      const firstShown: number[] = [];
      for (const s of shown) { const n = words(s.text).length; for (let i = firstShown.length; i < n; i++) firstShown.push(s.at); }
      let oldest = 0;
      for (let i = savedN; i < shownN; i++) oldest = Math.max(oldest, killedAt - firstShown[i]!);
      return {
        killedAt, shownWords: shownN, savedWords: savedN, lostWords: Math.max(0, shownN - savedN), oldestLostAgeMs: oldest,
        prefix: last.startsWith(saved) || saved.startsWith(last), interrupted, killedPids: pids.length,
      };
    } finally {
      await again.ctx.close().catch(() => {});
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
