// The workspace's effects: opening, creating, deleting, importing and exporting documents, and saving section
// text. Components call these; only this module and persistence.ts talk to IndexedDB.
import type { JSONContent } from '@tiptap/core';
import { useStore } from './store';
import { persistChanges } from './persistence';
import { SAVE_DEBOUNCE_MS, SAVE_IDLE_TIMEOUT_MS } from './saveTiming';
import { db } from '../storage/db';
import { createSaver } from '../storage/saver';
import { createTabLock } from '../storage/tabLock';
import { asDocument, asSection } from '../storage/validate';
import { newId } from '../core/ids';
import type { DocumentMeta, RichDoc, SectionMeta } from '../core/model';
import { blankSection } from '../features/document/slice';
import { getEditor } from '../editor/registry';
import { docToMarkdown, docToText, markdownToDoc } from '../editor/markdown';
import { countWords } from '../core/wordCount';
import { guessSectionLevel, splitMarkdownSections } from '../core/markdown/splitSections';
import { documentToMarkdown, takeDocumentTitle } from '../core/markdown/exportMarkdown';

// A debounce plus a bounded wait for an idle moment: a change is on disk within ~500 ms.
export const saver = createSaver({
  delayMs: SAVE_DEBOUNCE_MS,
  whenIdle: (run) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: SAVE_IDLE_TIMEOUT_MS }) : run()),
});
const tabLock = createTabLock(async () => {
  // Read-only first so nothing new is marked, then write what this tab still owed.
  useStore.getState().setReadOnly('This document is open for editing in another tab.');
  const owed = saver.pending() > 0;
  await saver.flush();
  return owed;
}, (docId) => {
  // The tab that had the document wrote its last changes after this tab read it: read again, unless the
  // writer has already typed here (then keep theirs and say so).
  const s = useStore.getState();
  if (s.doc?.id !== docId) return;
  if (saver.pending() === 0) void openDocument(docId);
  else s.notify('Another tab saved changes to this document just as it opened here; reopen it to see them.', { tone: 'error' });
});

let started = false;
export async function startWorkspace(): Promise<void> {
  if (started) return;
  started = true;
  saver.subscribe((s) => useStore.getState().setSaveState(s));
  useStore.subscribe(persistChanges(saver, useStore.getState));
  const flush = () => { void saver.flush(); };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  window.addEventListener('pagehide', flush);
  window.addEventListener('beforeunload', (e) => {
    // The browser's own "leave site?" prompt is the last chance to keep unsaved text.
    if (saver.pending() > 0) { flush(); e.preventDefault(); }
  });
  const [, lastRec] = await Promise.all([refreshLibrary(), db.kv.get('lastDocId').catch(() => undefined)]);
  const last = lastRec?.value;
  const lib = useStore.getState().library;
  const target = typeof last === 'string' && lib.some((d) => d.id === last) ? last : lib[0]?.id;
  if (target) await openDocument(target);
}

export async function refreshLibrary(): Promise<void> {
  const rows = await db.documents.toArray();
  const docs = rows.filter((r) => !r.deletedAt).map(asDocument).filter((d): d is DocumentMeta => !!d);
  useStore.getState().setLibrary(docs.map(({ id, title, wordCount, updatedAt, targetWords }) => ({ id, title, wordCount, updatedAt, targetWords })));
}

export async function openDocument(id: string): Promise<void> {
  await saver.flush();
  tabLock.release();
  const raw = await db.documents.get(id);
  const doc = asDocument(raw);
  if (!doc) { useStore.getState().notify('That document could not be read.', { tone: 'error' }); return; }
  const rows = await db.sections.where('docId').equals(id).toArray();
  const byId = new Map<string, SectionMeta>();
  let broken = 0;
  for (const row of rows) {
    const s = asSection(row);
    if (!s) { broken++; continue; }
    // A section still marked streaming was cut off by a crash or a closed tab: keep its text, say so.
    if (s.streaming) { s.streaming = null; s.interrupted = true; }
    if (!row.deletedAt) byId.set(s.id, s);
  }
  // Order comes from the document; sections it lost track of are appended rather than hidden.
  const ordered = doc.sectionIds.filter((sid) => byId.has(sid));
  for (const sid of byId.keys()) if (!ordered.includes(sid)) ordered.push(sid);
  const sections = ordered.map((sid) => byId.get(sid)!);
  prefetched.clear();
  if (ordered[0]) {
    const early = readContent(ordered[0]);
    early.catch(() => {}); // the editor that takes it handles a failure; an unclaimed one must not be "unhandled"
    prefetched.set(ordered[0], early);
  }
  const state = useStore.getState();
  state.setReadOnly(null);
  state.setOpenDocument({ ...doc, sectionIds: ordered }, sections);
  tabLock.claim(id);
  void db.kv.put({ key: 'lastDocId', value: id });
  if (broken) state.notify(`${broken} damaged section record(s) could not be read; the rest of the document loaded.`, { tone: 'error' });
}

