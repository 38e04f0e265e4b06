// Write-ahead journal, storage side. Per section it keeps, in memory, the steps made since the last full
// snapshot and the id (`base`) of that snapshot, and writes them as one record at most `delayMs` after a
// change — a plain timer, not an idle wait, so a word on screen is on disk well within 100 ms while the full
// snapshot keeps its debounce. The snapshot write resets the journal in the same IndexedDB transaction
// (see workspace.ts), so a snapshot and its journal are always consistent: steps are only ever replayed onto
// the snapshot they were made on. All writes go through one queue, so a journal write never overtakes a reset.

export interface JournalState { base: string; steps: unknown[] }

export interface JournalWriter {
  /** Writes the section's journal record (base and steps). */
  write(sectionId: string, state: JournalState): Promise<void>;
  /** False once this tab must not write the section any more (another tab took the document over). */
  allowed(sectionId: string): boolean;
}

export interface Journal {
  /** The editor for a section starts from snapshot `base` plus `steps` (null: no snapshot to journal against yet). */
  begin(sectionId: string, base: string | null, steps: unknown[]): void;
  /** The in-memory journal of a section (newer than or equal to what is on disk). */
  get(sectionId: string): JournalState | undefined;
  append(sectionId: string, steps: unknown[]): void;
  /**
   * Takes a full snapshot. Call it synchronously right after reading the document, so the reset and the
   * document agree (steps made after the read belong to the new journal). `write(newBase)` must store the snapshot with `journalBase: newBase` and reset the
   * journal record to `{ base: newBase, steps: [] }` in one transaction. Steps made meanwhile are kept; a failed
   * snapshot puts the old base and steps back.
   */
  snapshot<T>(sectionId: string, write: (base: string) => Promise<T>): Promise<T>;
  /** Resolves when every journal record written so far is on disk. */
  flush(): Promise<void>;
}

const newBase = () => `b${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export function createJournal(writer: JournalWriter, { delayMs = 25 }: { delayMs?: number } = {}): Journal {
  const entries = new Map<string, JournalState>();
  const dirty = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const p = queue.then(job);
    queue = p.catch(() => undefined);
    return p;
  };

  function writeDirty(): Promise<void> {
    timer = null;
    const ids = [...dirty];
    dirty.clear();
    return enqueue(async () => {
      for (const id of ids) {
        const e = entries.get(id);
        if (!e || !writer.allowed(id)) continue;
        // A copy: the record holds the steps as of now, later appends go in the next write.
        try { await writer.write(id, { base: e.base, steps: e.steps.slice() }); } catch { dirty.add(id); schedule(); }
      }
    });
  }
  function schedule(): void {
    timer ??= setTimeout(() => { void writeDirty(); }, delayMs);
  }

  return {
    begin(sectionId, base, steps) {
      if (base === null) { entries.delete(sectionId); return; }
      const cur = entries.get(sectionId);
      // This tab's memory is never older than the disk for the same snapshot.
      if (cur && cur.base === base && cur.steps.length >= steps.length) return;
      entries.set(sectionId, { base, steps: steps.slice() });
    },
    get: (sectionId) => entries.get(sectionId),
    append(sectionId, steps) {
      const e = entries.get(sectionId);
      if (!e) return; // no snapshot to replay onto yet: the saver's first snapshot starts the journal
      for (const s of steps) e.steps.push(s);
      dirty.add(sectionId);
      schedule();
    },
    snapshot(sectionId, write) {
      const old = entries.get(sectionId);
      const base = newBase();
      const fresh: JournalState = { base, steps: [] };
      entries.set(sectionId, fresh);
      return enqueue(() => write(base)).catch((err) => {
        // The snapshot never landed: the disk still has the old one, so steps made since go back on the old list.
        if (entries.get(sectionId) === fresh) {
          if (old) entries.set(sectionId, { base: old.base, steps: old.steps.concat(fresh.steps) });
          else entries.delete(sectionId);
        }
        throw err;
      });
    },
    async flush() {
      if (timer) { clearTimeout(timer); }
      await writeDirty();
      await queue;
    },
  };
}
