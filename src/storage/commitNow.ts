// Writes that reach the disk even when the page goes right after they start.
//
// Dexie asks a transaction to commit only once its request has succeeded back in the page (or lets it
// auto-commit when the page's task ends). A write started by the pagehide flush of a reload never gets that far:
// its transaction is aborted with the page, and the change is lost (a document brief typed just before a reload
// came back empty 2 times in 6). `IDBTransaction.commit()` called right after the requests hands the commit to
// the database itself, which finishes it whether or not the page is still there to hear the result.
import type { LonghandDB } from './db';

type StoreName = 'documents' | 'sections' | 'contents' | 'kv';

/** Runs `fill`'s requests in one read-write transaction that commits as soon as they are done. */
export async function commitNow(db: LonghandDB, stores: StoreName[], fill: (store: (name: StoreName) => IDBObjectStore) => void): Promise<void> {
  if (!db.isOpen()) await db.open();
  const tx = db.backendDB().transaction(stores, 'readwrite');
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The write was aborted', 'AbortError'));
  });
  try {
    fill((name) => tx.objectStore(name));
  } catch (e) {
    // A request refused at once (quota, a value that cannot be stored): nothing of this transaction is written.
    done.catch(() => {});
    try { tx.abort(); } catch { /* already finished */ }
    throw e;
  }
  tx.commit();
  return done;
}
