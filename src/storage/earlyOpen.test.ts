import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyOpenSettled, takeEarlyOpen, type EarlyOpen } from './earlyOpen';

// The hand-over slot the early script fills (see earlyOpen.ts).
const slot = globalThis as { __longhandEarlyOpen?: Promise<EarlyOpen | null> };

afterEach(() => { delete slot.__longhandEarlyOpen; vi.useRealTimers(); });

async function state(p: Promise<void>): Promise<'settled' | 'pending'> {
  let done = false;
  void p.then(() => { done = true; });
  await vi.advanceTimersByTimeAsync(0);
  return done ? 'settled' : 'pending';
}

describe('earlyOpenSettled (the entry waits on it before running the app)', () => {
  it('settles at once on a page without early reads', async () => {
    vi.useFakeTimers();
    expect(await state(earlyOpenSettled(400))).toBe('settled');
  });

  it('waits for the reads, and settles when they finish, well before the bound', async () => {
    vi.useFakeTimers();
    let finish!: (v: EarlyOpen | null) => void;
    slot.__longhandEarlyOpen = new Promise((r) => { finish = r; });
    const waiting = earlyOpenSettled(400);
    expect(await state(waiting)).toBe('pending');
    finish(null);
    expect(await state(waiting)).toBe('settled');
    // Waiting does not take the reads: the app still finds them.
    expect(takeEarlyOpen()).not.toBeNull();
  });

  it('settles when the reads fail, without rejecting', async () => {
    vi.useFakeTimers();
    const failed = Promise.reject(new Error('IndexedDB refused'));
    failed.catch(() => {});
    slot.__longhandEarlyOpen = failed;
    expect(await state(earlyOpenSettled(400))).toBe('settled');
  });

  it('gives up after the bound when the reads hang (a blocked IndexedDB upgrade)', async () => {
    vi.useFakeTimers();
    slot.__longhandEarlyOpen = new Promise(() => {});
    const waiting = earlyOpenSettled(400);
    await vi.advanceTimersByTimeAsync(399);
    expect(await state(waiting)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await state(waiting)).toBe('settled');
  });
});
