// Group commit: appends of one turn share a commit, later ones wait for the next, results come back in order,
// and a failed commit fails exactly its own appends.
import { describe, expect, it } from 'vitest';
import { batchedAppend, type AppendItem } from './storage/batch';

const item = (n: number): AppendItem => ({ documentId: 'd', generation: 'g', update: new Uint8Array([n]) });

describe('batchedAppend', () => {
  it('groups what arrives together, keeps arrival order, one commit in flight at a time', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    let inFlight = 0;
    let maxInFlight = 0;
    const append = batchedAppend(async (items) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      batches.push(items.map((i) => i.update[0]));
      if (batches.length === 1) await new Promise<void>((ok) => { release = ok; });
      inFlight--;
      return items.map((i) => i.update[0] % 2 === 0);
    });
    const order: number[] = [];
    const first = [0, 1, 2].map((n) => append(item(n)).then((r) => { order.push(n); return r; }));
    await new Promise((ok) => setImmediate(ok));
    // The first commit is in flight: these three wait and go together.
    const second = [3, 4, 5].map((n) => append(item(n)).then((r) => { order.push(n); return r; }));
    release();
    expect(await Promise.all([...first, ...second])).toEqual([true, false, true, false, true, false]);
    expect(batches).toEqual([[0, 1, 2], [3, 4, 5]]);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(maxInFlight).toBe(1);
  });

  it('a failed commit rejects its appends only; the next batch still commits', async () => {
    let calls = 0;
    const append = batchedAppend((items) => {
      calls++;
      if (calls === 1) throw new Error('disk full');
      return items.map(() => true);
    });
    const a = append(item(1));
    await expect(a).rejects.toThrow('disk full');
    await expect(append(item(2))).resolves.toBe(true);
  });
});
