import { describe, expect, it } from 'vitest';
import { defaultMaxCalls, nextRequest, writeToTarget } from './writeToTarget';

/** A short-winded model: writes what it is asked for, but never more than `stopAt` words a call. */
const model = (stopAt = 2000, ratio = 1) => {
  const asked: number[] = [];
  return { asked, generate: async (words: number) => { asked.push(words); return { words: Math.min(stopAt, Math.round(words * ratio)) }; } };
};

describe('nextRequest', () => {
  it('splits what is missing into even calls of at most 1,500 words', () => {
    expect(nextRequest(1000)).toBe(1000);
    expect(nextRequest(1500)).toBe(1500);
    expect(nextRequest(1600)).toBe(800);
    expect(nextRequest(6000)).toBe(1500);
    expect(nextRequest(5000)).toBe(1250);
  });
});

describe('writeToTarget', () => {
  it('writes a section beyond one call in several continue calls until it is in band', async () => {
    const m = model(2000);
    const r = await writeToTarget({ target: 6000, generate: m.generate });
    expect(m.asked).toEqual([1500, 1500, 1500, 1500]);
    expect(r).toMatchObject({ words: 6000, stopped: 'in-band' });
    expect(r.calls.map((c) => c.total)).toEqual([1500, 3000, 4500, 6000]);
  });

  it('copes with a model that stops short of what it was asked (the 2,000-word ceiling and worse)', async () => {
    const m = model(2000, 0.6);
    const r = await writeToTarget({ target: 6000, generate: m.generate, perCallWords: 4000 });
    expect(r.stopped).toBe('in-band');
    expect(r.words).toBeGreaterThanOrEqual(5400);
    expect(Math.max(...r.calls.map((c) => c.written))).toBeLessThanOrEqual(2000);
  });

  it('starts from the words already there, and does nothing when in band or over', async () => {
    const m = model();
    expect((await writeToTarget({ target: 1000, initialWords: 950, generate: m.generate })).calls).toEqual([]);
    const over = await writeToTarget({ target: 1000, initialWords: 1500, generate: m.generate });
    expect(over).toMatchObject({ stopped: 'over', decision: { action: 'shorten', excessWords: 500 } });
    const r = await writeToTarget({ target: 1000, initialWords: 400, generate: m.generate });
    expect(m.asked).toEqual([600]);
    expect(r.words).toBe(1000);
  });

  it('is capped: a model that writes too little stops at maxCalls', async () => {
    const m = model(2000, 0.05);
    const r = await writeToTarget({ target: 6000, generate: m.generate });
    expect(r.stopped).toBe('cap');
    expect(r.calls).toHaveLength(defaultMaxCalls(6000));
    expect(defaultMaxCalls(6000)).toBe(7);
    expect((await writeToTarget({ target: 6000, generate: model(2000, 0.05).generate, maxCalls: 2 })).calls).toHaveLength(2);
  });

  it('gives up after two calls that add nothing, and on abort', async () => {
    const r = await writeToTarget({ target: 3000, generate: async () => ({ words: 0 }) });
    expect(r).toMatchObject({ stopped: 'stalled', words: 0 });
    expect(r.calls).toHaveLength(2);
    const ac = new AbortController();
    let n = 0;
    const a = await writeToTarget({ target: 6000, signal: ac.signal, generate: async () => { if (++n === 2) ac.abort(); return { words: 1000 }; } });
    expect(a).toMatchObject({ stopped: 'aborted', words: 2000 });
  });
});
