// Hostile content through every way text enters (issue 15): model output, Markdown import (both inputs), paste
// (text/html and text/plain), an accepted revision, and an HTML file. 25+ payloads (OWASP filter-evasion style),
// batched into one section per entry. Nothing may run (no dialog, window.__xss never set, no CSP report: a
// report means some step built elements from untrusted HTML in the live document), no on* attribute or
// javascript:/vbscript:/data: URL may be in the DOM or in what IndexedDB stores, and the Markdown export, rendered
// by `marked` with default settings, must be clean too.
import { expect, test, type Page } from '@playwright/test';
import { marked } from 'marked';
import { XSS_HTML, XSS_PAYLOADS } from '../src/features/interchange/xssPayloads';
import { DANGEROUS_HREFS } from '../src/core/interchange/probes';
import { newDocument, openApp, readStore, sectionEditor, sectionRegion, typeInSection } from './support/app';

test.describe.configure({ timeout: 120_000 });

const FAKE = `http://127.0.0.1:${Number(process.env.FAKE_UPSTREAM_PORT ?? 5599)}`;
const uid = () => Math.random().toString(36).slice(2, 8);

// Markdown carrying the payloads: raw HTML, links, autolinks, images and reference links with dangerous URLs.
const MD_PAYLOADS = [
  ...XSS_PAYLOADS,
  ...DANGEROUS_HREFS.map((h) => `[click](${/[\s<>]/.test(h) ? `<${h}>` : h})`),
  '<javascript:alert(1)>', '<vbscript:msgbox(1)>', '![img](javascript:alert(1))', '[ref][r]\n\n[r]: javascript:alert(1)',
  '[x](javascript:alert(1) "title")', '[x](  javascript:alert(1))', '<a href="javascript:alert(1)">raw</a> inline',
];
const MD_BATCH = MD_PAYLOADS.map((p, i) => `Payload ${i + 1}: ${p}`).join('\n\n');

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push(`${e.effectiveDirective}: ${e.blockedURI} ${e.sample}`);
    });
  });
});

const DANGER = /^\s*(javascript|vbscript|data|livescript):/i;

/** Nothing ran; nothing in the page's DOM carries a handler or a dangerous URL. */
async function expectCleanPage(page: Page, dialogs: string[]) {
  const found = await page.evaluate((danger) => {
    const re = new RegExp(danger, 'i');
    const bad: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) bad.push(`<${el.tagName} ${a.name}>`);
        if (/^(href|src|action|formaction|xlink:href|data|srcdoc|poster|background)$/i.test(a.name) && re.test(a.value)) bad.push(`<${el.tagName} ${a.name}=${a.value}>`);
      }
      if (/^(SCRIPT|IFRAME|OBJECT|EMBED|FORM|BASE|META)$/.test(el.tagName) && el.closest('.ProseMirror')) bad.push(`<${el.tagName}> in an editor`);
    }
    const w = window as unknown as { __xss?: number; __csp: string[] };
    return { bad, xss: w.__xss ?? 0, csp: w.__csp };
  }, DANGER.source);
  expect(found.bad).toEqual([]);
  expect(found.xss).toBe(0);
  expect(found.csp).toEqual([]);
  expect(dialogs).toEqual([]);
}

interface Json { type?: string; attrs?: Record<string, unknown>; marks?: Json[]; content?: Json[]; [k: string]: unknown }

/** Every stored section text (and journal) checked structurally: text may spell a payload, no attribute may carry one. */
async function expectCleanStorage(page: Page) {
  const bad: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) { v.forEach((x, i) => walk(x, `${path}[${i}]`)); return; }
    if (!v || typeof v !== 'object') return;
    const o = v as Json;
    for (const [k, x] of Object.entries(o.attrs ?? {})) {
      if (/^on/i.test(k)) bad.push(`${path} attr ${k}`);
      if (typeof x === 'string' && DANGER.test(x)) bad.push(`${path} ${k}=${x}`);
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'attrs' && k !== 'text') walk(x, `${path}.${k}`);
  };
  walk(await readStore(page, 'contents'), 'contents');
  // The journal's steps hold slices of documents (kv j:<sectionId>).
  walk((await readStore<{ key: string; value: unknown }>(page, 'kv')).filter((r) => r.key.startsWith('j:')), 'journal');
  expect(bad).toEqual([]);
}

/** Export Markdown, then render it as any Markdown viewer would: no live handler or URL may come out. */
async function expectCleanExport(page: Page) {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: 'Export Markdown' }).click()]);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  const md = Buffer.concat(chunks).toString('utf8');
  expect(md).not.toMatch(/(javascript|vbscript|data|livescript):/i);
  const html = await marked.parse(md);
  expect(html).not.toMatch(/<(script|iframe|object|embed|form|base|meta|svg|math|img|link)\b/i);
  expect(html).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(href|src|action)\s*=\s*["']?\s*(javascript|vbscript|data):/i);
  return md;
}

function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(`${d.type()}: ${d.message()}`); void d.dismiss(); });
  return dialogs;
}

