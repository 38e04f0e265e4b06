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
});
