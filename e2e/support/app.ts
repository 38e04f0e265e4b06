// Shared e2e helpers: open the app, make documents and sections, read counts, move Markdown in and out, and
// the corpus conversions the workspace tests and the bench use. Every helper finds elements by role and name.
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page } from '@playwright/test';
import { readCorpusText } from '../../bench/corpus';

const root = fileURLToPath(new URL('../../', import.meta.url));

export { mobyToMarkdown, prideToMarkdown } from '../../bench/corpus';

/** A corpus text with normalised line ends (from ../shared/corpus, or LONGHAND_CORPUS). */
export function readCorpus(name: string): string {
  return readCorpusText(root, name);
}

/** Opens the app and waits until it has finished starting (library loaded, last document reopened). */
export async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'New document' })).toBeVisible();
}

/** Creates a document through the UI and waits until it is open (one untitled section). */
export async function newDocument(page: Page, title?: string): Promise<void> {
  const before = await page.getByRole('button', { name: /^Open / }).count();
  await page.getByRole('button', { name: 'New document' }).click();
  await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(before + 1);
  if (title !== undefined) {
    await page.getByRole('textbox', { name: 'Document title' }).fill(title);
    await expect(page.getByRole('button', { name: `Open ${title}` })).toBeVisible();
  }
}

/** The manuscript region of a section, by its title (untitled sections are "Untitled section"). */
export function sectionRegion(page: Page, title: string | RegExp): Locator {
  return page.getByRole('main').getByRole('region', { name: title, exact: typeof title === 'string' });
}

export function sectionEditor(region: Locator): Locator {
  return region.getByRole('textbox', { name: 'Section text' });
}

/** Adds a section at the end of the outline and gives it a title. */
export async function addSection(page: Page, title: string): Promise<Locator> {
  await page.getByRole('button', { name: 'Add section' }).click();
  const untitled = sectionRegion(page, 'Untitled section').last();
  await untitled.getByRole('textbox', { name: 'Section title' }).fill(title);
  return sectionRegion(page, title);
}

/** Clicks into a section's editor, moves to its end and types. */
export async function typeInSection(page: Page, region: Locator, text: string): Promise<void> {
  const editor = sectionEditor(region);
  await editor.click();
  // In a long book the click may land on a not-yet-mounted section's placeholder: wait for the real editor.
  await expect(editor.and(page.locator('.ProseMirror'))).toBeFocused();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

/** Parses "12,345 / 1,000 words" into numbers. */
/** "1,234 / 2,000 words", or "1,234 words" with no target (target 0). */
export function parseCount(text: string): { count: number; target: number } {
  const m = /^\s*([\d,]+)(?: \/ ([\d,]+))? words\s*$/.exec(text);
  if (!m) throw new Error(`Not a count label: "${text}"`);
  return { count: Number(m[1]!.replace(/,/g, '')), target: Number((m[2] ?? '0').replace(/,/g, '')) };
}

export async function documentCount(page: Page): Promise<{ count: number; target: number }> {
  return parseCount(await page.getByLabel('Document word count').innerText());
}

/** A section's count label. Read as text content, not innerText: a section being written is
 * `content-visibility: auto`, and until Chromium's next rendering update has found it on screen, innerText of
 * anything inside it is "" (layout is skipped), which once failed a poll under load in CI. */
export async function sectionCount(region: Locator): Promise<{ count: number; target: number }> {
  return parseCount((await region.getByLabel('Section word count').textContent()) ?? '');
}

/** Imports Markdown text through the file input and waits until the new document is open. */
export async function importMarkdownText(page: Page, name: string, markdown: string): Promise<void> {
  // The same rule as import: a leading "# Title" over deeper headings names the document, else the file does.
  const m = /^\s*# +(.+?)[ #]*\n/.exec(`${markdown}\n`);
  const expected = m && /^#{2,} /m.test(markdown) ? m[1]!.trim() : name.replace(/\.(md|markdown|txt)$/i, '');
  const docsBefore = await page.getByRole('button', { name: /^Open / }).count();
  await page.getByLabel('Import Markdown').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(markdown, 'utf8') });
  await expect(page.getByRole('button', { name: /^Open / })).toHaveCount(docsBefore + 1, { timeout: 60_000 });
  await expect(page.getByRole('textbox', { name: 'Document title' })).toHaveValue(expected, { timeout: 60_000 });
}

/** Clicks "Export Markdown" and returns the downloaded file's name and text. */
export async function exportMarkdownText(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export', exact: true }).click().then(() => page.getByRole('menuitem', { name: 'Export Markdown' }).click()),
  ]);
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

/** Reads a raw IndexedDB store of the app (for checks that must see what is stored, not what is shown). */
export async function readStore<T = unknown>(page: Page, store: string): Promise<T[]> {
  return page.evaluate((name) => new Promise<unknown[]>((resolve, reject) => {
    const open = indexedDB.open('longhand');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(name, 'readonly');
      const req = tx.objectStore(name).getAll();
      req.onsuccess = () => { resolve(req.result); open.result.close(); };
      req.onerror = () => reject(req.error);
    };
  }), store) as Promise<T[]>;
}

/** Writes raw records into an app store (e.g. to plant a corrupted record). */
export async function writeStore(page: Page, store: string, records: unknown[]): Promise<void> {
  await page.evaluate(({ name, rows }) => new Promise<void>((resolve, reject) => {
    const open = indexedDB.open('longhand');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(name, 'readwrite');
      for (const r of rows) tx.objectStore(name).put(r);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), { name: store, rows: records });
}

/** Waits until every change is written (the save status says so). */
export async function expectSaved(page: Page): Promise<void> {
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved', { timeout: 120_000 });
}
