// Group commit for appends: an update must be committed before its acknowledgement, and one commit per update
// is what bounds throughput (SQLite's WAL write, PostgreSQL's round trip and flush). Appends that arrive while a
// commit is in flight — or in the same turn of the event loop — go into the next commit together.
// One batch at a time, resolved in arrival order: a connection's updates stay in the order it sent them.

export interface AppendItem { documentId: string; generation: string; update: Uint8Array }

/** Writes a batch in one transaction; returns, per item, whether it was stored (false: its share is gone). */
export type WriteBatch = (items: AppendItem[]) => Promise<boolean[]> | boolean[];

const MAX_BATCH_ITEMS = 512;
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

export function batchedAppend(write: WriteBatch): (item: AppendItem) => Promise<boolean> {
  let queue: { item: AppendItem; ok: (v: boolean) => void; fail: (e: unknown) => void }[] = [];
  let busy = false;

  const flush = async () => {
    busy = true;
    while (queue.length) {
      let bytes = 0;
      let n = 0;
      while (n < queue.length && n < MAX_BATCH_ITEMS && (n === 0 || bytes + queue[n].item.update.length <= MAX_BATCH_BYTES)) {
        bytes += queue[n].item.update.length;
        n++;
      }
      const batch = queue.slice(0, n);
      queue = queue.slice(n);
      try {
        const results = await write(batch.map((b) => b.item));
        batch.forEach((b, i) => b.ok(results[i]));
      } catch (e) {
        for (const b of batch) b.fail(e);
      }
    }
    busy = false;
  };

  return (item) => new Promise<boolean>((ok, fail) => {
    queue.push({ item, ok, fail });
    // setImmediate: let the rest of this turn's incoming messages join the batch.
    if (!busy) {
      busy = true;
      setImmediate(() => void flush());
    }
  });
}
