// Import/export (issue 12) and hostile HTML (issue 15, part 3) end to end: plain-text books through the preview,
// Word export → Word import, an HTML file full of XSS payloads, and every Export menu item downloading a file.
import { expect, test, type Page, type Download } from '@playwright/test';
import { statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { countWords } from '../src/core/wordCount';
import { XSS_HTML } from '../src/features/interchange/xssPayloads';
import { openApp, readCorpus, readStore } from './support/app';
import { corpusFile } from '../bench/corpus';

test.describe.configure({ timeout: 180_000 });

const root = fileURLToPath(new URL('../', import.meta.url));

const outlineTitles = (page: Page) => page.getByRole('region', { name: 'Outline' }).getByRole('listitem').locator('.outline-title')
  .evaluateAll((els) => els.map((e) => ((e as HTMLInputElement).value ?? e.textContent ?? '').trim()));
const HEADING = /^(CHAPTER \d+\..*|ETYMOLOGY\.|EXTRACTS \(.*|Epilogue)$/;

/** A file by contents, or (a path alone) a file on disk chosen as a file chooser would. */
async function importFile(page: Page, name: string, mimeType?: string, buffer?: Buffer) {
  await page.getByLabel('Import file').setInputFiles(buffer ? { name, mimeType: mimeType!, buffer } : name);
  const dialog = page.getByRole('dialog', { name: 'Import preview' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function bytesOf(d: Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await d.createReadStream()) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function exportVia(page: Page, item: string): Promise<{ name: string; bytes: Buffer }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: item }).click()]);
  return { name: download.suggestedFilename(), bytes: await bytesOf(download) };
}

// The first 3,000 lines of Moby-Dick: Etymology, Extracts and the first chapters, with CRLF line ends as shipped.
const moby = readCorpus('moby-dick.txt');
const slice = moby.split('\n').slice(0, 3000).join('\n');
const sliceTitles = slice.split('\n').filter((l) => HEADING.test(l));

test('a plain-text book: preview, import, one section per chapter with the right titles and counts; Word round trip', async ({ page }) => {
  await openApp(page);
  const dialog = await importFile(page, 'moby-slice.txt', 'text/plain', Buffer.from(slice.replace(/\n/g, '\r\n'), 'utf8'));
  await expect(dialog.getByRole('combobox', { name: 'Split into sections at' })).toHaveValue('chapter');
  await expect(dialog.getByRole('status')).toContainText(`${sliceTitles.length} sections`);
  await expect(dialog.getByRole('listitem').first()).toContainText('ETYMOLOGY.');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Outline' }).getByRole('listitem')).toHaveCount(sliceTitles.length);
  expect(await outlineTitles(page)).toEqual(sliceTitles);
  const reference = countWords(slice.split('\n').filter((l) => !HEADING.test(l)).join('\n'));
  const stored = (await readStore<{ docId: string; wordCount: number; title: string }>(page, 'sections'));
  const docs = await readStore<{ id: string; title: string }>(page, 'documents');
  const docId = docs.find((d) => d.title === 'moby-slice')!.id;
  const total = stored.filter((s) => s.docId === docId).reduce((n, s) => n + s.wordCount, 0);
  expect(Math.abs(total - reference) / reference).toBeLessThan(0.005);

  // Word export → Word import: same section titles and text.
  const word = await exportVia(page, 'Word (.docx)');
  expect(word.name).toBe('moby-slice.docx');
  const { value: html } = await mammoth.convertToHtml({ buffer: word.bytes });
  expect(html.match(/<h1>/g)).toHaveLength(sliceTitles.length);
  const back = await importFile(page, 'moby-slice.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', word.bytes);
  await expect(back.getByRole('combobox', { name: 'Split into sections at' })).toHaveValue('1');
  await expect(back.getByRole('status')).toContainText(`${sliceTitles.length} sections`);
  await back.getByRole('button', { name: 'Import' }).click();
  await expect(back).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open moby-slice' })).toHaveCount(2);
  expect(await outlineTitles(page)).toEqual(sliceTitles);
  const all = await readStore<{ docId: string; wordCount: number }>(page, 'sections');
  const docs2 = await readStore<{ id: string; title: string; createdAt: number }>(page, 'documents');
  const newest = docs2.filter((d) => d.title === 'moby-slice').sort((a, b) => b.createdAt - a.createdAt)[0]!.id;
  const total2 = all.filter((s) => s.docId === newest).reduce((n, s) => n + s.wordCount, 0);
  expect(Math.abs(total2 - total) / total).toBeLessThan(0.005);
});

interface PreviewTiming { change?: number; dom?: number; painted?: number; tasks: Array<[number, number]> }

