// The reads that open a document, in plain IndexedDB: the library, one document, its section records, one
// section's snapshot and journal. They return the very records Dexie stored (./db.ts declares the schema), so
// opening a book needs no Dexie: it loads beside the first section (./database.ts) and takes every write.
//
// Each read opens its own short connection and closes it: nothing is held that could block Dexie's upgrade in
// this or another tab. A database that does not exist yet is not created here (the upgrade is aborted, so Dexie
// still creates it with its schema): reads of it find nothing.
import type { ContentRecord, KvRecord, Stored } from './db';
import type { DocumentMeta, SectionMeta } from '../core/model';

const NAME = 'longhand';

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function open(): Promise<IDBDatabase | null> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME);
    let fresh = false;
    req.onupgradeneeded = () => { fresh = true; req.transaction?.abort(); };
    req.onsuccess = () => {
      const db = req.result;
      // Dexie upgrading the schema (this tab or another) must never wait for this connection.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    req.onerror = () => (fresh ? resolve(null) : reject(req.error));
    req.onblocked = () => resolve(null);
  });
}

/** Runs `fn` on one read-only transaction over `stores`; `empty` when the database does not exist yet. */
async function read<T>(stores: string[], empty: T, fn: (tx: IDBTransaction) => Promise<T>): Promise<T> {
  const db = await open();
  if (!db) return empty;
  try {
    // A store this version of the schema does not have yet (a database made by an older build) holds nothing.
    if (!stores.every((s) => db.objectStoreNames.contains(s))) return empty;
    return await fn(db.transaction(stores, 'readonly'));
  } finally {
    db.close();
  }
}

export const readDocuments = (): Promise<Array<Stored<DocumentMeta>>> =>
  read(['documents'], [], (tx) => request(tx.objectStore('documents').getAll()));

/** A document and its section records (deleted ones included, as stored), in one transaction. */
export const readDocument = (id: string): Promise<{ doc: Stored<DocumentMeta> | undefined; sections: Array<Stored<SectionMeta>> }> =>
  read(['documents', 'sections'], { doc: undefined, sections: [] }, async (tx) => {
    const [doc, sections] = await Promise.all([
      request(tx.objectStore('documents').get(id)),
      request(tx.objectStore('sections').index('docId').getAll(id)),
    ]);
    return { doc, sections };
  });

/** A section's stored snapshot and the kv record under `journalKey`, in one transaction. */
export const readSectionText = (id: string, journalKey: string): Promise<{ content: ContentRecord | undefined; journal: KvRecord | undefined }> =>
  read(['contents', 'kv'], { content: undefined, journal: undefined }, async (tx) => {
    const [content, journal] = await Promise.all([
      request(tx.objectStore('contents').get(id)),
      request(tx.objectStore('kv').get(journalKey)),
    ]);
    return { content, journal };
  });

export const readKv = (key: string): Promise<KvRecord | undefined> =>
  read(['kv'], undefined, (tx) => request(tx.objectStore('kv').get(key)));
