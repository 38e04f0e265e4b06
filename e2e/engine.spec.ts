// The writing engine end to end, against a fake model that writes what it is asked but never more than
// 2,000 words a call: Generate section and Write all reach the ±10% band through Continue calls, a reload in
// the middle of Write all resumes without writing anything twice, Stop ends the pipeline with no further
// request, and Write all in a 60-section book writes sections whose editors were never mounted.
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { addSection, importMarkdownText, newDocument, openApp, sectionCount, sectionEditor, sectionRegion } from './support/app';

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
interface Recorded { text: string; at: number; clientClosedAt?: number; completed: boolean }

test.setTimeout(240_000);

const uid = () => Math.random().toString(36).slice(2, 8);
async function capped(request: APIRequestContext, match: string, tag: string, extra: { chunkSize?: number; delayMs?: number } = {}) {
  const res = await request.post(`${FAKE}/__control/rules`, {
    data: { match, writeAsked: { maxWords: 2000, tag }, chunkSize: extra.chunkSize ?? 600, delayMs: extra.delayMs ?? 0 },
  });
  expect(res.ok()).toBe(true);
}
async function recorded(request: APIRequestContext, match: string): Promise<Recorded[]> {
  const all = (await (await request.get(`${FAKE}/__control/requests`)).json()) as Recorded[];
  return all.filter((r) => r.text.includes(match));
}
async function words(region: Locator): Promise<number> {
  return (await sectionCount(region)).count;
}
async function docWith(page: Page, title: string, sections: Array<[string, number]>): Promise<void> {
  await openApp(page);
  await newDocument(page, title);
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(sections[0]![0]);
  for (const [name] of sections.slice(1)) await addSection(page, name);
  for (const [name, target] of sections) await sectionRegion(page, name).getByRole('spinbutton', { name: 'Target words' }).fill(String(target));
}
const inBand = (n: number, target: number) => n >= target * 0.9 && n <= target * 1.1;
function sentencesOf(text: string): string[] {
  return text.split(/(?<=\.)\s+/).map((s) => s.trim()).filter((s) => /^Step \d+ of the .* here\.$/.test(s));
}

