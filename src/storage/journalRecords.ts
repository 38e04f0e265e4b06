// The journal's records in IndexedDB (kv `j:<sectionId>`): what a deleted section or document leaves behind is
// folded into its snapshot and removed, so the kv table does not collect the journals of every section ever
// deleted, while Undo still gets the text as it was last shown.
import type { LonghandDB } from './db';
import type { RichDoc } from '../core/model';
import type { JournalState } from './journal';

export const journalKey = (sectionId: string) => `j:${sectionId}`;

/** Applies journalled steps to a snapshot (null: the empty document); null when no step applied. */
export type Replay = (snapshot: RichDoc | null, steps: readonly unknown[]) => RichDoc | null;

/** The base a section's journal must carry to replay onto its stored snapshot ('' = no snapshot yet). */
export const NO_SNAPSHOT = '';

export async function retireJournal(db: LonghandDB, sectionId: string, docId: string, replay: Replay): Promise<void> {
  await db.transaction('rw', db.contents, db.kv, async () => {
    const key = journalKey(sectionId);
    const [rec, jrec] = await Promise.all([db.contents.get(sectionId), db.kv.get(key)]);
    if (!jrec) return;
    const disk = jrec.value as Partial<JournalState> | undefined;
    const base = rec ? rec.journalBase ?? null : NO_SNAPSHOT;
    // Steps made since the snapshot go into it first (a journal made on another snapshot is stale: dropped).
    if (base !== null && disk?.base === base && Array.isArray(disk.steps) && disk.steps.length) {
      const doc = replay(rec?.doc ?? null, disk.steps);
      if (doc) await db.contents.put({ id: sectionId, docId: rec?.docId ?? docId, doc, updatedAt: Date.now() });
    }
    await db.kv.delete(key);
  });
}
