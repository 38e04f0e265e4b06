// Store → IndexedDB. Watches the open document's state and marks changed records dirty in the saver; the
// store itself never touches storage. Reference equality finds what changed (every update is immutable).
import type { AppState } from './store';
import { database } from '../storage/database';
import { commitNow } from '../storage/commitNow';
import type { Saver } from '../storage/saver';

/** `onDeleted`: after a section is marked deleted (its journal record is cleared there). */
export function persistChanges(saver: Saver, get: () => AppState, onDeleted?: (id: string, docId: string) => Promise<void>) {
  return (s: AppState, prev: AppState) => {
    // Loading (or reloading) a document is not an edit, and a tab that lost the document to another tab must not
    // write back stale records. A read-only link's reader is not such a tab: this tab is the only writer of its
    // local records, and they follow the shared text (library entry, word counts, search, exports, an offline open).
    if (!s.doc || s.doc.id !== prev.doc?.id || s.openSeq !== prev.openSeq || s.tabLockReason) return;
    let docDirty = s.doc !== prev.doc;
    if (s.sections !== prev.sections) {
      docDirty = true;
      for (const [id, section] of Object.entries(s.sections)) {
        if (section !== prev.sections[id]) saver.mark(`s:${id}`, async () => { const row = get().sections[id] ?? section; await commitNow(await database(), ['sections'], (store) => store('sections').put(row)); });
      }
      for (const id of Object.keys(prev.sections)) {
        if (!s.sections[id]) { const docId = prev.sections[id]!.docId; saver.mark(`s:${id}`, () => softDelete(id, get, () => onDeleted?.(id, docId))); }
      }
    }
    if (docDirty) saver.mark(`d:${s.doc.id}`, () => writeDoc(get));
  };
}

async function softDelete(id: string, get: () => AppState, after: () => Promise<void> | undefined) {
  // Undo may have restored it before the write ran.
  if (get().sections[id]) return;
  await (await database()).sections.update(id, { deletedAt: Date.now() });
  await after();
}

async function writeDoc(get: () => AppState) {
  const { doc, sections, library, setLibrary } = get();
  if (!doc) return;
  const wordCount = doc.sectionIds.reduce((n, id) => n + (sections[id]?.wordCount ?? 0), 0);
  const record = { ...doc, wordCount, updatedAt: Date.now() };
  await commitNow(await database(), ['documents'], (store) => store('documents').put(record));
  const entry = { id: doc.id, title: doc.title, wordCount, updatedAt: record.updatedAt, targetWords: doc.targetWords };
  setLibrary([entry, ...library.filter((e) => e.id !== doc.id)]);
}