test('Generate section on a 4,500-word target ends within ±10% through Continue calls', async ({ page, request }) => {
  const id = uid();
  const tag = `Eng${id}`;
  await capped(request, `Gen-${id}`, tag);
  await docWith(page, `Gen-${id}`, [[`Long-${id}`, 4500]]);
  const region = sectionRegion(page, `Long-${id}`);
  // The phase is transient: on a quick moment the whole run can end before a poll sees it. So every text the
  // phase label shows is recorded from the DOM as it changes, and checked once the run has ended.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __phases: string[] }).__phases = seen;
    new MutationObserver(() => {
      for (const el of document.querySelectorAll('[aria-label="Section phase"]')) {
        const t = el.textContent ?? '';
        if (seen[seen.length - 1] !== t) seen.push(t);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await region.getByRole('button', { name: 'Generate section' }).click();
  const phases = () => page.evaluate(() => (window as unknown as { __phases: string[] }).__phases);
  await expect.poll(async () => (await phases()).some((t) => /Writing|Continuing/.test(t))).toBe(true);
  // "Generate section" is back only when the pipeline has ended.
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible({ timeout: 120_000 });
  await expect.poll(() => words(region)).toBeGreaterThanOrEqual(4050);
  expect(inBand(await words(region), 4500)).toBe(true);
  const calls = (await recorded(request, `Gen-${id}`)).filter((r) => /Longhand task: (write|continue)/.test(r.text));
  expect(calls.length).toBeGreaterThanOrEqual(3);
  expect(calls.length).toBeLessThanOrEqual(5);
  const sentences = sentencesOf(await sectionEditor(region).innerText());
  expect(new Set(sentences).size).toBe(sentences.length);
});

test('Write all over three sections of 3,000–5,000 words ends with every section in band', async ({ page, request }) => {
  const id = uid();
  const tag = `All${id}`;
  await capped(request, `WA-${id}`, tag);
  const secs: Array<[string, number]> = [[`A-${id}`, 3000], [`B-${id}`, 4000], [`C-${id}`, 5000]];
  await docWith(page, `WA-${id}`, secs);
  await page.getByRole('button', { name: 'Write all' }).click();
  await expect(page.locator('.write-all-text')).toContainText('3 of 3 sections done', { timeout: 200_000 });
  for (const [name, target] of secs) expect(inBand(await words(sectionRegion(page, name)), target), name).toBe(true);
  await expect(page.getByRole('button', { name: 'Write all' })).toBeEnabled();
});

test('a reload in the middle of Write all shows Resume, and the run completes with no sentence repeated', async ({ page, request }) => {
  const id = uid();
  const tag = `Rel${id}`;
  // Slow enough to reload mid-call: ~2,000 words take a few seconds.
  await capped(request, `RL-${id}`, tag, { chunkSize: 120, delayMs: 15 });
  const secs: Array<[string, number]> = [[`R1-${id}`, 3000], [`R2-${id}`, 3000], [`R3-${id}`, 3000]];
  await docWith(page, `RL-${id}`, secs);
  await page.getByRole('button', { name: 'Write all' }).click();
  const first = sectionRegion(page, secs[0]![0]);
  // The first section has text on disk and is still being written.
  await expect.poll(() => words(first), { timeout: 60_000 }).toBeGreaterThan(300);
  await expect.poll(async () => {
    const contents = await page.evaluate(() => new Promise<string>((resolve) => {
      const open = indexedDB.open('longhand');
      open.onsuccess = () => {
        const req = open.result.transaction('contents').objectStore('contents').getAll();
        req.onsuccess = () => { resolve(JSON.stringify(req.result)); open.result.close(); };
      };
    }));
    return contents.includes(tag);
  }).toBe(true);
  const reloadedAt = Date.now();
  await page.reload();
  await expect(page.getByRole('progressbar', { name: 'Write-all progress' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Write all' })).toBeDisabled();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.locator('.write-all-text')).toContainText('3 of 3 sections done', { timeout: 200_000 });
  await expect(page.getByRole('button', { name: 'Write all' })).toBeEnabled();
  const all: string[] = [];
  for (const [name, target] of secs) {
    const region = sectionRegion(page, name);
    expect(inBand(await words(region), target), name).toBe(true);
    all.push(...sentencesOf(await sectionEditor(region).innerText()));
  }
  expect(all.length).toBeGreaterThan(700);
  expect(new Set(all).size).toBe(all.length);
  // The first section had text on disk: after the reload it was continued, never written afresh.
  const rewrites = (await recorded(request, `Write section 1: "${secs[0]![0]}"`)).filter((r) => r.at > reloadedAt && r.text.includes('Longhand task: write'));
  expect(rewrites).toHaveLength(0);
});

test('Stop in the middle of the pipeline keeps the text and sends no further request', async ({ page, request }) => {
  const id = uid();
  const tag = `Stp${id}`;
  await capped(request, `ST-${id}`, tag, { chunkSize: 30, delayMs: 40 });
  await docWith(page, `ST-${id}`, [[`S-${id}`, 4500]]);
  const region = sectionRegion(page, `S-${id}`);
  await region.getByRole('button', { name: 'Generate section' }).click();
  // Into the second call (the first Continue).
  await expect.poll(async () => (await recorded(request, `ST-${id}`)).filter((r) => r.text.includes('Longhand task: continue')).length,
    { timeout: 120_000 }).toBe(1);
  await expect(region.getByLabel('Section phase')).toContainText('call 2');
  await region.getByRole('button', { name: 'Stop' }).click();
  await expect(region.getByLabel('Section phase')).toContainText('Stopped');
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible();
  const kept = await words(region);
  expect(kept).toBeGreaterThan(1500);
  const reqs = await recorded(request, `ST-${id}`);
  // Two calls (write, continue), the second cut off; no summary, no check, no third call.
  expect(reqs.map((r) => /Longhand task: (\w+)/.exec(r.text)?.[1])).toEqual(['write', 'continue']);
  await expect.poll(async () => (await recorded(request, `ST-${id}`))[1]?.clientClosedAt ?? 0).toBeGreaterThan(0);
  expect(await recorded(request, `ST-${id}`)).toHaveLength(2);
  expect(await words(region)).toBe(kept);
});

test('in a 60-section book Write all writes sections whose editors were never mounted', async ({ page, request }) => {
  const id = uid();
  const tag = `Bk${id}`;
  await capped(request, `Book-${id}`, tag);
  const filler = (i: number) => Array.from({ length: 45 }, (_, k) => `Filler ${i} line ${k} keeps the book long enough.`).join(' ');
  const parts = Array.from({ length: 60 }, (_, i) => `## Part ${i + 1} ${id}\n\n${i < 56 ? filler(i) : ''}`);
  await openApp(page);
  await importMarkdownText(page, `Book-${id}.md`, `# Book-${id}\n\n${parts.join('\n\n')}\n`);
  const last = sectionRegion(page, `Part 59 ${id}`);
  await expect(last).toBeAttached();
  await expect(last.locator('.ProseMirror')).toHaveCount(0);
  await page.getByRole('button', { name: 'Write all' }).click();
  await expect(page.locator('.write-all-text')).toContainText('4 of 4 sections done', { timeout: 200_000 });
  // Written while unmounted: still no editor there, but the text is stored.
  await expect(last.locator('.ProseMirror')).toHaveCount(0);
  await last.scrollIntoViewIfNeeded();
  const editor = sectionEditor(last).and(page.locator('.ProseMirror'));
  await expect(editor).toContainText(`of the ${tag} story`);
  const count = (await sectionCount(last)).count;
  expect(count).toBeGreaterThanOrEqual(900);
  const sentences = sentencesOf(await editor.innerText());
  expect(new Set(sentences).size).toBe(sentences.length);
});

test('a failed checklist item gets one Fix round after Generate section, then passes the re-check', async ({ page, request }) => {
  const id = uid();
  const tag = `Fix${id}`;
  const place = `Lisbon${id}`;
  await capped(request, `FX-${id}`, tag);
  // The revision of the Fix round (its instruction names the failed item) brings the missing word in.
  const fixed = Array.from({ length: 30 }, (_, k) => `Fixed line ${k} of the ${tag} story mentions ${place} once.`).join(' ');
  expect((await request.post(`${FAKE}/__control/rules`, { data: { match: `Revise to satisfy: must contain "${place}"`, text: fixed, chunkSize: 600 } })).ok()).toBe(true);
  await docWith(page, `FX-${id}`, [[`F-${id}`, 300]]);
  const region = sectionRegion(page, `F-${id}`);
  await region.getByRole('textbox', { name: 'New checklist item' }).fill(`must contain "${place}"`);
  await region.getByRole('button', { name: 'Add item' }).click();
  await region.getByRole('button', { name: 'Generate section' }).click();
  const checklist = region.getByRole('list', { name: 'Checklist' });
  await expect(checklist.getByRole('listitem').first()).toContainText('pass', { timeout: 60_000 });
  await expect(sectionEditor(region)).toContainText(place);
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible();
  // The write prompt names the document; the revise and summary prompts carry the written text (the tag).
  const all = (await (await request.get(`${FAKE}/__control/requests`)).json()) as Recorded[];
  const tasks = all.filter((r) => r.text.includes(`FX-${id}`) || r.text.includes(tag)).map((r) => /Longhand task: (\w+)/.exec(r.text)?.[1]);
  // One write, one revise (the fix); the summary follows; never a second fix.
  expect(tasks.filter((t) => t === 'write' || t === 'continue')).toEqual(['write']);
  expect(tasks.filter((t) => t === 'revise')).toEqual(['revise']);
});