/**
 * Chooses a file and times the preview on the user's path, from page-side timestamps (no polling granularity):
 * `change` is when the input hands the File to the page (what a user's pick in the file chooser does),
 * `dom` when the dialog is in the document, `painted` the frame after that. `call` is Playwright's
 * setInputFiles call, which first ships the bytes to the page over the protocol (test harness cost).
 */
async function timePreview(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await page.evaluate(() => {
    const w = window as unknown as { __previewTiming: PreviewTiming };
    const t: PreviewTiming = (w.__previewTiming = { tasks: [] });
    // Main-thread tasks over 50 ms (Long Tasks API), to see whether parsing blocks the page.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) t.tasks.push([performance.timeOrigin + e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
    document.addEventListener('change', () => { t.change ??= Date.now(); }, { capture: true, once: true });
    const obs = new MutationObserver(() => {
      if (!document.querySelector('[role="dialog"][aria-label="Import preview"]')) return;
      obs.disconnect();
      t.dom = Date.now();
      // The frame that shows the dialog: the rAF callback runs before that paint, the task after it once it is done.
      requestAnimationFrame(() => setTimeout(() => { t.painted = Date.now(); }, 0));
    });
    obs.observe(document.body, { childList: true, subtree: true });
  });
  const call = Date.now();
  await page.getByLabel('Import file').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: 'Import preview' });
  await expect(dialog).toBeVisible();
  const visible = Date.now();
  await page.waitForFunction(() => !!(window as unknown as { __previewTiming: PreviewTiming }).__previewTiming.painted);
  const t = await page.evaluate(() => (window as unknown as { __previewTiming: PreviewTiming }).__previewTiming);
  const during = t.tasks.filter(([start, d]) => start + d >= t.change! && start <= t.painted!).map(([, d]) => Math.round(d));
  return {
    /** The longest main-thread task between the change event and the painted dialog (0: none over 50 ms). */
    longestTaskMs: Math.max(0, ...during),
    dialog,
    /** change event → dialog painted: the user's path. */
    userMs: t.painted! - t.change!,
    domMs: t.dom! - t.change!,
    transferMs: t.change! - call,
    /** setInputFiles call → dialog painted, including the harness's file transfer. */
    totalMs: t.painted! - call,
    /** setInputFiles call → expect(...).toBeVisible() returned (includes its polling interval). */
    visibleMs: visible - call,
  };
}

