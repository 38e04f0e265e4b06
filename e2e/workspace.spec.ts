// The manuscript workspace end to end: documents, outline, section editors, counts, persistence, Markdown,
// two tabs, failed writes, damaged records and flushing when the page is hidden.
import { expect, test, type Page } from '@playwright/test';
import { countWords } from '../src/core/wordCount';
import { SAVE_DEBOUNCE_MS } from '../src/app/saveTiming';
import {
  addSection, documentCount, expectSaved, exportMarkdownText, importMarkdownText, newDocument, openApp, prideToMarkdown,
  readCorpus, readStore, sectionCount, sectionEditor, sectionRegion, typeInSection, writeStore,
} from './support/app';

// Heavy steps (a 120k-word import, reloads) on a shared 2-core machine need more than the default minute.
test.describe.configure({ timeout: 120_000 });

const outlineTitles = (page: Page) => page.getByRole('region', { name: 'Outline' }).getByRole('listitem').locator('.outline-title');
const manuscriptTitles = (page: Page) => page.getByRole('main').getByRole('textbox', { name: 'Section title' })
  .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));

async function threeSections(page: Page): Promise<void> {
  await openApp(page);
  await newDocument(page, 'Three parts');
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Alpha');
  await addSection(page, 'Beta');
  await addSection(page, 'Gamma');
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(3);
}

test('three sections: typing updates section and document counts, and a reload restores everything', async ({ page }) => {
  await threeSections(page);
  const alpha = sectionRegion(page, 'Alpha');
  const gamma = sectionRegion(page, 'Gamma');
  await alpha.getByRole('spinbutton', { name: 'Target words' }).fill('1500');
  await gamma.getByRole('spinbutton', { name: 'Target words' }).fill('20');
  await alpha.getByRole('textbox', { name: 'Section brief' }).fill('The opening beats.');
  await page.getByRole('spinbutton', { name: 'Document target words' }).fill('12000');
  await page.getByRole('textbox', { name: 'Document brief' }).fill('A short test about counting.');

  await typeInSection(page, alpha, 'One two three four five.');
  await typeInSection(page, gamma, 'Well-known words, don\'t they count 1,000 times?');
  await expect(alpha.getByLabel('Section word count')).toHaveText('5 / 1,500 words');
  await expect(gamma.getByLabel('Section word count')).toHaveText('7 / 20 words');
  await expect(sectionRegion(page, 'Beta').getByLabel('Section word count')).toHaveText('0 words');
  await expect(page.getByLabel('Document word count')).toHaveText('12 / 12,000 words');
  // Status follows the first words typed.
  await expect(alpha.getByRole('combobox', { name: 'Section status' })).toHaveValue('draft');
  await expect(sectionRegion(page, 'Beta').getByRole('combobox', { name: 'Section status' })).toHaveValue('empty');

  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveValue('Three parts');
  await expect(page.getByRole('textbox', { name: 'Document brief' })).toHaveValue('A short test about counting.');
  await expect(page.getByRole('spinbutton', { name: 'Document target words' })).toHaveValue('12000');
  await expect.poll(() => manuscriptTitles(page)).toEqual(['Alpha', 'Beta', 'Gamma']);
  await expect(sectionEditor(sectionRegion(page, 'Alpha'))).toHaveText('One two three four five.');
  await expect(sectionEditor(sectionRegion(page, 'Gamma'))).toHaveText('Well-known words, don\'t they count 1,000 times?');
  await expect(sectionRegion(page, 'Alpha').getByRole('textbox', { name: 'Section brief' })).toHaveValue('The opening beats.');
  await expect(sectionRegion(page, 'Alpha').getByLabel('Section word count')).toHaveText('5 / 1,500 words');
  await expect(page.getByLabel('Document word count')).toHaveText('12 / 12,000 words');
});

