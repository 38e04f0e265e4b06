// "Saved in this browser" for a shared document waits for y-indexeddb's own writes: the tracker counts the Y.Doc's
// updates and says saved only once every write transaction y-indexeddb created for them has completed (real
// y-indexeddb over fake-indexeddb, which orders transactions as the IndexedDB spec does).
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { trackLocalSaves, type LocalSaves, type LocalSavesOptions } from './localSaves';
import type { SaveState } from '../../storage/saver';

let n = 0;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const c of cleanups.splice(0).reverse()) await c(); });

function open(name: string, opts?: LocalSavesOptions) {
  const ydoc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, ydoc);
  /** Each change of state: true for saving, false for saved (idle), the message for an error. */
  const flips: (boolean | string)[] = [];
  const waiters: { want: SaveState['kind']; ok: () => void }[] = [];
  const tracker: LocalSaves = trackLocalSaves(ydoc, persistence, (s) => {
    flips.push(s.kind === 'error' ? s.message : s.kind === 'saving');
    for (const w of waiters.filter((x) => x.want === s.kind)) { waiters.splice(waiters.indexOf(w), 1); w.ok(); }
  }, opts);
  const reach = (want: SaveState['kind']) => new Promise<void>((ok) => { if (tracker.state().kind === want) ok(); else waiters.push({ want, ok }); });
  const saved = () => reach('idle');
  cleanups.push(async () => { tracker.destroy(); await persistence.destroy(); ydoc.destroy(); });
  return { ydoc, persistence, tracker, flips, saved, reach };
}

/** The text a fresh Y.Doc loads from the database `name` (what a reload of the page would show). */
async function reload(name: string): Promise<string> {
  const ydoc = new Y.Doc();
  const p = new IndexeddbPersistence(name, ydoc);
  await p.whenSynced;
  const text = ydoc.getText('t').toString();
  await p.destroy();
  ydoc.destroy();
  return text;
}

