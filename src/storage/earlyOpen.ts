// The reads that open the last document, started by the page's first, tiny script (src/early.ts) while the
// app's code is still downloading and being evaluated. That takes ~300–500 ms on a slow machine, and the reads
// (opening IndexedDB alone takes ~100 ms there) used to start only after it; the main thread is mostly idle
// meanwhile, waiting for the app's code to be parsed off-thread. IndexedDB answers on the main thread, so the
// app's code runs only once these reads are in (src/main.tsx waits on earlyOpenSettled): evaluating it is one
// long task, and the reads' answers used to queue behind it.
//
// The library and `lastDocId` need no lock. The document itself is read only under its tab lock (see
// tabLock.ts: another tab editing it writes what it owes before anyone reads it), taken here if no tab holds it
// and handed to the app's TabLock; when another tab holds it, only the library is read early. The app takes
// the result once (takeEarlyOpen) and checks it opens the same document; anything else is read as before.
import type { ContentRecord, KvRecord, Stored } from './db';
import type { DocumentMeta, SectionMeta } from '../core/model';
import { open, request } from './reads';
import { journalKey } from './journalRecords';
import { holdEarly, type EarlyLock } from './tabLock';

export interface EarlyOpen {
  documents: Array<Stored<DocumentMeta>>;
  lastDocId: KvRecord | undefined;
  /** The document these reads expect the app to open, read under its lock. */
  opened?: {
    id: string; lock: EarlyLock;
    doc: Stored<DocumentMeta> | undefined; sections: Array<Stored<SectionMeta>>;
    /** Its first live section's snapshot and journal record, as storage/reads.ts readSectionText returns them. */
    first?: { id: string; content: ContentRecord | undefined; journal: KvRecord | undefined };
  };
}

// The one hand-over point between the two scripts: set once by the early script, taken (and removed) once by
// the app. A page without it (tests, an old cached index.html) reads as before.
const KEY = '__longhandEarlyOpen';
type Holder = { [KEY]?: Promise<EarlyOpen | null> };

export function startEarlyOpen(): void {
  const p = readEarly();
  p.catch(() => {}); // the app reads again on a failure; an unclaimed failure must not be "unhandled"
  (globalThis as Holder)[KEY] = p;
}

/** Resolves when the early reads have finished (or failed, or there are none), or after `maxMs`; never rejects. */
export function earlyOpenSettled(maxMs: number): Promise<void> {
  const p = (globalThis as Holder)[KEY];
  if (!p) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, maxMs);
    const done = () => { clearTimeout(timer); resolve(); };
    p.then(done, done);
  });
}

export function takeEarlyOpen(): Promise<EarlyOpen | null> | null {
  const g = globalThis as Holder;
  const p = g[KEY] ?? null;
  delete g[KEY];
  return p;
}

const STORES = ['documents', 'sections', 'contents', 'kv'];

/** The document a page opens on: the remembered one (`lastDocId`) while it exists, else the latest edited. */
export function startDocumentId(live: ReadonlyArray<{ id: string; updatedAt: number }>, last: unknown): string | undefined {
  if (typeof last === 'string' && live.some((d) => d.id === last)) return last;
  return [...live].sort((a, b) => b.updatedAt - a.updatedAt)[0]?.id;
}

async function readEarly(): Promise<EarlyOpen | null> {
  const db = await open();
  if (!db) return null;
  let lock: EarlyLock | null = null;
  try {
    if (!STORES.every((s) => db.objectStoreNames.contains(s))) return null;
    const tx = db.transaction(['documents', 'kv'], 'readonly');
    const [documents, lastDocId] = await Promise.all([
      request(tx.objectStore('documents').getAll()) as Promise<Array<Stored<DocumentMeta>>>,
      request(tx.objectStore('kv').get('lastDocId')) as Promise<KvRecord | undefined>,
    ]);
    // The app's own choice (workspace.ts startWorkspace makes it with the same function over the library).
    const id = startDocumentId(documents.filter((d) => !d.deletedAt), lastDocId?.value);
    if (!id) return { documents, lastDocId };
    lock = await holdEarly(id);
    if (!lock) return { documents, lastDocId };
    const tx2 = db.transaction(['documents', 'sections'], 'readonly');
    const [doc, sections] = await Promise.all([
      request(tx2.objectStore('documents').get(id)) as Promise<Stored<DocumentMeta> | undefined>,
      request(tx2.objectStore('sections').index('docId').getAll(id)) as Promise<Array<Stored<SectionMeta>>>,
    ]);
    const firstId = doc?.sectionIds?.find((sid) => sections.some((s) => s.id === sid && !s.deletedAt));
    let first: NonNullable<EarlyOpen['opened']>['first'];
    if (firstId) {
      const tx3 = db.transaction(['contents', 'kv'], 'readonly');
      const [content, journal] = await Promise.all([
        request(tx3.objectStore('contents').get(firstId)) as Promise<ContentRecord | undefined>,
        request(tx3.objectStore('kv').get(journalKey(firstId))) as Promise<KvRecord | undefined>,
      ]);
      first = { id: firstId, content, journal };
    }
    const opened = { id, lock, doc, sections, first };
    lock = null;
    return { documents, lastDocId, opened };
  } finally {
    lock?.drop();
    db.close();
  }
}