/** Another tab had the document; take it over and reload what that tab saved. */
export async function takeOver(): Promise<void> {
  const id = useStore.getState().doc?.id;
  if (id) await openDocument(id);
}

export async function createDocument(init: Partial<DocumentMeta> = {}): Promise<string> {
  const now = Date.now();
  const id = newId('d');
  const first = blankSection(id, { title: 'Untitled section' });
  const doc: DocumentMeta = {
    id, title: 'Untitled document', brief: '', targetWords: 0, sectionIds: [first.id], checklist: [],
    createdAt: now, updatedAt: now, wordCount: 0, ...init,
  };
  await db.transaction('rw', db.documents, db.sections, async () => {
    await db.documents.put(doc);
    await db.sections.put(first);
  });
  await refreshLibrary();
  await openDocument(id);
  return id;
}

export async function renameDocument(id: string, title: string): Promise<void> {
  const s = useStore.getState();
  if (s.doc?.id === id) s.updateDoc({ title });
  else await db.documents.update(id, { title });
  await refreshLibrary();
}

export async function deleteDocument(id: string): Promise<void> {
  const s = useStore.getState();
  const entry = s.library.find((d) => d.id === id) ?? null;
  if (s.doc?.id === id) { await saver.flush(); tabLock.release(); s.setOpenDocument(null, []); }
  await db.documents.update(id, { deletedAt: Date.now() });
  await refreshLibrary();
  s.notify(`Deleted “${entry?.title || 'Untitled document'}”.`, {
    undo: () => void restoreDocument(id),
  });
}

async function restoreDocument(id: string): Promise<void> {
  const row = await db.documents.get(id);
  if (row) await db.documents.put({ ...row, deletedAt: undefined });
  await refreshLibrary();
  await openDocument(id);
}

// The first section's text is read while the document's metadata renders, so its editor need not wait for a
// second round trip to IndexedDB after mounting.
const prefetched = new Map<string, Promise<RichDoc | null>>();
function readContent(sectionId: string): Promise<RichDoc | null> {
  return db.contents.get(sectionId).then((rec) => rec?.doc ?? null);
}

export async function loadContent(sectionId: string): Promise<RichDoc | null> {
  const early = prefetched.get(sectionId);
  prefetched.delete(sectionId);
  return early ?? readContent(sectionId);
}

/** Marks a section's text dirty; `snapshot` is read at write time, never per keystroke. */
export function contentChanged(sectionId: string, docId: string, snapshot: () => JSONContent): void {
  saver.mark(`c:${sectionId}`, () => db.contents.put({ id: sectionId, docId, doc: snapshot() as RichDoc, updatedAt: Date.now() }));
}

export async function sectionMarkdown(sectionId: string): Promise<string> {
  const editor = getEditor(sectionId);
  if (editor) return docToMarkdown(editor.getJSON());
  return docToMarkdown(await loadContent(sectionId));
}

export async function exportMarkdown(): Promise<{ filename: string; text: string } | null> {
  const { doc, sections } = useStore.getState();
  if (!doc) return null;
  await saver.flush();
  const parts = [];
  for (const id of doc.sectionIds) parts.push({ title: sections[id]?.title ?? '', markdown: await sectionMarkdown(id) });
  const safe = (doc.title || 'document').replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'document';
  return { filename: `${safe}.md`, text: documentToMarkdown(doc.title, parts) };
}

/** A Markdown file becomes a new document: headings of `level` (or a guessed level) become sections. */
export async function importMarkdown(source: string, fileName: string, level?: number): Promise<string> {
  const lvl = level ?? guessSectionLevel(source);
  const { title, rest } = takeDocumentTitle(source, lvl);
  const parts = splitMarkdownSections(rest, lvl);
  const id = newId('d');
  const now = Date.now();
  const sections = parts.map((p) => {
    const doc = markdownToDoc(p.body);
    return { meta: blankSection(id, { title: p.title, wordCount: countWords(docToText(doc)), status: p.body ? 'draft' : 'empty' }), doc };
  });
  if (!sections.length) sections.push({ meta: blankSection(id, { title: 'Untitled section' }), doc: markdownToDoc('') });
  const wordCount = sections.reduce((n, s) => n + s.meta.wordCount, 0);
  const docMeta: DocumentMeta = {
    id, title: title ?? fileName.replace(/\.(md|markdown|txt)$/i, ''), brief: '', targetWords: 0,
    sectionIds: sections.map((s) => s.meta.id), checklist: [], createdAt: now, updatedAt: now, wordCount,
  };
  await db.transaction('rw', db.documents, db.sections, db.contents, async () => {
    await db.sections.bulkPut(sections.map((s) => s.meta));
    await db.contents.bulkPut(sections.map((s) => ({ id: s.meta.id, docId: id, doc: s.doc, updatedAt: now })));
    await db.documents.put(docMeta);
  });
  await refreshLibrary();
  await openDocument(id);
  return id;
}

