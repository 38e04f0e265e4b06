// Debounced, keyed writes. Callers mark a record dirty with a function that performs the write; the write
// runs at most `delayMs` later with the latest state (the function reads it at flush time, so a keystroke
// never serializes anything). A failed write stays dirty and is retried with backoff, and the status is
// published so the UI can say so — a save is never lost silently.

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'error'; message: string; retryInMs: number };
type Write = () => Promise<unknown>;

export interface Saver {
  /** `debounce: false`: this mark does not push a pending write back (a change nothing else has on disk yet). */
  mark(key: string, write: Write, opts?: { debounce?: boolean }): void;
  flush(): Promise<void>;
  subscribe(fn: (s: SaveState) => void): () => void;
  pending(): number;
}

export interface SaverOptions {
  delayMs?: number;
  maxBackoffMs?: number;
  /** Runs a due write when the page is idle (bounded), so serializing a chapter never lands on a keystroke. */
  whenIdle?: (run: () => void) => void;
  /**
   * Each mark pushes the write back to `delayMs` after it, but never past `maxWaitMs` after the first mark of
   * the burst. Default `delayMs`: a fixed delay from the first mark. A longer wait suits writes that a journal
   * already covers: while the writer types, the section snapshot (serializing a whole chapter), the document
   * record and the library refresh run once per pause (or every `maxWaitMs`) instead of every `delayMs`.
   */
  maxWaitMs?: number;
}

export function createSaver({ delayMs = 400, maxBackoffMs = 10_000, whenIdle = (run) => run(), maxWaitMs = delayMs }: SaverOptions = {}): Saver {
  const dirty = new Map<string, Write>();
  const listeners = new Set<(s: SaveState) => void>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let burstStart = 0; // when the first mark of the pending burst came (Date.now())
  let urgent = false;  // a pending mark asked not to be pushed back
  // Batches in flight. A flush never waits for one to finish before starting its own writes: from pagehide it gets
  // only the task it runs in, and a write started after the page went is never made (a brief typed while a section
  // snapshot was being written was lost on reload that way). Two writes of one record still land in the order they
  // were started: each write opens its IndexedDB transaction as it starts, and IndexedDB runs overlapping
  // read-write transactions in the order they were created.
  const inFlight = new Set<Promise<void>>();
  let failures = 0;
  let state: SaveState = { kind: 'idle' };
  const emit = (s: SaveState) => { state = s; listeners.forEach((l) => l(s)); };

  const schedule = (ms: number, debounce = false) => {
    let wait = ms;
    if (timer) {
      if (!debounce || urgent || maxWaitMs <= delayMs) return;
      wait = Math.max(0, Math.min(ms, burstStart + maxWaitMs - Date.now()));
      clearTimeout(timer);
    } else burstStart = Date.now();
    // A flush or a later mark in the meantime replaces `timer`, so a late idle callback does nothing.
    const t = setTimeout(() => whenIdle(() => { if (timer === t) { timer = null; void flush(); } }), wait);
    timer = t;
  };

  async function runOnce(): Promise<void> {
    const batch = [...dirty.entries()];
    dirty.clear();
    urgent = false;
    emit({ kind: 'saving' });
    const failed: Array<[string, Write]> = [];
    let lastError: unknown = null;
    // Every write of the batch starts now, in this task, rather than each after the previous one finished: a flush
    // from pagehide gets only the task it runs in, and a write started after the page went is never made (a
    // checklist edit was lost on reload that way, behind the document record's write). IndexedDB keeps two writes
    // of one record in the order they were started, and a batch holds each key once.
    const results = await Promise.allSettled(batch.map(([, write]) => write()));
    results.forEach((r, i) => { if (r.status === 'rejected') { lastError = r.reason; failed.push(batch[i]!); } });
    // A newer mark for the same key wins over the failed older write.
    for (const [key, write] of failed) if (!dirty.has(key)) dirty.set(key, write);
    if (lastError) {
      failures += 1;
      const retryInMs = Math.min(maxBackoffMs, 500 * 2 ** failures);
      emit({ kind: 'error', message: describeStorageError(lastError), retryInMs });
      schedule(retryInMs);
    } else {
      failures = 0;
      // Another batch still writing: "All changes saved" waits for it (this one is still in the set).
      if (dirty.size) schedule(delayMs); else if (inFlight.size === 1) emit({ kind: 'idle' });
    }
  }

  async function flush(): Promise<void> {
    if (timer) { clearTimeout(timer); timer = null; }
    if (dirty.size) {
      const batch: Promise<void> = runOnce().finally(() => { inFlight.delete(batch); });
      inFlight.add(batch);
    }
    // Resolves once everything marked before this call is written (or has failed and waits for its retry).
    await Promise.all([...inFlight]);
  }

  return {
    mark(key, write, opts) {
      dirty.set(key, write);
      // "All changes saved" must never show while a change waits for its write (once per burst, not per key).
      if (state.kind === 'idle') emit({ kind: 'saving' });
      if (opts?.debounce === false) urgent = true;
      if (failures === 0) schedule(delayMs, opts?.debounce ?? true);
    },
    flush,
    subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    pending: () => dirty.size,
  };
}

/** A storage failure in the words the status bar uses (also for the shared document's copy, features/collab). */
export function describeStorageError(e: unknown): string {
  const name = (e as { name?: string })?.name ?? '';
  if (/Quota/i.test(name) || /quota/i.test(String(e))) return 'Storage is full';
  if (/Blocked|Version|Open/i.test(name)) return 'The local database is blocked (another tab may be upgrading it)';
  return (e as Error)?.message || 'Could not save';
}
