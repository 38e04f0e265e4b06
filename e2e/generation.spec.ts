// Generation end to end, through the real proxy to the fake upstream: plan, write a section (rendered,
// counted, remembered by the next one), Stop, one-step undo, typing elsewhere while streaming, reload
// mid-stream, and Write all in parallel. Every test steers the fake upstream with markers unique to it.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { countWords } from '../src/core/wordCount';
import { addSection, expectSaved, newDocument, openApp, readStore, sectionEditor, sectionRegion } from './support/app';

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;

interface Recorded { text: string; at: number; clientClosedAt?: number; completed: boolean; path: string }

async function rule(request: APIRequestContext, r: { match: string; text?: string; chunkSize?: number; delayMs?: number; holdAfterChunks?: number }) {
  const res = await request.post(`${FAKE}/__control/rules`, { data: r });
  expect(res.ok()).toBe(true);
}
/** Lets the streams held by the rule with this match go on (see holdAfterChunks in the fake upstream). */
async function release(request: APIRequestContext, match: string) {
  const res = await request.post(`${FAKE}/__control/release`, { data: { match } });
  expect(res.ok()).toBe(true);
}
async function recorded(request: APIRequestContext, match: string): Promise<Recorded[]> {
  const all = (await (await request.get(`${FAKE}/__control/requests`)).json()) as Recorded[];
  return all.filter((r) => r.text.includes(match));
}
const uid = () => Math.random().toString(36).slice(2, 8);

async function docWith(page: Page, title: string, sections: string[], brief = ''): Promise<void> {
  await openApp(page);
  await newDocument(page, title);
  if (brief) await page.getByRole('textbox', { name: 'Document brief' }).fill(brief);
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(sections[0]!);
  for (const s of sections.slice(1)) await addSection(page, s);
}

const longText = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag} sentence number ${i + 1} goes on a little.`).join(' ');

test('Plan outline: sections stream into the outline with briefs and targets that sum to the total', async ({ page, request }) => {
  const title = `Plan-${uid()}`;
  const plan = { sections: [
    { title: 'The Harbour', brief: 'Arrival at the port.', words: 900 },
    { title: 'The Inn', brief: 'A crowded inn.', words: 1100 },
    { title: 'Setting Sail', brief: 'They ship out.', words: 1200 },
  ] };
  // The stream stops after its first entry (and part of the second) until the test has seen the plan in progress:
  // on a loaded machine the whole answer could otherwise arrive in one read, and the page never show it mid-way.
  const match = `Document title: ${title}`;
  await rule(request, { match, text: `Here is the plan:\n\`\`\`json\n${JSON.stringify(plan, null, 1)}\n\`\`\``, chunkSize: 8, delayMs: 20, holdAfterChunks: 21 });
  await openApp(page);
  await newDocument(page, title);
  await page.getByRole('spinbutton', { name: 'Document target words' }).fill('6000');
  await page.getByRole('textbox', { name: 'Document brief' }).fill('A voyage, told briefly.');
  await page.getByRole('button', { name: 'Plan outline' }).click();
  const outline = page.getByRole('region', { name: 'Outline' }).getByRole('listitem');
  // Entries appear while the plan is still streaming.
  await expect(sectionRegion(page, 'The Harbour')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Planning…' })).toBeVisible();
  await expect(sectionRegion(page, 'Setting Sail')).toHaveCount(0);
  await release(request, match);
  await expect(page.getByRole('status').filter({ hasText: 'Planned 3 sections.' })).toBeVisible();
  await expect(outline).toHaveCount(3);
  await expect(sectionRegion(page, 'The Inn').getByRole('textbox', { name: 'Section brief' })).toHaveValue('A crowded inn.');
  const targets = await page.getByRole('main').getByRole('spinbutton', { name: 'Target words', exact: true })
    .evaluateAll((els) => els.map((e) => Number((e as HTMLInputElement).value)));
  expect(targets.reduce((a, b) => a + b, 0)).toBe(6000);
  expect(targets).toEqual([1690, 2060, 2250]);

  // An existing outline is never replaced without asking.
  await page.getByRole('button', { name: 'Plan outline' }).click();
  const ask = page.getByRole('dialog', { name: 'Plan outline' });
  await expect(ask.getByRole('button', { name: 'Fill in missing briefs and targets' })).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(outline).toHaveCount(3);
});

