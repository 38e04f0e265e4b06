// The workspace's effects: opening, creating, deleting, importing and exporting documents, and saving section
// text. Components call these; only this module and persistence.ts talk to IndexedDB.
import type { JSONContent } from '@tiptap/core';
import { useStore } from './store';
import { persistChanges } from './persistence';
import { SAVE_DEBOUNCE_MS, SAVE_IDLE_TIMEOUT_MS, SAVE_MAX_WAIT_MS } from './saveTiming';
import { database } from '../storage/database';
import { commitNow } from '../storage/commitNow';
import { readDocument, readDocuments, readKv, readSectionText } from '../storage/reads';
import { startDocumentId, takeEarlyOpen, type EarlyOpen } from '../storage/earlyOpen';
import { createSaver } from '../storage/saver';
import { createJournal, type JournalState } from '../storage/journal';
import { journalKey, NO_SNAPSHOT, retireJournal } from '../storage/journalRecords';
import { getSchema } from '@tiptap/core';
import { baseExtensions } from '../editor/extensions';
import { replaySteps } from '../editor/journal';
import { createTabLock } from '../storage/tabLock';
import { loadWriteAllJob } from '../storage/jobs';
import type { WriteAllJob } from '../features/generation/slice';
import { asDocument, asSection } from '../storage/validate';
import { newId } from '../core/ids';
import type { DocumentMeta, RichDoc, SectionMeta } from '../core/model';
import { blankSection } from '../features/document/slice';
import { getEditor } from '../editor/registry';
// Markdown conversion (marked, TipTap's Markdown manager) is for import and export, not for opening a book and
// typing: it loads when one of those runs.
const markdown = () => import('../editor/markdown');
// The Markdown file format's own parts (sections by heading, title, the story bible appendix): import/export only.
const markdownFile = () => Promise.all([
  import('../core/markdown/splitSections'), import('../core/markdown/exportMarkdown'), import('../core/interchange/bibleMarkdown'),
]).then(([split, exp, bible]) => ({ ...split, ...exp, ...bible }));
import { countWords } from '../core/wordCount';
import { defangSchemes, sanitizeDocLinks, type JsonNode } from '../core/interchange/linkSafety';
import type { BibleEntry } from '../core/bible/types';

// A debounce (at most SAVE_MAX_WAIT_MS while typing goes on) plus a bounded wait for an idle moment; the journal
// below has each change on disk within ~25 ms meanwhile.
export const saver = createSaver({
  delayMs: SAVE_DEBOUNCE_MS, maxWaitMs: SAVE_MAX_WAIT_MS,
  whenIdle: (run) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: SAVE_IDLE_TIMEOUT_MS }) : run()),
});
// The write-ahead journal: each edit's steps are on disk ~25 ms after they show (src/storage/journal.ts), so a
// crash loses at most that, while the full snapshot keeps the debounce above. Journal records live in kv.
const journalDocs = new Map<string, string>();
export const journal = createJournal({
  write: async (sectionId, state) => { await commitNow(await database(), ['kv'], (store) => store('kv').put({ key: journalKey(sectionId), value: state })); },
  // Like contentChanged: after a hand-over the other tab owns the text (and its journal).
  allowed: (sectionId) => { const docId = journalDocs.get(sectionId); return !!docId && tabLock.holds(docId); },
});
let schemaCache: ReturnType<typeof getSchema> | null = null;
const schema = () => (schemaCache ??= getSchema(baseExtensions()));
/** What an editor made from `null` content starts with: the base of a section never snapshotted. */
const EMPTY_DOC: RichDoc = { type: 'doc', content: [{ type: 'paragraph' }] } as RichDoc;

/** Called by the section editor's Journal extension on every document-changing transaction. */
export function journalSteps(sectionId: string, docId: string, steps: unknown[]): void {
  if (!tabLock.holds(docId)) return;
  journalDocs.set(sectionId, docId);
  journal.append(sectionId, steps);
}

