// Whether this browser's copy of a shared document (y-indexeddb) holds every update made so far, so the save
// status can say "Saving…" until it does, and "Not saved: …" when the browser refuses a write. y-indexeddb writes
// each update in its own readwrite transaction on its `updates` store and reports nothing when that write is done.
// IndexedDB starts a transaction only once every earlier readwrite transaction on an overlapping store has
// finished, so a readonly transaction on `updates` created after an update's write was queued completes only after
// that write: its completion means every update made before it was created is on disk. One such check runs at a
// time; updates made meanwhile get the next one.
//
// A refused write (storage full, the database closed under the page) aborts its transaction, which y-indexeddb
// neither reports nor retries: that update would simply be missing from this browser's copy, while a later check
// would still complete and claim it saved. An aborted transaction's `abort` event bubbles to its database, so the
// tracker hears every refused write there, says so as an error (the save status shows it, as for the app's own
// records) and, with backoff, writes the Y.Doc's whole state again, which holds every update made so far.
import * as Y from 'yjs';
import { describeStorageError, type SaveState } from '../../storage/saver';

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
  /** idle (all stored), saving, or error (a write was refused; retried in `retryInMs`). */
  state(): SaveState;
  destroy(): void;
}

export interface LocalSavesOptions {
  /** Longest wait between two attempts to store the whole state again (default 10 s, as the app's saver). */
  maxBackoffMs?: number;
}

/** Counts `ydoc`'s updates and the ones `store` has stored; `onChange` hears when the state changes. */
export function trackLocalSaves(ydoc: Y.Doc, store: LocalStore, onChange: (state: SaveState) => void, opts: LocalSavesOptions = {}): LocalSaves {
  const maxBackoffMs = opts.maxBackoffMs ?? 10_000;
  let made = 0;
  let stored = 0;
  let checking = false;
  let destroyed = false;
  /** The last refused write: `upTo` updates had been made when it was heard, so a rewrite must cover them. */
  let failure: { message: string; retryInMs: number; upTo: number } | null = null;
  let failures = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let watched: IDBDatabase | null = null;
  const saving = () => stored < made;
  const state = (): SaveState => failure ? { kind: 'error', message: failure.message, retryInMs: failure.retryInMs }
    : saving() ? { kind: 'saving' } : { kind: 'idle' };
  let reported = JSON.stringify(state());
  function report(): void {
    if (destroyed) return;
    const s = state();
    const key = JSON.stringify(s);
    if (key !== reported) { reported = key; onChange(s); }
  }

  function fail(error: unknown): void {
    if (destroyed) return;
    failures++;
    const retryInMs = Math.min(maxBackoffMs, 500 * 2 ** failures);
    failure = { message: describeStorageError(error ?? new Error('The browser refused to store the shared document')), retryInMs, upTo: made };
    report();
    if (retry) clearTimeout(retry);
    retry = setTimeout(rewrite, retryInMs);
  }

  /** Stores the whole state again: every update made so far, whichever write of them was refused. */
  function rewrite(): void {
    retry = null;
    if (destroyed) return;
    const db = store.db;
    const upTo = made;
    let tx: IDBTransaction;
    try {
      if (!db) throw new Error('The local database is not open');
      tx = db.transaction(UPDATES_STORE, 'readwrite');
      // The store's keys are generated (y-indexeddb creates it with autoIncrement); it merges updates on load.
      tx.objectStore(UPDATES_STORE).add(Y.encodeStateAsUpdate(ydoc));
    } catch (e) {
      fail(e);
      return;
    }
    // A refusal of this write reaches `onAbort` like any other and schedules the next attempt.
    tx.oncomplete = () => {
      if (destroyed) return;
      stored = Math.max(stored, upTo);
      // A write refused after this one was created is not covered: its own retry is already scheduled.
      if (failure && failure.upTo <= upTo) {
        failure = null;
        failures = 0;
        if (retry) { clearTimeout(retry); retry = null; }
      }
      report();
      check();
    };
  }

  const onAbort = (e: Event) => {
    const tx = e.target as IDBTransaction | null;
    // This tracker's own checks are readonly: they abort only when the database closes, which a write would hear.
    if (!tx || tx.mode !== 'readwrite') return;
    fail(tx.error);
  };
  /** Listens for refused writes once the database is open (before any of its writes can be made). */
  function watch(): void {
    const db = store.db;
    if (!db || watched === db || destroyed) return;
    watched?.removeEventListener('abort', onAbort);
    watched = db;
    db.addEventListener('abort', onAbort);
  }

  function check(): void {
    if (destroyed || checking || !saving()) return;
    checking = true;
    const db = store.db;
    if (!db) {
      // A database that cannot be opened stores nothing: that is an error, not a long "Saving…".
      void store.whenSynced.then(() => { checking = false; watch(); check(); }, (e: unknown) => { checking = false; fail(e); });
      return;
    }
    watch();
    // Every update counted so far has had its write transaction created (synchronously, in y-indexeddb's own
    // update handler, which `onUpdate` defers past), so this readonly one is ordered after all of them.
    const upTo = made;
    let tx: IDBTransaction;
    try {
      tx = db.transaction(UPDATES_STORE, 'readonly');
      tx.objectStore(UPDATES_STORE).count();
    } catch (e) {
      // The database closed under the page (not this session's destroy, which stops the tracker first): y-indexeddb
      // can store nothing more, so the status must not stay on "Saving…".
      checking = false;
      fail(e);
      return;
    }
    tx.oncomplete = () => {
      checking = false;
      if (destroyed) return;
      stored = Math.max(stored, upTo);
      report();
      if (saving()) check();
    };
    // Unconfirmed stays "saving": the status must not claim a write it could not see finish. The next update
    // tries again.
    tx.onabort = () => { checking = false; };
  }

  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    // Updates y-indexeddb loaded from the database are not written again.
    if (destroyed || origin === store) return;
    // y-indexeddb's handler creates this update's write in this same event: listen before that write can abort.
    watch();
    made++;
    report();
    // After the current update event: y-indexeddb's handler may run after this one.
    queueMicrotask(check);
  };
  ydoc.on('update', onUpdate);
  void store.whenSynced.then(watch, () => {});

  return {
    saving,
    state,
    destroy() {
      destroyed = true;
      ydoc.off('update', onUpdate);
      watched?.removeEventListener('abort', onAbort);
      if (retry) clearTimeout(retry);
    },
  };
}
