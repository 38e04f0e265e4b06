// The sweep of orphaned copies: a copy of a shared document left in the browser (a y-indexeddb database
// `longhand-y-<docId>-<ms>` no share record names, older than the safety age) is deleted at the next page load
// when all its text is still here, or first kept as "<title> (your earlier copy)" when it holds a paragraph
// the document lacks. A young copy (a share being made elsewhere) and the current share's copy are left alone.
// The orphans are written here the way y-indexeddb lays a copy out: an object store 'updates' of Yjs updates.
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { newDocument, openApp, sectionEditor, sectionRegion } from './support/app';
import { shared, typeAtEnd } from './support/collab';

const uid = () => Math.random().toString(36).slice(2, 8);
const HOUR = 60 * 60_000;

/** A copy's Y state as one update: the outline (title, section order and titles) and each section's paragraphs. */
function copyUpdate(title: string, sections: Array<{ id: string; title: string; paragraphs: string[] }>): number[] {
  const doc = new Y.Doc();
  const outline = doc.getMap('outline');
  doc.transact(() => {
    outline.set('doc/title', title);
    outline.set('doc/sectionIds', sections.map((s) => s.id));
    for (const s of sections) {
      outline.set(`sec/${s.id}/title`, s.title);
      doc.getXmlFragment(s.id).insert(0, s.paragraphs.map((text) => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        return p;
      }));
    }
  });
  return [...Y.encodeStateAsUpdate(doc)];
}

/** Writes a copy's database in the page's browser, as y-indexeddb would have left it. */
async function writeCopy(page: Page, name: string, update: number[]): Promise<void> {
  await page.evaluate(async ({ name, update }) => {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onupgradeneeded = () => {
        req.result.createObjectStore('updates', { autoIncrement: true });
        req.result.createObjectStore('custom');
      };
      req.onerror = () => reject(req.error);
      req.onsuccess = () => {
        const db = req.result;
        const tx = db.transaction('updates', 'readwrite');
        tx.objectStore('updates').add(new Uint8Array(update));
        tx.oncomplete = () => { db.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });
  }, { name, update });
}

/** The names of this page's copies of shared documents. */
const copies = (p: Page) => p.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('longhand-y-')));

/** Waits until the database `name` is gone from the page's browser (the sweep ran and deleted it). */
async function gone(page: Page, name: string): Promise<void> {
  await expect.poll(() => copies(page)).not.toContain(name);
}

/** The id of the document titled `title`, from the app's own records. */
const docIdOf = (page: Page, title: string) => page.evaluate(async (t) => new Promise<string>((resolve, reject) => {
  const req = indexedDB.open('longhand');
  req.onerror = () => reject(req.error);
  req.onsuccess = () => {
    const db = req.result;
    const all = db.transaction('documents', 'readonly').objectStore('documents').getAll();
    all.onsuccess = () => { db.close(); resolve((all.result as Array<{ id: string; title: string }>).find((d) => d.title === t)!.id); };
    all.onerror = () => reject(all.error);
  };
}), title);

/** A local (not shared) document with one section "Draft" holding `text`, saved. */
async function localDocument(page: Page, text: string): Promise<{ title: string; docId: string }> {
  await openApp(page);
  const title = `Sweep-${uid()}`;
  await newDocument(page, title);
  await sectionRegion(page, 'Untitled section').getByRole('textbox', { name: 'Section title' }).fill('Draft');
  await typeAtEnd(page, 'Draft', text);
  await expect(page.getByRole('status', { name: 'Save status' })).toHaveText('All changes saved');
  return { title, docId: await docIdOf(page, title) };
}

const library = (page: Page) => page.getByRole('region', { name: 'Documents' });

test('an orphaned copy whose every paragraph the document still has is deleted at the next page load, and nothing is kept', async ({ page }) => {
  const { title, docId } = await localDocument(page, 'Ada wrote this.');
  const orphan = `longhand-y-${docId}-${Date.now() - 2 * HOUR}`;
  await writeCopy(page, orphan, copyUpdate(title, [{ id: 's_old', title: 'Draft', paragraphs: ['Ada wrote this.'] }]));
  expect(await copies(page)).toContain(orphan);
  await page.reload();
  await gone(page, orphan);
  await expect(library(page).getByRole('button', { name: /\(your earlier copy\)/ })).toHaveCount(0);
  await expect(sectionEditor(sectionRegion(page, 'Draft'))).toHaveText('Ada wrote this.');
});