// Set by startWorkspace: stops this tab's generations and revisions before a hand-over writes what it owes.
let stopWork: (docId: string) => void | Promise<void> = () => {};
const tabLock = createTabLock({
  onLost: async (docId) => {
    // Input stops before anything awaits: a keystroke after this point must not reach the editor, or it
    // would be written after the other tab read storage. The React update that follows agrees.
    const s = useStore.getState();
    s.setReadOnly('This document is open for editing in another tab.');
    for (const id of s.doc?.id === docId ? s.doc.sectionIds : []) getEditor(id)?.setEditable(false, false);
    // Editors are read-only already; stopping may first load the services (in practice loaded: something runs).
    await stopWork(docId);
    // The other tab is granted the document only after this write, including anything marked while it ran.
    await saver.flush();
    for (let i = 0; i < 3 && saver.pending() > 0; i++) await saver.flush();
    await journal.flush();
  },
});

let started = false;
export async function startWorkspace(opts: { stopWork?: (docId: string) => void | Promise<void> } = {}): Promise<void> {
  if (started) return;
  started = true;
  if (opts.stopWork) stopWork = opts.stopWork;
  saver.subscribe((s) => useStore.getState().setSaveState(s));
  useStore.subscribe(persistChanges(saver, useStore.getState, (id, docId) => retireJournals([{ id, docId }])));
  const flush = () => { void saver.flush(); void journal.flush(); };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  window.addEventListener('pagehide', flush);
  window.addEventListener('beforeunload', (e) => {
    // The browser's own "leave site?" prompt is the last chance to keep unsaved text.
    if (saver.pending() > 0) { flush(); e.preventDefault(); }
  });
  // Plain IndexedDB reads (storage/reads.ts): Dexie loads once the first section is up (App), or with the first write.
  // The page's early script has usually read all this already (storage/earlyOpen.ts); without it, read now.
  const early = await takeEarlyOpen()?.catch(() => null) ?? null;
  let lastRec: Awaited<ReturnType<typeof readKv>>;
  if (early) { setLibrary(early.documents); lastRec = early.lastDocId; }
  else [, lastRec] = await Promise.all([refreshLibrary(), readKv('lastDocId').catch(() => undefined)]);
  const last = lastRec?.value;
  const target = startDocumentId(useStore.getState().library, last);
  // The early reads are of the document it guessed, under that document's lock: of use only for the same one.
  const opened = early?.opened?.id === target ? early?.opened : undefined;
  try {
    // Reopening the document already remembered as the last one writes nothing: that write would load Dexie (and
    // open its schema) in the middle of the open, for a value that is already stored.
    if (target) await openDocument(target, { remembered: target === last, early: opened });
  } finally {
    // Not adopted (another document opened, or a failure): another tab must not wait for it.
    early?.opened?.lock.drop();
  }
}

export async function refreshLibrary(): Promise<void> {
  setLibrary(await readDocuments());
}

function setLibrary(rows: Awaited<ReturnType<typeof readDocuments>>): void {
  const docs = rows.filter((r) => !r.deletedAt).map(asDocument).filter((d): d is DocumentMeta => !!d);
  useStore.getState().setLibrary(docs.map(({ id, title, wordCount, updatedAt, targetWords }) => ({ id, title, wordCount, updatedAt, targetWords })));
}

/** `early`: this document as the page's early script read it under its lock (storage/earlyOpen.ts). */
export async function openDocument(id: string, opts: { remembered?: boolean; early?: EarlyOpen['opened'] } = {}): Promise<void> {
  await saver.flush();
  // Another tab editing this document writes what it owes before this tab reads it (see storage/tabLock.ts).
  // The early reads count only when their lock is taken over still held: no other tab had it since.
  const held = await tabLock.acquire(id, opts.early?.lock);
  if (!held) return; // the writer opened something else meanwhile
  const early = opts.early?.lock.adopted() ? opts.early : undefined;
  const { doc: raw, sections: rows } = early ?? await readDocument(id);
  const doc = asDocument(raw);
  if (!doc) { useStore.getState().notify('That document could not be read.', { tone: 'error' }); return; }
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
    const first = early?.first?.id === ordered[0] ? early.first : undefined;
    const text = readContent(ordered[0], first);
    text.catch(() => {}); // the editor that takes it handles a failure; an unclaimed one must not be "unhandled"
    const entry: Prefetch = { text };
    void text.then((doc) => { entry.done = { doc }; }, () => {});
    prefetched.set(ordered[0], entry);
  }
  const state = useStore.getState();
  state.setReadOnly(null);
  state.setOpenDocument({ ...doc, sectionIds: ordered }, sections);
  if (!opts.remembered) void database().then((db) => db.kv.put({ key: 'lastDocId', value: id }));
  await restoreWriteAll(id);
  if (broken) state.notify(`${broken} damaged section record(s) could not be read; the rest of the document loaded.`, { tone: 'error' });
}