test('outline: reorder by keyboard and buttons, delete with undo, jump to a section', async ({ page }) => {
  await threeSections(page);
  await typeInSection(page, sectionRegion(page, 'Beta'), 'Beta text stays with Beta.');
  const outline = page.getByRole('region', { name: 'Outline' });

  // Keyboard: Alt+ArrowUp on an outline entry moves it and keeps focus on it.
  await outline.getByRole('button', { name: /^Gamma/ }).first().focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(outlineTitles(page)).toHaveText(['Alpha', 'Gamma', 'Beta']);
  await page.keyboard.press('Alt+ArrowUp');
  await expect(outlineTitles(page)).toHaveText(['Gamma', 'Alpha', 'Beta']);
  await expect.poll(() => manuscriptTitles(page)).toEqual(['Gamma', 'Alpha', 'Beta']);

  // Buttons.
  await outline.getByRole('button', { name: 'Move Gamma down' }).click();
  await expect(outlineTitles(page)).toHaveText(['Alpha', 'Gamma', 'Beta']);
  await outline.getByRole('button', { name: 'Move Beta up' }).click();
  await expect(outlineTitles(page)).toHaveText(['Alpha', 'Beta', 'Gamma']);

  // Delete, then Undo brings the section back in place with its text.
  await outline.getByRole('button', { name: 'Delete Beta' }).click();
  await expect(outlineTitles(page)).toHaveText(['Alpha', 'Gamma']);
  await expect(sectionRegion(page, 'Beta')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(outlineTitles(page)).toHaveText(['Alpha', 'Beta', 'Gamma']);
  await expect(sectionEditor(sectionRegion(page, 'Beta'))).toHaveText('Beta text stays with Beta.');

  // A delete that is not undone stays deleted after reload; the order persists.
  await outline.getByRole('button', { name: 'Move Gamma up' }).click();
  await outline.getByRole('button', { name: 'Delete Alpha' }).click();
  await expect(outlineTitles(page)).toHaveText(['Gamma', 'Beta']);
  await expectSaved(page);
  await page.reload();
  await expect(outlineTitles(page)).toHaveText(['Gamma', 'Beta']);
  await expect(sectionEditor(sectionRegion(page, 'Beta'))).toHaveText('Beta text stays with Beta.');

  // Jump: clicking an outline entry focuses that section's editor.
  await outline.getByRole('button', { name: /^Gamma/ }).first().click();
  await expect(sectionEditor(sectionRegion(page, 'Gamma'))).toBeFocused();

  // Drag: Beta's entry dropped on Gamma's takes its place.
  await outline.getByRole('listitem').filter({ hasText: 'Beta' }).dragTo(outline.getByRole('listitem').filter({ hasText: 'Gamma' }));
  await expect(outlineTitles(page)).toHaveText(['Beta', 'Gamma']);
  await expect.poll(() => manuscriptTitles(page)).toEqual(['Beta', 'Gamma']);

  // Split the document target: equally, then in proportion to the current targets.
  await page.getByRole('spinbutton', { name: 'Document target words' }).fill('1000');
  await outline.getByRole('combobox', { name: 'Split mode' }).selectOption('equal');
  await outline.getByRole('button', { name: 'Split target' }).click();
  await expect(sectionRegion(page, 'Beta').getByRole('spinbutton', { name: 'Target words' })).toHaveValue('500');
  await expect(sectionRegion(page, 'Gamma').getByRole('spinbutton', { name: 'Target words' })).toHaveValue('500');
  await sectionRegion(page, 'Beta').getByRole('spinbutton', { name: 'Target words' }).fill('300');
  await sectionRegion(page, 'Gamma').getByRole('spinbutton', { name: 'Target words' }).fill('100');
  await page.getByRole('spinbutton', { name: 'Document target words' }).fill('2000');
  await outline.getByRole('combobox', { name: 'Split mode' }).selectOption('proportional');
  await outline.getByRole('button', { name: 'Split target' }).click();
  await expect(sectionRegion(page, 'Beta').getByRole('spinbutton', { name: 'Target words' })).toHaveValue('1500');
  await expect(sectionRegion(page, 'Gamma').getByRole('spinbutton', { name: 'Target words' })).toHaveValue('500');
  await expect(sectionRegion(page, 'Beta').getByLabel('Section word count')).toHaveText('5 / 1,500 words');
  await expect(page.getByLabel('Document word count')).toHaveText('5 / 2,000 words');
});

test('library: create, open, rename, delete with undo; the last opened document reopens', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'First book');
  await typeInSection(page, sectionRegion(page, 'Untitled section'), 'Three little words.');
  await newDocument(page, 'Second book');
  const library = page.getByRole('region', { name: 'Documents' });
  await expect(library.getByRole('button', { name: 'Open First book' })).toContainText('3 words');
  await expect(library.getByRole('button', { name: 'Open First book' })).toContainText(/just now|min ago/);

  await library.getByRole('button', { name: 'Open First book' }).click();
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveValue('First book');
  await expect(sectionEditor(sectionRegion(page, 'Untitled section'))).toHaveText('Three little words.');

  await library.getByRole('button', { name: 'Rename document Second book' }).click();
  const rename = library.getByRole('textbox', { name: 'Rename Second book' });
  await rename.fill('Renamed book');
  await rename.press('Enter');
  await expect(library.getByRole('button', { name: 'Open Renamed book' })).toBeVisible();

  await library.getByRole('button', { name: 'Delete document Renamed book' }).click();
  await expect(library.getByRole('button', { name: 'Open Renamed book' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(library.getByRole('button', { name: 'Open Renamed book' })).toBeVisible();
  await library.getByRole('button', { name: 'Delete document Renamed book' }).click();
  await expect(library.getByRole('button', { name: 'Open Renamed book' })).toHaveCount(0);

  // First book was opened last (the undo reopened Renamed book, which is gone now): reopen picks a live one.
  await library.getByRole('button', { name: 'Open First book' }).click();
  await expectSaved(page);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveValue('First book');
  await expect(library.getByRole('button', { name: /^Open / })).toHaveCount(1);
});

test('import Pride and Prejudice: 60 sections, total within 0.5% of the core counter; export and re-import are identical', async ({ page }) => {
  test.setTimeout(180_000);
  const source = readCorpus('pride-and-prejudice.txt');
  const markdown = prideToMarkdown(source);
  expect(markdown.match(/^## /gm)).toHaveLength(59);
  await openApp(page);
  await importMarkdownText(page, 'pride-and-prejudice.md', markdown);
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(60);
  await expect(outlineTitles(page).first()).toHaveText('Untitled section');
  await expect(outlineTitles(page).nth(1)).toHaveText('Chapter 3');
  await expect(outlineTitles(page).last()).toHaveText('Chapter 61');
  // The untitled first section holds chapters 1–2 (nothing before the first heading is dropped).
  await expect(sectionEditor(sectionRegion(page, 'Untitled section'))).toContainText('It is a truth universally acknowledged');

  const expected = countWords(source);
  const { count } = await documentCount(page);
  expect(Math.abs(count - expected) / expected).toBeLessThan(0.005);
  await expect(page.getByRole('button', { name: 'Open pride-and-prejudice' })).toContainText(count.toLocaleString('en-US'));

  const first = await exportMarkdownText(page);
  expect(first.name).toBe('pride-and-prejudice.md');
  expect(first.text.match(/^## /gm)).toHaveLength(59);
  await page.getByRole('textbox', { name: 'Document title' }).fill('Round trip');
  await importMarkdownText(page, 'round-trip.md', first.text);
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveValue('pride-and-prejudice');
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(60);
  expect((await documentCount(page)).count).toBe(count);
  const second = await exportMarkdownText(page);
  expect(second.text).toBe(first.text);

  // A far-off chapter (not mounted on open) mounts when jumped to, takes typing, and its count follows.
  const last = sectionRegion(page, 'Chapter 61');
  await page.getByRole('region', { name: 'Outline' }).getByRole('button', { name: /^Chapter 61/ }).click();
  await expect(sectionEditor(last)).toBeFocused();
  const before = await sectionCount(last);
  await page.keyboard.type('Two more ');
  await expect(last.getByLabel('Section word count')).toHaveText(`${(before.count + 2).toLocaleString('en-US')} words`);
  await expect(page.getByLabel('Document word count')).toHaveText(`${(count + 2).toLocaleString('en-US')} words`);
});

test('two tabs on one document: the newer tab edits, the older says it is read-only, neither overwrites the other', async ({ page, context }) => {
  await openApp(page);
  await newDocument(page, 'Shared');
  const a = sectionRegion(page, 'Untitled section');
  await typeInSection(page, a, 'Typed in the first tab.');

  const second = await context.newPage();
  await openApp(second);
  await expect(second.getByRole('textbox', { name: 'Document title' })).toHaveValue('Shared');
  // The first tab hands over: it says so and stops editing.
  await expect(page.getByRole('alert').filter({ hasText: 'open for editing in another tab' })).toBeVisible();
  await expect(sectionEditor(a)).toHaveAttribute('contenteditable', 'false');
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveAttribute('readonly', '');
  // Whatever the first tab typed reached the second.
  const b = sectionRegion(second, 'Untitled section');
  await expect(sectionEditor(b)).toHaveText('Typed in the first tab.');
  await typeInSection(second, b, ' And then in the second.');
  await expectSaved(second);

  // Taking over in the first tab loads what the second saved and makes the second read-only.
  await page.getByRole('button', { name: 'Edit here' }).click();
  await expect(sectionEditor(a)).toHaveText('Typed in the first tab. And then in the second.');
  await expect(second.getByRole('alert').filter({ hasText: 'open for editing in another tab' })).toBeVisible();
  await expect(sectionEditor(b)).toHaveAttribute('contenteditable', 'false');
  await typeInSection(page, a, ' Last word.');
  await expectSaved(page);
  await second.reload();
  await expect(sectionEditor(sectionRegion(second, 'Untitled section'))).toHaveText('Typed in the first tab. And then in the second. Last word.');
});

test('a failed write shows a visible error and keeps retrying until it succeeds', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Fragile');
  // Every IndexedDB write fails as if the disk were full, until the test lets them through.
  await page.evaluate(() => {
    const w = window as unknown as { failWrites: boolean; failedWrites: number };
    w.failWrites = true;
    w.failedWrites = 0;
    for (const m of ['put', 'add'] as const) {
      const orig = IDBObjectStore.prototype[m];
      IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...args: Parameters<typeof orig>) {
        if (w.failWrites) { w.failedWrites++; throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); }
        return orig.apply(this, args);
      } as typeof orig;
    }
  });
  await typeInSection(page, sectionRegion(page, 'Untitled section'), 'Do not lose me.');
  const status = page.getByRole('status', { name: 'Save status' });
  await expect(status).toContainText('Not saved: Storage is full');
  await expect(status).toContainText('Retrying in');
  // It retries on its own (backoff: 1 s, 2 s, …).
  const attempts = () => page.evaluate(() => (window as unknown as { failedWrites: number }).failedWrites);
  const firstAttempts = await attempts();
  await expect.poll(attempts, { timeout: 90_000 }).toBeGreaterThan(firstAttempts);
  await expect(status).toContainText('Not saved');
  await page.evaluate(() => { (window as unknown as { failWrites: boolean }).failWrites = false; });
  await expect(status).toHaveText('All changes saved', { timeout: 120_000 });
  await page.reload();
  await expect(sectionEditor(sectionRegion(page, 'Untitled section'))).toHaveText('Do not lose me.');
});

test('damaged records do not stop the rest from loading', async ({ page }) => {
  await threeSections(page);
  await typeInSection(page, sectionRegion(page, 'Alpha'), 'Alpha survives.');
  await typeInSection(page, sectionRegion(page, 'Gamma'), 'Gamma survives.');
  await expectSaved(page);
  const docs = await readStore<{ id: string; title: string; sectionIds: string[] }>(page, 'documents');
  const doc = docs.find((d) => d.title === 'Three parts')!;
  const sections = await readStore<{ id: string; title: string }>(page, 'sections');
  const beta = sections.find((s) => s.title === 'Beta')!;
  await writeStore(page, 'documents', [{ id: 'd_broken', title: 17, sectionIds: 'not a list' }]);
  await writeStore(page, 'contents', [{ id: beta.id, docId: doc.id, doc: { type: 'doc', content: [{ type: 'noSuchNode', text: 5 }] }, updatedAt: 'x' }]);
  await writeStore(page, 'sections', [
    { id: 's_mangled', docId: doc.id, title: 42, status: 'weird', targetWords: 'many' },
  ]);
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveValue('Three parts');
  await expect(sectionEditor(sectionRegion(page, 'Alpha'))).toHaveText('Alpha survives.');
  await expect(sectionEditor(sectionRegion(page, 'Gamma'))).toHaveText('Gamma survives.');
  await expect(sectionRegion(page, 'Beta')).toBeVisible();
  // The mangled section record is repaired with defaults rather than dropped (its id is kept).
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(4);
  await expect(page.getByRole('region', { name: 'Documents' }).getByRole('button', { name: /^Open / })).toHaveCount(1);
});

/** Holds back the save debounce timer (the app's own constant) and counts the timers held in
 *  `window.__heldSaveTimers`: only a flush (page hidden, page going) can then write what is pending. */
async function holdSaveDebounce(page: Page): Promise<void> {
  await page.evaluate((debounceMs) => {
    const w = window as typeof window & { __heldSaveTimers?: number };
    w.__heldSaveTimers = 0;
    const realSetTimeout = window.setTimeout;
    window.setTimeout = ((fn: () => void, ms?: number, ...rest: unknown[]) => {
      // A truthy id: the saver treats a falsy one as "no timer yet" and would schedule again.
      if (ms === debounceMs) { w.__heldSaveTimers! += 1; return -1; }
      return realSetTimeout(fn, ms, ...rest);
    }) as typeof window.setTimeout;
  }, SAVE_DEBOUNCE_MS);
}

test('pending text is written as soon as the page is hidden, without waiting for the debounce', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Hidden');
  await expect(sectionEditor(sectionRegion(page, 'Untitled section'))).toBeVisible();
  await expectSaved(page);
  await holdSaveDebounce(page);
  const held = await page.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor: { commands: { insertContent(t: string): void } } };
    el.editor.commands.insertContent('Written on hide.');
    const heldBeforeHide = (window as typeof window & { __heldSaveTimers: number }).__heldSaveTimers;
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
    return heldBeforeHide;
  });
  // The edit did schedule the debounce and it was held: if the app stopped using SAVE_DEBOUNCE_MS for it, the
  // test would otherwise pass for the wrong reason.
  expect(held).toBeGreaterThanOrEqual(1);
  await expect.poll(async () => JSON.stringify(await readStore(page, 'contents')).includes('Written on hide.'),
    { timeout: 120_000 }).toBe(true);
});