test('an orphaned copy holding a paragraph the document lacks is kept as "(your earlier copy)" with its text, then its database is deleted', async ({ page }) => {
  const { title, docId } = await localDocument(page, 'Ada wrote this.');
  const orphan = `longhand-y-${docId}-${Date.now() - 2 * HOUR}`;
  await writeCopy(page, orphan, copyUpdate(title, [
    { id: 's_one', title: 'Draft', paragraphs: ['Ada wrote this.'] },
    { id: 's_two', title: 'Lost', paragraphs: ['Ben wrote this and it reached no one.'] },
  ]));
  await page.reload();
  await expect(page.getByText(`A copy of “${title}” left in this browser by an earlier share had text that is not in the document. It is kept in your library as “${title} (your earlier copy)”.`)).toBeVisible();
  await gone(page, orphan);
  await library(page).getByRole('button', { name: `Open ${title} (your earlier copy)` }).click();
  await expect(sectionEditor(sectionRegion(page, 'Draft'))).toHaveText('Ada wrote this.');
  await expect(sectionEditor(sectionRegion(page, 'Lost'))).toHaveText('Ben wrote this and it reached no one.');
  // The document itself is as it was.
  await library(page).getByRole('button', { name: new RegExp(`^Open ${title}(?! \\(your earlier copy\\))`) }).click();
  await expect(sectionRegion(page, 'Lost')).toHaveCount(0);
  await expect(sectionEditor(sectionRegion(page, 'Draft'))).toHaveText('Ada wrote this.');
});

test('a document in the bin still counts (Undo brings it back): an orphan whose text its records hold is deleted, nothing kept', async ({ page }) => {
  const { title, docId } = await localDocument(page, 'Ada wrote this.');
  await newDocument(page, `Other-${uid()}`);
  await library(page).getByRole('button', { name: `Delete document ${title}` }).click();
  await expect(library(page).getByRole('button', { name: `Open ${title}` })).toHaveCount(0);
  const orphan = `longhand-y-${docId}-${Date.now() - 2 * HOUR}`;
  await writeCopy(page, orphan, copyUpdate(title, [{ id: 's_old', title: 'Draft', paragraphs: ['Ada wrote this.'] }]));
  await page.reload();
  await gone(page, orphan);
  await expect(library(page).getByRole('button', { name: /\(your earlier copy\)/ })).toHaveCount(0);
});

test('a copy younger than the safety age (a share being made in another tab) is left alone, even holding text the document lacks', async ({ page }) => {
  const { title, docId } = await localDocument(page, 'Ada wrote this.');
  const young = `longhand-y-${docId}-${Date.now() - 60_000}`;
  const old = `longhand-y-${docId}-${Date.now() - 2 * HOUR}`;
  await writeCopy(page, young, copyUpdate(title, [{ id: 's_new', title: 'Draft', paragraphs: ['Being shared right now.'] }]));
  // An old one beside it, all present: once it is gone, the sweep has run and passed over the young one.
  await writeCopy(page, old, copyUpdate(title, [{ id: 's_old', title: 'Draft', paragraphs: ['Ada wrote this.'] }]));
  await page.reload();
  await gone(page, old);
  expect(await copies(page)).toContain(young);
  await expect(library(page).getByRole('button', { name: /\(your earlier copy\)/ })).toHaveCount(0);
});

test('the current share\'s copy is never touched: an orphan of the same document beside it is swept, and the document still syncs both ways', async ({ browser }) => {
  const { a, b, link, close } = await shared(browser, ['Draft']);
  await typeAtEnd(a, 'Draft', 'Ada wrote this.');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this.');
  const docId = /\/#\/shared\/([^/]+)\//.exec(link)![1]!;
  const [current] = await copies(b);
  expect(current).toMatch(new RegExp(`^longhand-y-${docId}-\\d+$`));
  const orphan = `longhand-y-${docId}-${Date.now() - 2 * HOUR}`;
  await writeCopy(b, orphan, copyUpdate('', [{ id: 's_old', title: 'Draft', paragraphs: ['Ada wrote this.'] }]));
  await b.reload();
  await gone(b, orphan);
  expect(await copies(b)).toEqual([current]);
  await expect(b.getByRole('status', { name: 'Sync status' })).toHaveText('Synced');
  await typeAtEnd(a, 'Draft', ' Ada wrote on.');
  await expect(sectionEditor(sectionRegion(b, 'Draft'))).toHaveText('Ada wrote this. Ada wrote on.');
  await typeAtEnd(b, 'Draft', ' Ben too.');
  await expect(sectionEditor(sectionRegion(a, 'Draft'))).toHaveText('Ada wrote this. Ada wrote on. Ben too.');
  await expect(library(b).getByRole('button', { name: /\(your earlier copy\)/ })).toHaveCount(0);
  expect(await copies(b)).toEqual([current]);
  await close();
});