/** A Write-all run that was going when the page closed comes back paused, with Resume. */
async function restoreWriteAll(docId: string): Promise<void> {
  const job = await loadWriteAllJob<WriteAllJob>(docId);
  const s = useStore.getState();
  if (!job || job.finished || s.doc?.id !== docId) return;
  const { items, ...run } = job;
  const ids = run.ids.filter((sid) => s.sections[sid]);
  for (const sid of ids) {
    const item = items[sid];
    // A section cut off mid-write is queued again; its calls say it has begun (Resume continues it).
    s.setGen(sid, { phase: item?.phase === 'done' ? 'done' : 'queued', calls: item?.calls ?? 0 });
  }
  s.setRun({ ...run, ids, paused: true, interrupted: true, finished: false, cancelled: false });
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
  const db = await database();
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
  else await (await database()).documents.update(id, { title });
  await refreshLibrary();
}

export async function deleteDocument(id: string): Promise<void> {
  const s = useStore.getState();
  const entry = s.library.find((d) => d.id === id) ?? null;
  if (s.doc?.id === id) { await saver.flush(); await journal.flush(); tabLock.release(); s.setOpenDocument(null, []); }
  const db = await database();
  await db.documents.update(id, { deletedAt: Date.now() });
  // Its sections' journals are folded into their snapshots and removed (Undo reopens the text as shown).
  await retireJournals((await db.sections.where('docId').equals(id).toArray()).map((r) => ({ id: r.id, docId: id })));
  await refreshLibrary();
  s.notify(`Deleted “${entry?.title || 'Untitled document'}”.`, {
    undo: () => void restoreDocument(id),
  });
}

async function restoreDocument(id: string): Promise<void> {
  const db = await database();
  const row = await db.documents.get(id);
  if (row) await db.documents.put({ ...row, deletedAt: undefined });
  await refreshLibrary();
  await openDocument(id);
}

// The first section's text is read while the document's metadata renders, so its editor need not wait for a
// second round trip to IndexedDB after mounting.
// `done` once read: an editor mounting after that takes it in its first render (takeReadContent).
type Prefetch = { text: Promise<RichDoc | null>; done?: { doc: RichDoc | null } };
const prefetched = new Map<string, Prefetch>();
/** `read`: the section's records as already read (the early script's first section). */
async function readContent(sectionId: string, read?: Awaited<ReturnType<typeof readSectionText>>): Promise<RichDoc | null> {
  const { content: rec, journal: jrec } = read ?? await readSectionText(sectionId, journalKey(sectionId));
  // The snapshot's id; a section with no snapshot yet journals against the empty document.
  const base = rec ? rec.journalBase ?? null : NO_SNAPSHOT;
  // This tab's memory is at least as new as the disk for the same snapshot (a remounted editor).
  const mem = base !== null ? journal.get(sectionId) : undefined;
  const disk = jrec?.value as Partial<JournalState> | undefined;
  const steps = mem?.base === base ? mem.steps
    : base !== null && disk?.base === base && Array.isArray(disk.steps) ? disk.steps : [];
  let doc = rec?.doc ?? null;
  let applied = 0;
  if (steps.length) {
    // A step that cannot be applied stops the replay; the snapshot (and the steps before it) are kept.
    const r = replaySteps(schema(), (doc ?? EMPTY_DOC) as JSONContent, steps);
    applied = r.applied;
    if (applied) doc = r.doc as RichDoc;
    if (r.error) console.warn(`Longhand: journal replay of ${sectionId} stopped after ${applied} of ${steps.length} steps: ${r.error}`);
  }
  if (rec?.docId) journalDocs.set(sectionId, rec.docId);
  else { const docId = useStore.getState().sections[sectionId]?.docId; if (docId) journalDocs.set(sectionId, docId); }
  journal.begin(sectionId, base, steps.slice(0, applied));
  // Documents stored before the link policy may hold javascript:/data: links: cleaned as they load (after the
  // replay, so replayed text is cleaned too).
  return doc ? sanitizeDocLinks(doc as JsonNode) as RichDoc : null;
}

