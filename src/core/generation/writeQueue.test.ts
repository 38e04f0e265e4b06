import { describe, expect, it } from 'vitest';
import { createWriteQueue, type QueueSnapshot } from './writeQueue';

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A runner whose calls resolve or fail by hand, recording order and concurrency. */
function manualRunner() {
  const pending = new Map<string, { resolve: () => void; reject: (e: Error) => void; signal: AbortSignal }>();
  const started: string[] = [];
  let active = 0, maxActive = 0;
  const run = (id: string, signal: AbortSignal) => new Promise<void>((resolve, reject) => {
    started.push(id);
    active++; maxActive = Math.max(maxActive, active);
    const done = (f: () => void) => () => { active--; pending.delete(id); f(); };
    pending.set(id, { resolve: done(resolve), reject: (e) => done(() => reject(e))(), signal });
    signal.addEventListener('abort', () => pending.get(id)?.reject(new Error('aborted')));
  });
  return { run, pending, started, get maxActive() { return maxActive; } };
}

const states = (s: QueueSnapshot) => s.items.map((i) => i.state);

describe('write queue', () => {
  it('sequential: one at a time, in outline order', async () => {
    const order: string[] = [];
    let active = 0, max = 0;
    const q = createWriteQueue({
      ids: ['a', 'b', 'c', 'd'], mode: 'sequential', limit: 3,
      run: async (id) => { active++; max = Math.max(max, active); order.push(id); await tick(); active--; },
    });
    await q.start();
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect(max).toBe(1);
    expect(states(q.snapshot())).toEqual(['done', 'done', 'done', 'done']);
    expect(q.snapshot().finished).toBe(true);
  });

  it('parallel: never more than the limit at once, starts the next as one finishes', async () => {
    const r = manualRunner();
    const q = createWriteQueue({ ids: ['1', '2', '3', '4', '5', '6'], mode: 'parallel', limit: 3, run: r.run });
    const done = q.start();
    await tick();
    expect(r.started).toEqual(['1', '2', '3']);
    r.pending.get('2')!.resolve();
    await tick(); await tick();
    expect(r.started).toEqual(['1', '2', '3', '4']);
    for (let k = 0; k < 10 && r.pending.size; k++) { for (const p of [...r.pending.values()]) p.resolve(); await tick(); await tick(); }
    await done;
    expect(r.maxActive).toBe(3);
    expect(states(q.snapshot()).every((s) => s === 'done')).toBe(true);
  });

  it('a failure marks that section and the queue keeps going; retry runs only the failed ones', async () => {
    let failB = true;
    const ran: string[] = [];
    const q = createWriteQueue({
      ids: ['a', 'b', 'c'], mode: 'sequential',
      run: async (id) => { ran.push(id); if (id === 'b' && failB) throw new Error('rate limited'); },
    });
    await q.start();
    expect(states(q.snapshot())).toEqual(['done', 'failed', 'done']);
    expect(q.snapshot().items[1]!.error).toBe('rate limited');
    failB = false;
    await q.retryFailed();
    expect(ran).toEqual(['a', 'b', 'c', 'b']);
    expect(states(q.snapshot())).toEqual(['done', 'done', 'done']);
  });

  it('a runner that throws synchronously is a failure, not a crash', async () => {
    const q = createWriteQueue({ ids: ['a', 'b'], mode: 'parallel', run: (id) => { if (id === 'a') throw new Error('boom'); return Promise.resolve(); } });
    await q.start();
    expect(states(q.snapshot())).toEqual(['failed', 'done']);
  });

  it('cancel aborts running sections and drops queued ones', async () => {
    const r = manualRunner();
    const q = createWriteQueue({ ids: ['a', 'b', 'c', 'd'], mode: 'parallel', limit: 2, run: r.run });
    const done = q.start();
    await tick();
    const signals = [...r.pending.values()].map((p) => p.signal);
    q.cancel();
    await done;
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(r.started).toEqual(['a', 'b']);
    expect(states(q.snapshot())).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect(q.snapshot()).toMatchObject({ cancelled: true, finished: true });
  });

  it('pause lets running sections finish but starts none; resume goes on', async () => {
    const r = manualRunner();
    const snaps: QueueSnapshot[] = [];
    const q = createWriteQueue({ ids: ['a', 'b', 'c'], mode: 'sequential', run: r.run, onChange: (s) => snaps.push(s) });
    let finished = false;
    const done = q.start().then(() => { finished = true; });
    await tick();
    q.pause();
    r.pending.get('a')!.resolve();
    await tick(); await tick();
    expect(r.started).toEqual(['a']);
    expect(finished).toBe(false);
    expect(q.snapshot()).toMatchObject({ paused: true, finished: false });
    q.resume();
    await tick();
    expect(r.started).toEqual(['a', 'b']);
    r.pending.get('b')!.resolve(); await tick(); await tick();
    r.pending.get('c')!.resolve();
    await done;
    expect(states(q.snapshot())).toEqual(['done', 'done', 'done']);
    expect(snaps.some((s) => s.paused)).toBe(true);
  });

  it('finishes at once with nothing to do', async () => {
    const q = createWriteQueue({ ids: [], mode: 'parallel', run: async () => {} });
    await q.start();
    expect(q.snapshot().finished).toBe(true);
  });
});
