import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSaver, type SaveState } from './saver';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('saver', () => {
  it('coalesces many marks of one key into one write with the latest state, within the delay', async () => {
    const saver = createSaver({ delayMs: 400 });
    const writes: number[] = [];
    let value = 0;
    for (let i = 0; i < 50; i++) { value = i; saver.mark('a', async () => { writes.push(value); }); }
    await vi.advanceTimersByTimeAsync(399);
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(2);
    expect(writes).toEqual([49]);
  });

  it('flushes immediately on demand (page hidden)', async () => {
    const saver = createSaver({ delayMs: 400 });
    const writes: string[] = [];
    saver.mark('a', async () => { writes.push('a'); });
    await saver.flush();
    expect(writes).toEqual(['a']);
    expect(saver.pending()).toBe(0);
  });

  it('a flush starts every pending write in the task it is called in (pagehide gets only that task)', () => {
    const saver = createSaver({ delayMs: 400 });
    const started: string[] = [];
    // Writes that never finish, like IndexedDB requests of a page that is going away.
    for (const key of ['d:doc', 's:one', 's:two']) saver.mark(key, () => { started.push(key); return new Promise<void>(() => {}); });
    void saver.flush();
    expect(started).toEqual(['d:doc', 's:one', 's:two']);
  });

  it('a flush while an earlier batch is still writing starts its own writes at once, and waits for both', async () => {
    const saver = createSaver({ delayMs: 400 });
    const started: string[] = [];
    let finishFirst!: () => void;
    saver.mark('c:chapter', () => { started.push('c:chapter'); return new Promise<void>((r) => { finishFirst = r; }); });
    const first = saver.flush();
    saver.mark('d:doc', () => { started.push('d:doc'); return Promise.resolve(); });
    let secondDone = false;
    const second = saver.flush().then(() => { secondDone = true; });
    // Started in the same task as the flush (a pagehide flush gets no other), not after the chapter's write.
    expect(started).toEqual(['c:chapter', 'd:doc']);
    await Promise.resolve(); await Promise.resolve();
    expect(secondDone).toBe(false); // everything marked before it is written only when the chapter is
    finishFirst();
    await Promise.all([first, second]);
    expect(saver.pending()).toBe(0);
  });

  it('reports a failed write and keeps retrying until it succeeds', async () => {
    const saver = createSaver({ delayMs: 100 });
    const states: SaveState[] = [];
    saver.subscribe((s) => states.push(s));
    let attempts = 0;
    saver.mark('a', async () => { attempts++; if (attempts < 3) throw Object.assign(new Error('x'), { name: 'QuotaExceededError' }); });
    await vi.advanceTimersByTimeAsync(100);
    expect(states.at(-1)).toMatchObject({ kind: 'error', message: 'Storage is full' });
    expect(saver.pending()).toBe(1);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(attempts).toBe(3);
    expect(states.at(-1)).toEqual({ kind: 'idle' });
    expect(saver.pending()).toBe(0);
  });

  it('runs a due write when idle, and a flush in between leaves the late idle callback nothing to do', async () => {
    const idle: Array<() => void> = [];
    const saver = createSaver({ delayMs: 100, whenIdle: (run) => idle.push(run) });
    const writes: string[] = [];
    saver.mark('a', async () => { writes.push('a'); });
    await vi.advanceTimersByTimeAsync(100);
    expect(writes).toEqual([]);
    expect(idle).toHaveLength(1);
    await saver.flush();
    expect(writes).toEqual(['a']);
    saver.mark('b', async () => { writes.push('b'); });
    idle[0]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(100);
    idle[1]!();
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(['a', 'b']);
  });

  it('says it is saving from the first change until the write is done', async () => {
    const saver = createSaver({ delayMs: 100 });
    const states: string[] = [];
    saver.subscribe((s) => states.push(s.kind));
    saver.mark('a', async () => {});
    saver.mark('a', async () => {});
    expect(states).toEqual(['saving']);
    await vi.advanceTimersByTimeAsync(100);
    expect(states.at(-1)).toBe('idle');
  });

  it('with maxWaitMs, marks push the write back until a pause, but never past maxWaitMs from the first mark', async () => {
    const saver = createSaver({ delayMs: 400, maxWaitMs: 2000 });
    const writes: number[] = [];
    let value = 0;
    const key = async () => { saver.mark('a', async () => { writes.push(value); }); };
    // Typing every 100 ms: no write while the burst is shorter than maxWaitMs…
    for (let t = 0; t < 1900; t += 100) { value = t; await key(); await vi.advanceTimersByTimeAsync(100); }
    expect(writes).toEqual([]);
    // …and one at maxWaitMs even though the marks go on.
    for (let t = 1900; t < 2300; t += 100) { value = t; await key(); await vi.advanceTimersByTimeAsync(100); }
    expect(writes).toEqual([1900]);
    // A pause: the next burst's write comes delayMs after its last mark.
    value = 5000;
    await key();
    await vi.advanceTimersByTimeAsync(399);
    expect(writes).toEqual([1900]);
    await vi.advanceTimersByTimeAsync(401);
    expect(writes).toEqual([1900, 5000]);
  });

  it('a mark with debounce: false does not push the pending write back', async () => {
    const saver = createSaver({ delayMs: 400, maxWaitMs: 2000 });
    const writes: string[] = [];
    saver.mark('a', async () => { writes.push('a'); }, { debounce: false });
    await vi.advanceTimersByTimeAsync(300);
    saver.mark('a', async () => { writes.push('a2'); }, { debounce: false });
    saver.mark('b', async () => { writes.push('b'); });
    await vi.advanceTimersByTimeAsync(101);
    expect(writes).toEqual(['a2', 'b']);
  });
});