/** Steps replayed onto a stored snapshot, for folding a deleted section's journal into it. */
function replayOnto(snapshot: RichDoc | null, steps: readonly unknown[]): RichDoc | null {
  const r = replaySteps(schema(), (snapshot ?? EMPTY_DOC) as JSONContent, steps);
  return r.applied ? (r.doc as RichDoc) : null;
}

/** Deleted sections (or a deleted document's sections): pending steps on disk, folded into the snapshots, records removed. */
export async function retireJournals(sections: ReadonlyArray<{ id: string; docId: string }>): Promise<void> {
  if (!sections.length) return;
  await journal.flush();
  for (const { id } of sections) { journal.begin(id, null, []); journalDocs.delete(id); }
  const db = await database();
  for (const { id, docId } of sections) await retireJournal(db, id, docId, replayOnto);
}

/** Stores a full snapshot of a section and resets its journal to it, in one transaction. */
function writeSnapshot(sectionId: string, docId: string, doc: RichDoc): Promise<unknown> {
  journalDocs.set(sectionId, docId);
  return journal.snapshot(sectionId, async (base) => {
    const record = { id: sectionId, docId, doc, updatedAt: Date.now(), journalBase: base };
    return commitNow(await database(), ['contents', 'kv'], (store) => {
      store('contents').put(record);
      // An empty journal is no record at all: older steps (of another base) go, and no empty record stays behind.
      store('kv').delete(journalKey(sectionId));
    });
  });
}

export async function loadContent(sectionId: string): Promise<RichDoc | null> {
  const early = prefetched.get(sectionId);
  prefetched.delete(sectionId);
  return early?.text ?? readContent(sectionId);
}

/**
 * A section's text when it has been read already (the first section of the document just opened), taken at
 * once: its editor is then made in the section's first render, instead of a render, a paint of the whole
 * page and a second render later.
 */
export function takeReadContent(sectionId: string): { doc: RichDoc | null } | undefined {
  const done = prefetched.get(sectionId)?.done;
  if (done) prefetched.delete(sectionId);
  return done;
}

/** Marks a section's text dirty; `snapshot` is read at write time, never per keystroke. */
export function contentChanged(sectionId: string, docId: string, snapshot: () => JSONContent): void {
  // A tab that handed the document over must never write it again: the other tab's text would be overwritten.
  if (!tabLock.holds(docId)) return;
  // The document is read and the journal reset in the same synchronous step (see journal.snapshot).
  // Typing pushes the snapshot back to a pause (the journal holds each keystroke meanwhile). Not so for a section
  // with no journal yet (imported, never snapshotted: the snapshot is all that keeps the change), nor for a
  // streaming one: its steps carry whole paragraphs, and the journal rewrites every step since the snapshot
  // each time, so a stream keeps the short snapshot cadence that keeps its journal small.
  const debounce = !!journal.get(sectionId) && !useStore.getState().sections[sectionId]?.streaming;
  saver.mark(`c:${sectionId}`, () => writeSnapshot(sectionId, docId, snapshot() as RichDoc), { debounce });
}

/** Writes a section's text straight to storage (a section whose editor is not mounted). */
export async function saveContent(sectionId: string, doc: RichDoc): Promise<void> {
  const docId = useStore.getState().sections[sectionId]?.docId;
  // Like contentChanged: after a hand-over the other tab owns the text.
  if (!docId || !tabLock.holds(docId)) return;
  prefetched.delete(sectionId);
  await writeSnapshot(sectionId, docId, doc);
}

export async function sectionMarkdown(sectionId: string): Promise<string> {
  const { docToMarkdown } = await markdown();
  const editor = getEditor(sectionId);
  if (editor) return docToMarkdown(editor.getJSON());
  return docToMarkdown(await loadContent(sectionId));
}