describe('trackLocalSaves', () => {
  it('says saved only after every write transaction y-indexeddb created for the updates has completed', async () => {
    const name = `ls-${++n}`;
    const { ydoc, persistence, tracker, flips, saved } = open(name);
    await persistence.whenSynced;
    // Watch y-indexeddb's own readwrite transactions on the updates store.
    const db = persistence.db!;
    const writes: { done: boolean }[] = [];
    const transaction = db.transaction.bind(db);
    db.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      const tx = transaction(stores, mode);
      if (mode !== 'readonly') {
        const w = { done: false };
        writes.push(w);
        tx.addEventListener('complete', () => { w.done = true; });
      }
      return tx;
    }) as typeof db.transaction;
    const text = ydoc.getText('t');
    for (let i = 0; i < 20; i++) text.insert(text.length, `word${i} `);
    expect(tracker.saving()).toBe(true);
    expect(writes.length).toBe(20);
    await saved();
    // When it flipped back (IndexedDB events are tasks: none ran since), no write was still running.
    expect(writes.every((w) => w.done)).toBe(true);
    // One "saving" and one "saved" for the whole burst: the status bar is not re-rendered per keystroke.
    expect(flips).toEqual([true, false]);
    expect(await reload(name)).toBe(text.toString());
  });

  it('is not saved at once: the flip back to saved comes only after the write completes', async () => {
    const name = `ls-${++n}`;
    const { ydoc, persistence, flips, saved } = open(name);
    await persistence.whenSynced;
    const db = persistence.db!;
    const order: string[] = [];
    const transaction = db.transaction.bind(db);
    db.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      const tx = transaction(stores, mode);
      if (mode !== 'readonly') tx.addEventListener('complete', () => order.push('write complete'));
      return tx;
    }) as typeof db.transaction;
    ydoc.getText('t').insert(0, 'one');
    expect(flips).toEqual([true]);
    const waiting = saved().then(() => order.push('saved'));
    await waiting;
    expect(order).toEqual(['write complete', 'saved']);
  });

  it('covers updates made before the database is open (y-indexeddb stores them with the loaded state)', async () => {
    const name = `ls-${++n}`;
    const { ydoc, persistence, tracker, saved } = open(name);
    ydoc.getText('t').insert(0, 'before open');
    expect(persistence.db).toBeNull();
    expect(tracker.saving()).toBe(true);
    await saved();
    expect(persistence.synced).toBe(true);
    expect(await reload(name)).toBe('before open');
  });

  it('does not count the updates it loads from the database', async () => {
    const name = `ls-${++n}`;
    const first = open(name);
    first.ydoc.getText('t').insert(0, 'kept');
    await first.saved();
    const second = open(name);
    await second.persistence.whenSynced;
    expect(second.ydoc.getText('t').toString()).toBe('kept');
    expect(second.tracker.saving()).toBe(false);
    expect(second.flips).toEqual([]);
  });

  it('counts updates that arrive while a check is running, and checks again for them', async () => {
    const name = `ls-${++n}`;
    const { ydoc, persistence, flips, saved } = open(name);
    await persistence.whenSynced;
    const text = ydoc.getText('t');
    const db = persistence.db!;
    const transaction = db.transaction.bind(db);
    let checks = 0;
    db.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      const tx = transaction(stores, mode);
      // Right after the first check is created, another update: that check cannot cover it.
      if (mode === 'readonly' && ++checks === 1) text.insert(1, 'b');
      return tx;
    }) as typeof db.transaction;
    text.insert(0, 'a');
    await saved();
    expect(checks).toBe(2);
    expect(flips).toEqual([true, false]);
    expect(await reload(name)).toBe('ab');
  });

  it('stops listening when destroyed', async () => {
    const name = `ls-${++n}`;
    const { ydoc, persistence, tracker, flips } = open(name);
    await persistence.whenSynced;
    tracker.destroy();
    ydoc.getText('t').insert(0, 'x');
    expect(tracker.saving()).toBe(false);
    expect(flips).toEqual([]);
  });

  /** Makes y-indexeddb's writes fail as a full disk does: the write's transaction aborts at commit, after its
   * request succeeded, with a QuotaExceededError, so the update is not stored. While `refusing()` is true. */
  function refuseWrites(db: IDBDatabase, refusing: () => boolean) {
    const transaction = db.transaction.bind(db);
    let refused = 0;
    db.transaction = ((stores: string | string[], mode?: IDBTransactionMode) => {
      const tx = transaction(stores, mode);
      if (mode === 'readwrite' && refusing()) {
        const objectStore = tx.objectStore.bind(tx);
        tx.objectStore = ((n: string) => {
          const os = objectStore(n);
          const add = os.add.bind(os);
          os.add = ((value: unknown, key?: IDBValidKey) => {
            const req = add(value, key);
            req.addEventListener('success', () => {
              refused++;
              Object.defineProperty(tx, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
              tx.abort();
            });
            return req;
          }) as typeof os.add;
          return os;
        }) as typeof tx.objectStore;
      }
      return tx;
    }) as typeof db.transaction;
    return () => refused;
  }

  it('a write IndexedDB refuses is an error, never "saved"; the whole state is stored again once it can be', async () => {
    const name = `ls-${++n}`;
    const { ydoc, persistence, tracker, flips, saved, reach } = open(name, { maxBackoffMs: 5 });
    await persistence.whenSynced;
    ydoc.getText('t').insert(0, 'kept ');
    await saved();
    expect(flips).toEqual([true, false]);
    flips.length = 0;
    let full = true;
    const refused = refuseWrites(persistence.db!, () => full);
    ydoc.getText('t').insert(5, 'refused');
    await reach('error');
    expect(refused()).toBeGreaterThan(0);
    expect(tracker.state()).toMatchObject({ kind: 'error', message: 'Storage is full' });
    // Later updates' checks complete (IndexedDB still answers reads) but must not turn the refusal into "saved";
    // nor do the retries while the disk stays full.
    ydoc.getText('t').insert(12, ' more');
    const tries = refused();
    await new Promise<void>((ok) => { const t = setInterval(() => { if (refused() > tries + 1) { clearInterval(t); ok(); } }, 1); });
    expect(tracker.state().kind).toBe('error');
    expect(flips).not.toContain(false);
    full = false;
    await saved();
    // Saving, then the refusal, then saved only once the rewrite was stored.
    expect(flips).toEqual([true, 'Storage is full', false]);
    // The retry stored what the refused writes had not: a reload of this browser's copy has every word.
    expect(await reload(name)).toBe('kept refused more');
  });
});