test('the whole of Moby-Dick previews with 135 chapters plus Etymology, Extracts and Epilogue, in under a second on the user\'s path', async ({ page }) => {
  await openApp(page);
  // The file itself (1.24 MB, CRLF as shipped), chosen by path as a file chooser would: the page gets a File
  // backed by the disk, with no bytes shipped through the test protocol.
  const path = corpusFile(root, 'moby-dick.txt');
  const size = statSync(path).size;
  const m = await timePreview(page, path);
  const { dialog } = m;
  await expect(dialog.getByRole('status')).toContainText('138 sections');
  const inPage = Number(await dialog.getAttribute('data-preview-ms'));
  const line = `moby-dick.txt ${(size / 1e6).toFixed(2)} MB: file chosen (change event) → preview painted ${m.userMs} ms ` +
    `(dialog in the DOM ${m.domMs} ms, the app's own mark ${inPage} ms); setInputFiles call → painted ${m.totalMs} ms ` +
    `(${m.transferMs} ms before the change event); expect().toBeVisible() returned after ${m.visibleMs} ms; longest main-thread task ${m.longestTaskMs} ms; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`;
  test.info().annotations.push({ type: 'preview', description: line });
  console.log(line);
  // Generous bounds: shared CI machines are loaded. The goal is under a second; bench/REPORT.md has the figures.
  expect(m.userMs).toBeLessThan(5_000);
  expect(m.totalMs).toBeLessThan(5_000);
  // Chapter detection and counting run in a worker: the page itself never stalls on the book (parsing it on the
  // main thread was one ~60 ms task on a quiet machine and ~1 s on a loaded one). Rendering the list is small.
  expect(m.longestTaskMs).toBeLessThan(400);
  // Another split is asked of the same worker (the text stays there).
  const splitAt = dialog.getByRole('combobox', { name: 'Split into sections at' });
  await splitAt.selectOption('none');
  await expect(dialog.getByRole('status')).toContainText('1 sections');
  await splitAt.selectOption('chapter');
  await expect(dialog.getByRole('status')).toContainText('138 sections');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('an HTML file full of XSS payloads imports with nothing executable in the editor or in storage', async ({ page }) => {
  const violations: string[] = [];
  page.on('dialog', (d) => { violations.push(`dialog: ${d.message()}`); void d.dismiss(); });
  await openApp(page);
  const html = `<!doctype html><html><head><title>Hostile</title><script>window.__xss=(window.__xss||0)+1</script></head><body>
<h1>First</h1><p>Safe <a href="https://example.com/ok">link</a>.</p>${XSS_HTML}<h1>Second</h1><p>The end.</p></body></html>`;
  const dialog = await importFile(page, 'hostile.html', 'text/html', Buffer.from(html, 'utf8'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open Hostile' })).toBeVisible();
  await expect(page.getByRole('main').getByRole('link', { name: 'link' })).toHaveAttribute('href', 'https://example.com/ok');
  // The section editors' content (the app's own chrome has icons and forms of its own).
  const main = page.getByRole('main').locator('.ProseMirror');
  await expect(main.first()).toBeVisible();
  await expect(main.locator('script, iframe, object, embed, svg, form, [onerror], [onload], [onclick], [onmouseover], [onfocus], [ontoggle]')).toHaveCount(0);
  const hrefs = await main.locator('[href], [src]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? e.getAttribute('src') ?? ''));
  expect(hrefs.filter((h) => /^\s*(javascript|vbscript|data):/i.test(h))).toEqual([]);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss ?? 0)).toBe(0);
  const contents = JSON.stringify(await readStore(page, 'contents'));
  expect(contents).not.toMatch(/javascript:|vbscript:|data:text|onerror|onload|<script/i);
  // And the Markdown export of it is clean too.
  const md = (await exportVia(page, 'Export Markdown')).bytes.toString('utf8');
  expect(md).not.toMatch(/javascript:|vbscript:|data:|<script|onerror=/i);
  expect(violations).toEqual([]);
});

test('every Export menu item downloads its file: manuscript format, HTML, plain text', async ({ page }) => {
  await openApp(page);
  const text = 'CHAPTER 1\n\nIt was a dark night.\n\n* * *\n\nMorning came.\n\nCHAPTER 2\n\nThe end.\n';
  const dialog = await importFile(page, 'Night.txt', 'text/plain', Buffer.from(text));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  const settings = page.getByRole('region', { name: 'Document settings' });
  await settings.getByText('Author and manuscript').click();
  await settings.getByRole('textbox', { name: 'Author name' }).fill('Ada Byron');
  await settings.getByRole('textbox', { name: 'Contact lines' }).fill('12 Road\nada@example.com');
  await settings.getByRole('combobox', { name: 'Manuscript font' }).selectOption('Times New Roman');
  const ms = await exportVia(page, 'Manuscript format (.docx)');
  expect(ms.name).toBe('Night (manuscript).docx');
  const { value: raw } = await mammoth.extractRawText({ buffer: ms.bytes });
  expect(raw).toMatch(/^Ada Byron\tabout 100 words/);
  for (const l of ['12 Road', 'ada@example.com', 'by Ada Byron', 'CHAPTER 1', 'It was a dark night.', '#', 'END']) expect(raw).toContain(l);
  const htmlFile = await exportVia(page, 'HTML');
  expect(htmlFile.name).toBe('Night.html');
  expect(htmlFile.bytes.toString('utf8')).toContain('<h2>CHAPTER 2</h2>');
  const txt = await exportVia(page, 'Plain text');
  expect(txt.name).toBe('Night.txt');
  expect(txt.bytes.toString('utf8')).toContain('CHAPTER 1\n\n\nIt was a dark night.');
});

test('exports only the sections selected in the outline, and says so', async ({ page }) => {
  await openApp(page);
  const text = 'CHAPTER 1\n\nAlpha words here.\n\nCHAPTER 2\n\nBravo words here.\n\nCHAPTER 3\n\nCharlie words here.\n';
  const dialog = await importFile(page, 'Three.txt', 'text/plain', Buffer.from(text));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  const outline = page.getByRole('region', { name: 'Outline' });
  await expect(outline.getByRole('listitem')).toHaveCount(3);
  // Nothing selected: the whole document.
  expect((await exportVia(page, 'Plain text')).bytes.toString('utf8')).toMatch(/CHAPTER 1[\s\S]*CHAPTER 2[\s\S]*CHAPTER 3/);
  await outline.getByRole('checkbox', { name: 'Select CHAPTER 3' }).check();
  await outline.getByRole('checkbox', { name: 'Select CHAPTER 1' }).check();
  await expect(outline.getByRole('status')).toHaveText('2 of 3 sections selected');
  await expect(page.getByText('Exporting 2 of 3 sections')).toBeVisible();
  const txt = (await exportVia(page, 'Plain text')).bytes.toString('utf8');
  expect(txt).toMatch(/CHAPTER 1[\s\S]*Alpha words here\.[\s\S]*CHAPTER 3[\s\S]*Charlie words here\./);
  expect(txt).not.toContain('Bravo');
  const md = (await exportVia(page, 'Export Markdown')).bytes.toString('utf8');
  expect(md).toContain('Charlie words here.');
  expect(md).not.toContain('Bravo');
  const { value: raw } = await mammoth.extractRawText({ buffer: (await exportVia(page, 'Word (.docx)')).bytes });
  expect(raw).toContain('Alpha words here.');
  expect(raw).not.toContain('Bravo');
  await outline.getByRole('button', { name: 'Clear selection' }).click();
  await expect(page.getByText('Exporting 2 of 3 sections')).toBeHidden();
  expect((await exportVia(page, 'HTML')).bytes.toString('utf8')).toContain('Bravo words here.');
});

// Whole books through "Import file" (chosen by path, as a file chooser would), checked against what the test
// reads from the file itself: the standalone heading lines, and the core counter on the text without them.
const BOOKS = [
  // Moby-Dick starts at its front matter (Etymology): 135 chapters, Etymology, Extracts and the Epilogue.
  { name: 'moby-dick.txt', heading: /^(CHAPTER \d+\..*|ETYMOLOGY\.|EXTRACTS \(.*|Epilogue)$/, opening: false, sections: 138 },
  // This copy starts inside chapter 1 with no "Chapter 1"/"Chapter 2" lines: the untitled opening plus chapters 3–61.
  { name: 'pride-and-prejudice.txt', heading: /^Chapter \d+$/, opening: true, sections: 60 },
];

async function storedTotal(page: Page, title: string): Promise<{ total: number; sections: number }> {
  const docs = await readStore<{ id: string; title: string; createdAt: number }>(page, 'documents');
  const id = docs.filter((d) => d.title === title).sort((a, b) => b.createdAt - a.createdAt)[0]!.id;
  const rows = (await readStore<{ docId: string; wordCount: number }>(page, 'sections')).filter((s) => s.docId === id);
  return { total: rows.reduce((n, s) => n + s.wordCount, 0), sections: rows.length };
}

for (const book of BOOKS) {
  test(`the whole of ${book.name} imports as plain text: one section per chapter plus the opening, counts within 0.5%`, async ({ page }) => {
    await openApp(page);
    const lines = readCorpus(book.name).split('\n');
    const headings = lines.filter((l) => book.heading.test(l.trim()));
    const expected = [...(book.opening ? ['Untitled section'] : []), ...headings];
    expect(expected).toHaveLength(book.sections);
    const reference = countWords(lines.filter((l) => !book.heading.test(l.trim())).join('\n'));
    const dialog = await importFile(page, corpusFile(root, book.name));
    await expect(dialog.getByRole('status')).toContainText(`${book.sections} sections`);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect(dialog).toBeHidden({ timeout: 60_000 });
    const outline = page.getByRole('region', { name: 'Outline' });
    await expect(outline.getByRole('listitem')).toHaveCount(book.sections, { timeout: 60_000 });
    const titles = await outlineTitles(page);
    // A chapter title wrapped onto a second line in the file is joined into one title.
    titles.forEach((t, i) => expect(t.startsWith(expected[i]!), `${t} / ${expected[i]}`).toBe(true));
    const stored = await storedTotal(page, book.name.replace(/\.txt$/, ''));
    expect(stored.sections).toBe(book.sections);
    const off = Math.abs(stored.total - reference) / reference;
    console.log(`${book.name}: ${book.sections} sections, ${stored.total} words stored, reference ${reference} (${(off * 100).toFixed(3)}% apart)`);
    expect(off).toBeLessThan(0.005);

    // Word export → Word import: the same section titles, and the words within 0.5%.
    const word = await exportVia(page, 'Word (.docx)');
    const back = await importFile(page, word.name, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', word.bytes);
    await expect(back.getByRole('status')).toContainText(`${book.sections} sections`, { timeout: 60_000 });
    await back.getByRole('button', { name: 'Import' }).click();
    await expect(back).toBeHidden({ timeout: 60_000 });
    await expect(page.getByRole('button', { name: `Open ${book.name.replace(/\.txt$/, '')}` })).toHaveCount(2);
    await expect(outline.getByRole('listitem')).toHaveCount(book.sections, { timeout: 60_000 });
    expect(await outlineTitles(page)).toEqual(titles);
    const again = await storedTotal(page, book.name.replace(/\.txt$/, ''));
    console.log(`${book.name}: Word round trip ${again.total} words (${word.bytes.length} bytes of .docx)`);
    expect(Math.abs(again.total - stored.total) / stored.total).toBeLessThan(0.005);
  });
}