/** `only`: the sections to export (the outline's selection), in outline order; none given: all. */
export async function exportMarkdown(only?: readonly string[]): Promise<{ filename: string; text: string } | null> {
  const { doc, sections } = useStore.getState();
  if (!doc) return null;
  await saver.flush();
  const parts = [];
  for (const id of only?.length ? only : doc.sectionIds) parts.push({ title: sections[id]?.title ?? '', markdown: await sectionMarkdown(id) });
  const safe = (doc.title || 'document').replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'document';
  // The story bible follows the sections (a marked "## Story bible" that Import Markdown reads back).
  const { bibleToMarkdown, documentToMarkdown } = await markdownFile();
  const bible = defangSchemes(bibleToMarkdown(doc.bible ?? [], doc.sectionIds.map((id) => ({ id, title: sections[id]?.title ?? '' }))));
  const text = documentToMarkdown(doc.title, parts);
  return { filename: `${safe}.md`, text: bible ? `${text}\n${bible}` : text };
}

/** A Markdown file becomes a new document: headings of `level` (or a guessed level) become sections. */
export async function importMarkdown(source: string, fileName: string, level?: number): Promise<string> {
  const { takeBibleMarkdown, guessSectionLevel, takeDocumentTitle, splitMarkdownSections, resolveBibleEntries } = await markdownFile();
  const { rest: body, entries } = takeBibleMarkdown(source);
  const lvl = level ?? guessSectionLevel(body);
  const { title, rest } = takeDocumentTitle(body, lvl);
  const parts = splitMarkdownSections(rest, lvl);
  const { markdownToDoc } = await markdown();
  return importSections(title ?? fileName.replace(/\.(md|markdown|txt)$/i, ''), parts.map((p) => ({ title: p.title, doc: markdownToDoc(p.body) })),
    entries ? { bible: (ids) => resolveBibleEntries(entries, ids, () => newId('b'), Date.now()) } : {});
}

/** Sections already parsed (by the import preview) become a new document; counts are the core counter's. */
export async function importSections(title: string, parts: ReadonlyArray<{ title: string; doc: RichDoc; wordCount?: number }>,
  opts: { bible?: (sectionIds: string[]) => BibleEntry[]; open?: boolean } = {}): Promise<string> {
  const id = newId('d');
  const now = Date.now();
  const { docToText, markdownToDoc } = await markdown();
  const sections = parts.map((p) => {
    const doc = sanitizeDocLinks(p.doc as JsonNode) as RichDoc;
    // Counted already (by the import parser's worker, with the same core counter) or counted here.
    const wordCount = p.wordCount ?? countWords(docToText(doc));
    return { meta: blankSection(id, { title: p.title, wordCount, status: wordCount ? 'draft' : 'empty' }), doc };
  });
  if (!sections.length) sections.push({ meta: blankSection(id, { title: 'Untitled section' }), doc: markdownToDoc('') });
  const docMeta: DocumentMeta = {
    id, title, brief: '', targetWords: 0, sectionIds: sections.map((s) => s.meta.id), checklist: [], createdAt: now, updatedAt: now,
    wordCount: sections.reduce((n, s) => n + s.meta.wordCount, 0),
  };
  const bible = opts.bible?.(docMeta.sectionIds);
  if (bible?.length) docMeta.bible = bible;
  const db = await database();
  await db.transaction('rw', db.documents, db.sections, db.contents, async () => {
    await db.sections.bulkPut(sections.map((s) => s.meta));
    await db.contents.bulkPut(sections.map((s) => ({ id: s.meta.id, docId: id, doc: s.doc, updatedAt: now })));
    await db.documents.put(docMeta);
  });
  await refreshLibrary();
  if (opts.open ?? true) await openDocument(id);
  return id;
}

/** The open document's sections as editor JSON (live editors first), for the Word/HTML/text exports. */
export async function exportSections(only?: readonly string[]): Promise<{ doc: DocumentMeta; sections: Array<{ title: string; doc: RichDoc | null }> } | null> {
  const { doc, sections } = useStore.getState();
  if (!doc) return null;
  await saver.flush();
  const out = [];
  for (const id of only?.length ? only : doc.sectionIds) {
    const editor = getEditor(id);
    out.push({ title: sections[id]?.title ?? '', doc: editor ? (editor.getJSON() as RichDoc) : await loadContent(id) });
  }
  return { doc, sections: out };
}