test('text, a brief and the document brief edited just before a reload are all kept', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Last second');
  const region = sectionRegion(page, 'Untitled section');
  await expect(sectionEditor(region)).toBeVisible();
  await expectSaved(page);
  // Only the flush when the page goes can write these.
  await holdSaveDebounce(page);
  await typeInSection(page, region, 'Typed at the last second.');
  await region.getByRole('textbox', { name: 'Section brief' }).fill('A brief set at the last second.');
  await page.getByRole('textbox', { name: 'Document brief' }).fill('A document brief set at the last second.');
  expect(await page.evaluate(() => (window as typeof window & { __heldSaveTimers: number }).__heldSaveTimers)).toBeGreaterThanOrEqual(1);
  // Several records wait for one flush on pagehide: every write must start before the page goes, not only the first,
  // and commit without waiting for the page to hear back.
  await page.reload();
  const again = sectionRegion(page, 'Untitled section');
  await expect(sectionEditor(again)).toHaveText('Typed at the last second.');
  await expect(again.getByRole('textbox', { name: 'Section brief' })).toHaveValue('A brief set at the last second.');
  await expect(page.getByRole('textbox', { name: 'Document brief' })).toHaveValue('A document brief set at the last second.');
});

// linkify (which finds URLs in text) loads after the page's first load (src/editor/linkifyLazy.ts): a URL typed
// or pasted into a section still becomes a link, and one with another scheme still does not.
test('a typed or pasted web address becomes a link', async ({ page }) => {
  await openApp(page);
  await newDocument(page, 'Links');
  const region = sectionRegion(page, 'Untitled section');
  await typeInSection(page, region, 'See https://example.com/typed and more');
  await expect(sectionEditor(region).getByRole('link', { name: 'https://example.com/typed' })).toHaveAttribute('href', 'https://example.com/typed');
  await page.keyboard.press('Enter');
  await sectionEditor(region).evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'Pasted https://example.org/pasted here');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(sectionEditor(region).getByRole('link', { name: 'https://example.org/pasted' })).toHaveAttribute('href', 'https://example.org/pasted');
  await expect(sectionEditor(region).getByRole('link')).toHaveCount(2);
});