test(`model output: ${MD_PAYLOADS.length} payloads streamed as a section's text`, async ({ page, request }) => {
  const dialogs = watchDialogs(page);
  const title = `Hostile-${uid()}`;
  await request.post(`${FAKE}/__control/rules`, { data: { match: `Write section 1: "${title}"`, text: `${MD_BATCH}\n\nThe end of it.`, chunkSize: 40, delayMs: 1 } });
  await request.post(`${FAKE}/__control/rules`, { data: { match: `Section: ${title}`, text: 'A summary.' } });
  await openApp(page);
  await newDocument(page, `Doc ${title}`);
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill(title);
  const region = sectionRegion(page, title);
  await region.getByRole('button', { name: 'Generate section' }).click();
  await expect(sectionEditor(region)).toContainText('The end of it.');
  await expect(sectionEditor(region)).toContainText(`Payload ${MD_PAYLOADS.length}:`);
  await expect(region.getByRole('button', { name: 'Generate section' })).toBeVisible();
  await expectCleanPage(page, dialogs);
  await expectCleanExport(page);
  await expectCleanStorage(page);
});

test('Markdown import: the payloads through "Import file" and "Import Markdown"', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  const md = `# Hostile md\n\n## One\n\n${MD_BATCH}\n\n## Two\n\nLast words.\n`;
  await page.getByLabel('Import file').setInputFiles({ name: 'hostile-md.md', mimeType: 'text/markdown', buffer: Buffer.from(md) });
  const dialog = page.getByRole('dialog', { name: 'Import preview' });
  await expect(dialog.getByRole('status')).toContainText('2 sections');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(sectionEditor(sectionRegion(page, 'Two'))).toContainText('Last words.');
  await expect(sectionEditor(sectionRegion(page, 'One'))).toContainText(`Payload ${MD_PAYLOADS.length}:`);
  await expectCleanPage(page, dialogs);
  await expectCleanExport(page);
  // The same file through the older input.
  await page.getByLabel('Import Markdown').setInputFiles({ name: 'hostile-md-2.md', mimeType: 'text/markdown', buffer: Buffer.from(md.replace('# Hostile md', '# Hostile md again')) });
  await expect(page.getByRole('button', { name: 'Open Hostile md again' })).toBeVisible();
  await expect(sectionEditor(sectionRegion(page, 'One'))).toContainText(`Payload ${MD_PAYLOADS.length}:`);
  await expectCleanPage(page, dialogs);
  await expectCleanExport(page);
  await expectCleanStorage(page);
});

test('paste: the payloads as text/html and as text/plain', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  await newDocument(page, `Paste ${uid()}`);
  const region = sectionRegion(page, 'Untitled section');
  await typeInSection(page, region, 'Before the paste.');
  const paste = (data: Record<string, string>) => sectionEditor(region).evaluate((el, d) => {
    const dt = new DataTransfer();
    for (const [type, value] of Object.entries(d)) dt.setData(type, value);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, data);
  // The payloads end inside a <style> (one of them opens it), so the marker goes first.
  await paste({ 'text/html': `<meta charset="utf-8"><p>HTML paste start.</p>${XSS_HTML}`, 'text/plain': 'plain alternative' });
  await expect(sectionEditor(region)).toContainText('HTML paste start.');
  await paste({ 'text/plain': `${MD_BATCH}\n\nPlain paste done.` });
  await expect(sectionEditor(region)).toContainText('Plain paste done.');
  await expectCleanPage(page, dialogs);
  await expectCleanExport(page);
  await expectCleanStorage(page);
});

test('revision: an accepted proposal carrying the payloads', async ({ page, request }) => {
  const dialogs = watchDialogs(page);
  const mark = `RVpayload${uid()}`;
  await request.post(`${FAKE}/__control/rules`, { data: { match: mark, text: `${MD_BATCH}\n\nRevised end.`, chunkSize: 60, delayMs: 1 } });
  await openApp(page);
  await newDocument(page, `Revision ${mark}`);
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Target');
  const region = sectionRegion(page, 'Target');
  await region.getByRole('textbox', { name: 'Section brief' }).fill(`Brief ${mark}.`);
  await typeInSection(page, region, 'Intro line.');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Replace this sentence.');
  const editor = sectionEditor(region);
  await editor.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf('Replace this sentence.');
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + 'Replace this sentence.'.length);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
    }
  });
  await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('Replace this sentence.');
  await region.getByRole('button', { name: 'Revise', exact: true }).click();
  await region.getByRole('menu', { name: 'Revise' }).getByRole('menuitem', { name: 'Make clearer', exact: true }).click();
  const proposal = region.getByRole('region', { name: 'Revision proposal' });
  await expect(proposal).toContainText('Revised end.');
  // While the proposal is shown (its diff renders the proposed text) nothing may run either.
  await expectCleanPage(page, dialogs);
  await proposal.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(editor).toContainText('Revised end.');
  await expect(editor).toContainText(`Payload ${MD_PAYLOADS.length}:`);
  await expectCleanPage(page, dialogs);
  await expectCleanExport(page);
  await expectCleanStorage(page);
});

test('HTML import raises no CSP report and keeps nothing executable', async ({ page }) => {
  const dialogs = watchDialogs(page);
  await openApp(page);
  const html = `<!doctype html><html><head><title>Hostile CSP</title></head><body><h1>First</h1><p>Safe.</p>${XSS_HTML}</body></html>`;
  await page.getByLabel('Import file').setInputFiles({ name: 'hostile.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  const dialog = page.getByRole('dialog', { name: 'Import preview' });
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Open Hostile CSP' })).toBeVisible();
  await expect(sectionEditor(sectionRegion(page, 'First'))).toBeVisible();
  await expectCleanPage(page, dialogs);
  await expectCleanExport(page);
  await expectCleanStorage(page);
});
