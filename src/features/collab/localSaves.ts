// Whether this browser's copy of a shared document (y-indexeddb) holds every update made so far, so the save
// status can say "Saving…" until it does. y-indexeddb writes each update in its own readwrite transaction on its
// `updates` store and reports nothing when that write is done. IndexedDB starts a transaction only once every
// earlier readwrite transaction on an overlapping store has finished, so a readonly transaction on `updates`
// created after an update's write was queued completes only after that write: its completion means every update
// made before it was created is on disk. One such check runs at a time; updates made meanwhile get the next one.
import type * as Y from 'yjs';

/** y-indexeddb's store of updates (`updatesStoreName` in node_modules/y-indexeddb/src/y-indexeddb.js). */
export const UPDATES_STORE = 'updates';

/** The public fields of y-indexeddb's IndexeddbPersistence this reads. */
export interface LocalStore {
  /** Null until the database is open. y-indexeddb skips updates made before that and stores the whole state
   * instead, in the transaction that loads the saved updates (it is created before `whenSynced` resolves). */
  readonly db: IDBDatabase | null;
  readonly whenSynced: Promise<unknown>;
}

export interface LocalSaves {
  /** Some update is not yet known to be stored in this browser. */
  saving(): boolean;
  destroy(): void;
}

/** Counts `ydoc`'s updates and the ones `store` has stored; `onChange` hears when "saving" flips. */
export function trackLocalSaves(ydoc: Y.Doc, store: LocalStore, onChange: (saving: boolean) => void): LocalSaves {
  let made = 0;
  let stored = 0;
  let checking = false;
  let destroyed = false;
  const saving = () => stored < made;

  function check(): void {
    if (destroyed || checking || !saving()) return;
    checking = true;
    const db = store.db;
    if (!db) {
      void store.whenSynced.then(() => { checking = false; check(); });
      return;
    }
    // Every update counted so far has had its write transaction created (synchronously, in y-indexeddb's own
    // update handler, which `onUpdate` defers past), so this readonly one is ordered after all of them.
    const upTo = made;
    let tx: IDBTransaction;
    try {
      tx = db.transaction(UPDATES_STORE, 'readonly');
      tx.objectStore(UPDATES_STORE).count();
    } catch {
      // The database is closing (the session is being destroyed): nothing more can be stored or confirmed.
      checking = false;
      return;
    }
    tx.oncomplete = () => {
      checking = false;
      if (destroyed) return;
      stored = Math.max(stored, upTo);
      if (saving()) check();
      else onChange(false);
    };
    // Unconfirmed stays "saving": the status must not claim a write it could not see finish. The next update
    // tries again.
    tx.onabort = () => { checking = false; };
  }

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates y-indexeddb loaded from the database are not written again.
    if (destroyed || origin === store) return;
    const was = saving();
    made++;
    if (!was) onChange(true);
    // After the current update event: y-indexeddb's handler may run after this one.
    queueMicrotask(check);
  };
  ydoc.on('update', onUpdate);

  return {
    saving,
    destroy() {
      destroyed = true;
      ydoc.off('update', onUpdate);
    },
  };
}