test('Plan outline: a garbage answer says so clearly and keeps the outline', async ({ page, request }) => {
  const title = `Garbage-${uid()}`;
  await rule(request, { match: `Document title: ${title}`, text: 'I am sorry, I cannot plan that.' });
  await openApp(page);
  await newDocument(page, title);
  await page.getByRole('button', { name: 'Plan outline' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'did not answer with a plan' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(1);
});

test('Generate section: upstream text rendered and counted; summary made; the next request carries it', async ({ page, request }) => {
  const id = uid();
  const one = `Gen-${id} One`, two = `Gen-${id} Two`;
  const md = 'Opening with **bold** words.\n\n## A sub-heading\n\n- item one\n- item two\n\nClosing *line* here.';
  const plain = 'Opening with bold words.\n\nA sub-heading\n\nitem one\nitem two\n\nClosing line here.';
  const summary = `SUMMARY-${id} the harbour scene is set.`;
  await rule(request, { match: `Write section 1: "${one}"`, text: md, chunkSize: 4, delayMs: 5 });
  await rule(request, { match: `Section: ${one}`, text: summary });
  await rule(request, { match: `Write section 2: "${two}"`, text: 'Second section prose.' });
  await docWith(page, `Doc-${id}`, [one, two]);
  const region = sectionRegion(page, one);
  await region.getByRole('button', { name: 'Generate section' }).click();
  await expect(region.getByRole('textbox', { name: 'Section summary' })).toHaveValue(summary);
  const editor = sectionEditor(region);
  await expect(editor.locator('strong')).toHaveText('bold');
  await expect(editor.locator('h2')).toHaveText('A sub-heading');
  await expect(editor.locator('li')).toHaveCount(2);
  await expect(editor.locator('em')).toHaveText('line');
  const shown = await editor.innerText();
  expect(shown).not.toMatch(/\*\*|^#|\n#/);
  await expect(region.getByLabel('Section word count')).toHaveText(`${countWords(plain)} words`);
  await expect(region.getByRole('combobox', { name: 'Section status' })).toHaveValue('generated');
  await expect(region.getByRole('list', { name: 'Takes' }).getByRole('listitem')).toHaveCount(1);
  await region.getByText(/Request log/).click();
  await expect(region.getByRole('table', { name: 'Request log' })).toContainText('gpt-test');

  await sectionRegion(page, two).getByRole('button', { name: 'Generate section' }).click();
  await expect(sectionEditor(sectionRegion(page, two))).toHaveText('Second section prose.');
  const [req] = await recorded(request, `Write section 2: "${two}"`);
  expect(req!.text).toContain(summary);
  expect(req!.text).toContain('Closing *line* here.');
});

test('Stop mid-stream keeps the partial text and closes the upstream connection', async ({ page, request }) => {
  const id = uid();
  const title = `Stop-${id}`;
  const text = longText(200, 'Stopper');
  // Held after 180 characters (past sentence 3) until the end of the test: Stop always lands mid-stream, however
  // slowly the page runs.
  await rule(request, { match: `Write section 1: "${title}"`, text, chunkSize: 6, delayMs: 5, holdAfterChunks: 30 });
  await docWith(page, `Doc-${id}`, [title]);
  const region = sectionRegion(page, title);
  await region.getByRole('button', { name: 'Generate section' }).click();
  const editor = sectionEditor(region);
  await expect(editor).toContainText('sentence number 3 ');
  await expect(editor).toHaveAttribute('contenteditable', 'false');
  // The phase label counts the words on screen as they stream, not those at the call's start (it said 0 until
  // the call ended). The stream is held here, so both settle.
  const labelWords = async () => Number(/· ([\d,]+) (?:of [\d,]+ )?words/.exec(await region.getByLabel('Section phase').innerText())?.[1]?.replace(/,/g, '') ?? -1);
  await expect.poll(async () => [await labelWords(), countWords(await editor.innerText())].join(' = ')).toMatch(/^([1-9]\d*) = \1$/);
  await region.getByRole('button', { name: 'Stop' }).click();
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible();
  await expect(editor).toHaveAttribute('contenteditable', 'true');
  const kept = await editor.innerText();
  expect(kept.length).toBeGreaterThan(20);
  expect(text.startsWith(kept.trim())).toBe(true);
  expect(kept.length).toBeLessThan(text.length);
  await expect.poll(async () => (await recorded(request, `Write section 1: "${title}"`))[0]?.clientClosedAt ?? 0).toBeGreaterThan(0);
  // The stopped take is recorded and everything is written; the partial text is what stays, also after a reload
  // (nothing arrived after Stop, and what was shown is what was saved).
  await expect(region.getByRole('list', { name: 'Takes' })).toContainText('stopped');
  await expectSaved(page);
  expect(await editor.innerText()).toBe(kept);
  await page.reload();
  await expect(sectionEditor(sectionRegion(page, title))).toHaveText(kept.trim());
  await expect(sectionRegion(page, title).getByText(/Interrupted/)).toHaveCount(0);
});

test('one Ctrl+Z removes the whole generation', async ({ page, request }) => {
  const id = uid();
  const title = `Undo-${id}`;
  const text = `${longText(12, 'Undo')}\n\n${longText(12, 'More')}`;
  await rule(request, { match: `Write section 1: "${title}"`, text, chunkSize: 5, delayMs: 2 });
  await docWith(page, `Doc-${id}`, [title]);
  const region = sectionRegion(page, title);
  const editor = sectionEditor(region);
  await editor.click();
  await page.keyboard.type('Typed before.');
  await region.getByRole('button', { name: 'Generate section' }).click();
  await region.getByRole('group', { name: 'The section has text' }).getByRole('button', { name: 'Replace' }).click();
  await expect(editor).toContainText('More sentence number 12 goes on a little.');
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible();
  await editor.click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect(editor).toHaveText('Typed before.');
  await page.keyboard.press('ControlOrMeta+Shift+z');
  await expect(editor).toContainText('More sentence number 12 goes on a little.');
});

test('typing in another section while one streams works and is saved', async ({ page, request }) => {
  const id = uid();
  const a = `Stream-${id}`, b = `Typing-${id}`;
  const text = longText(60, 'Streamed');
  // Held after 240 characters until the typing is done, so the typing always happens while it streams.
  const match = `Write section 1: "${a}"`;
  await rule(request, { match, text, chunkSize: 8, delayMs: 5, holdAfterChunks: 30 });
  await docWith(page, `Doc-${id}`, [a, b]);
  await sectionRegion(page, a).getByRole('button', { name: 'Generate section' }).click();
  await expect(sectionEditor(sectionRegion(page, a))).toContainText('number 2 ');
  const other = sectionEditor(sectionRegion(page, b));
  await other.click();
  await page.keyboard.type('Typed while the other section streams.');
  await expect(other).toHaveText('Typed while the other section streams.');
  await expect(sectionRegion(page, a).getByRole('button', { name: 'Stop' })).toBeVisible();
  await release(request, match);
  await expect(sectionRegion(page, a).getByRole('button', { name: 'Generate section' })).toBeVisible({ timeout: 90_000 });
  await expectSaved(page);
  await page.reload();
  await expect(sectionEditor(sectionRegion(page, b))).toHaveText('Typed while the other section streams.');
  await expect(sectionEditor(sectionRegion(page, a))).toHaveText(text);
});

test('reload mid-stream shows the partial text, marked interrupted, with Continue', async ({ page, request }) => {
  const id = uid();
  const title = `Crash-${id}`;
  const text = longText(200, 'Persisted');
  // Held after 360 characters (past sentence 4) and never released: the reload always comes mid-stream.
  await rule(request, { match: `Write section 1: "${title}"`, text, chunkSize: 6, delayMs: 5, holdAfterChunks: 60 });
  await docWith(page, `Doc-${id}`, [title]);
  const region = sectionRegion(page, title);
  await region.getByRole('button', { name: 'Generate section' }).click();
  // The streamed text reaches storage as it arrives (debounced): wait until IndexedDB holds the fourth sentence
  // and the section is marked as streaming there, then reload as a crash would.
  const sentence = 'Persisted sentence number 4 goes on a little.';
  await expect.poll(async () => {
    const sections = await readStore<{ id: string; title: string; streaming?: unknown }>(page, 'sections');
    const mine = sections.find((s) => s.title === title && s.streaming);
    if (!mine) return false;
    const contents = await readStore<{ id: string }>(page, 'contents');
    return JSON.stringify(contents.find((c) => c.id === mine.id) ?? null).includes(sentence);
  }, { timeout: 90_000 }).toBe(true);
  await page.reload();
  const after = sectionRegion(page, title);
  await expect(after.getByText(/Interrupted/)).toBeVisible();
  await expect(sectionEditor(after)).toContainText(sentence);
  const kept = (await sectionEditor(after).innerText()).trim();
  expect(text.startsWith(kept)).toBe(true);
  await expect(after.getByRole('button', { name: 'Continue' })).toBeVisible();
});

test('Write all in parallel 3 over 6 sections completes', async ({ page, request }) => {
  const id = uid();
  const title = `All-${id}`;
  const names = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'].map((n) => `${n}-${id}`);
  const plan = { sections: names.map((n) => ({ title: n, brief: `Brief of ${n}.`, words: 100 })) };
  await rule(request, { match: `Document title: ${title}`, text: JSON.stringify(plan) });
  await rule(request, { match: `# Document: "${title}"`, text: longText(10, 'Written'), chunkSize: 10, delayMs: 20 });
  await openApp(page);
  await newDocument(page, title);
  await page.getByRole('spinbutton', { name: 'Document target words' }).fill('600');
  await page.getByRole('button', { name: 'Plan outline' }).click();
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(6);
  await page.getByRole('combobox', { name: 'Write-all mode' }).selectOption('parallel');
  await expect(page.getByRole('spinbutton', { name: 'Parallel limit' })).toHaveValue('3');
  await page.getByRole('button', { name: 'Write all' }).click();
  const progress = page.getByRole('progressbar', { name: 'Write-all progress' });
  await expect(progress).toBeVisible();
  await expect(page.locator('.write-all-text')).toContainText('6 of 6 sections done', { timeout: 120_000 });
  for (const n of names) await expect(sectionEditor(sectionRegion(page, n))).toContainText('Written sentence number 10');
  // Never more than three at once: the fourth request starts only after one of the first three ended.
  const writes = (await recorded(request, `# Document: "${title}"`)).filter((r) => r.text.includes('Longhand task: write'));
  expect(writes).toHaveLength(6);
  const starts = writes.map((w) => w.at).sort((x, y) => x - y);
  expect(starts[3]! - starts[0]!).toBeGreaterThan(100);
  await expect(page.getByRole('region', { name: 'Outline' }).locator('[data-gen-state="done"]')).toHaveCount(6);
});

test('takes: each generation is kept and the writer can switch between them and back', async ({ page, request }) => {
  const id = uid();
  const title = `Takes-${id}`;
  await docWith(page, `Doc-${id}`, [title]);
  const region = sectionRegion(page, title);
  const editor = sectionEditor(region);
  await rule(request, { match: `Write section 1: "${title}"`, text: 'First take text.' });
  await region.getByRole('button', { name: 'Generate section' }).click();
  await expect(editor).toHaveText('First take text.');
  await rule(request, { match: `Write section 1: "${title}"`, text: 'Second take text.' });
  await region.getByRole('button', { name: 'Generate section' }).click();
  await region.getByRole('group', { name: 'The section has text' }).getByRole('button', { name: 'Replace' }).click();
  await expect(editor).toHaveText('Second take text.');
  const takes = region.getByRole('list', { name: 'Takes' });
  await expect(takes.getByRole('listitem')).toHaveCount(2);
  await takes.getByRole('button', { name: /^Take 1:/ }).click();
  await expect(editor).toHaveText('First take text.');
  await expect(takes.getByRole('button', { name: /^Take 1:/ })).toHaveAttribute('aria-pressed', 'true');
  await takes.getByRole('button', { name: /^Take 2:/ }).click();
  await expect(editor).toHaveText('Second take text.');
});

test('Write all: a failed section does not stop the queue and can be retried', async ({ page, request }) => {
  const id = uid();
  const names = [`A-${id}`, `B-${id}`, `C-${id}`];
  await docWith(page, `Doc-${id}`, names);
  for (const [i, n] of names.entries()) await rule(request, { match: `Write section ${i + 1}: "${n}"`, text: `Body of ${n}.` });
  await request.post(`${FAKE}/__control/rules`, { data: { match: `Write section 2: "${names[1]}"`, text: `Body of ${names[1]}.`, fault: { kind: 'status', status: 400 }, faultTimes: 1 } });
  await page.getByRole('button', { name: 'Write all' }).click();
  await expect(page.locator('.write-all-text')).toContainText('2 of 3 sections done · 1 failed', { timeout: 90_000 });
  await expect(sectionEditor(sectionRegion(page, names[2]!))).toHaveText(`Body of ${names[2]}.`);
  await expect(page.getByRole('region', { name: 'Outline' }).locator('[data-gen-state="failed"]')).toHaveCount(1);
  await expect(sectionRegion(page, names[1]!).getByRole('alert')).toContainText('Generation failed');
  await page.getByRole('button', { name: 'Retry failed' }).click();
  await expect(page.locator('.write-all-text')).toContainText('3 of 3 sections done', { timeout: 90_000 });
  await expect(sectionEditor(sectionRegion(page, names[1]!))).toHaveText(`Body of ${names[1]}.`);
  // Sequential: the third section was written from the summary of the first (the second had failed then).
  const [third] = await recorded(request, `Write section 3: "${names[2]}"`);
  expect(third!.text).toContain(`## Summaries of the earlier sections\n1. "${names[0]}": `);
});

test('the demo writer runs the whole flow offline: plan, then Write all sequentially', async ({ page }) => {
  const id = uid();
  await openApp(page);
  await newDocument(page, `Demo-${id}`);
  await page.getByRole('combobox', { name: 'Model' }).selectOption({ label: 'Placeholder prose' });
  await page.getByRole('spinbutton', { name: 'Document target words' }).fill('600');
  await page.getByRole('textbox', { name: 'Document brief' }).fill('A demo document.');
  await page.getByRole('button', { name: 'Plan outline' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Planned \d+ sections/ })).toBeVisible({ timeout: 90_000 });
  const count = await page.getByRole('region', { name: 'Outline' }).getByRole('listitem').count();
  expect(count).toBeGreaterThanOrEqual(2);
  await page.getByRole('button', { name: 'Write all' }).click();
  await expect(page.locator('.write-all-text')).toContainText(`${count} of ${count} sections done`, { timeout: 120_000 });
  await expect(page.getByRole('main').getByRole('textbox', { name: 'Section summary' })).toHaveCount(count);
  await expect(page.getByRole('main').getByRole('textbox', { name: 'Section text' }).first()).toContainText('placeholder prose');
});

test('Write all: pause lets the running section finish, resume goes on, cancel stops and keeps partial text', async ({ page, request }) => {
  const id = uid();
  const names = [`P1-${id}`, `P2-${id}`, `P3-${id}`];
  await docWith(page, `Doc-${id}`, names);
  // Section 1 is held mid-stream until Pause has been pressed, so Pause always lands while it runs; section 2 is
  // held mid-stream for good, so Cancel always lands while it runs.
  const first = `Write section 1: "${names[0]}"`;
  await rule(request, { match: first, text: longText(60, 'First'), chunkSize: 6, delayMs: 5, holdAfterChunks: 30 });
  await rule(request, { match: `Write section 2: "${names[1]}"`, text: longText(200, 'Second'), chunkSize: 6, delayMs: 5, holdAfterChunks: 30 });
  await rule(request, { match: `Write section 3: "${names[2]}"`, text: 'Never written.' });
  await page.getByRole('button', { name: 'Write all' }).click();
  await expect(sectionRegion(page, names[0]!).getByRole('button', { name: 'Stop' })).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.locator('.write-all-text')).toContainText('0 of 3 sections done · paused');
  await release(request, first);
  await expect(page.locator('.write-all-text')).toContainText('1 of 3 sections done · paused', { timeout: 90_000 });
  // Paused means the next section was never asked for: the upstream saw no request for it and its text is empty.
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  expect(await recorded(request, `Write section 2: "${names[1]}"`)).toHaveLength(0);
  await expect(sectionEditor(sectionRegion(page, names[1]!))).toHaveText('');
  await page.getByRole('button', { name: 'Resume' }).click();
  const second = sectionEditor(sectionRegion(page, names[1]!));
  await expect(second).toContainText('Second sentence number 3 ');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.write-all-text')).toContainText('cancelled');
  const kept = (await second.innerText()).trim();
  expect(kept.length).toBeGreaterThan(20);
  expect(longText(200, 'Second').startsWith(kept)).toBe(true);
  await expect(sectionEditor(sectionRegion(page, names[2]!))).toHaveText('');
  expect(await recorded(request, `Write section 3: "${names[2]}"`)).toHaveLength(0);
});
