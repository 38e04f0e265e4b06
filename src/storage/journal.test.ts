import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createJournal, type JournalState } from './journal';

describe('journal', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  const setup = (allowed = () => true) => {
    const written: Array<[string, JournalState]> = [];
    const j = createJournal({ write: async (id, s) => { written.push([id, s]); }, allowed }, { delayMs: 25 });
    return { j, written };
  };

  it('writes appended steps within the delay, one record per burst, against the begun base', async () => {
    const { j, written } = setup();
    j.begin('s1', 'b0', ['x']);
    j.append('s1', ['a']);
    j.append('s1', ['b', 'c']);
    expect(written).toEqual([]);
    await vi.advanceTimersByTimeAsync(25);
    expect(written).toEqual([['s1', { base: 'b0', steps: ['x', 'a', 'b', 'c'] }]]);
  });

  it('records nothing for a section with no snapshot to replay onto', async () => {
    const { j, written } = setup();
    j.begin('s1', null, []);
    j.append('s1', ['a']);
    await vi.advanceTimersByTimeAsync(100);
    expect(written).toEqual([]);
  });

  it('a snapshot resets the journal to a new base; later steps go on the new journal, after the snapshot', async () => {
    const { j, written } = setup();
    j.begin('s1', 'b0', []);
    j.append('s1', ['a']);
    const order: string[] = [];
    let snapBase = '';
    const done = j.snapshot('s1', async (base) => { snapBase = base; order.push(`snapshot:${written.length}`); });
    j.append('s1', ['b']);
    await done;
    await vi.advanceTimersByTimeAsync(25);
    expect(snapBase).not.toBe('b0');
    expect(j.get('s1')).toEqual({ base: snapBase, steps: ['b'] });
    expect(written.at(-1)).toEqual(['s1', { base: snapBase, steps: ['b'] }]);
    expect(order).toEqual(['snapshot:0']);
  });

  it('a failed snapshot puts the old base back with every step since', async () => {
    const { j } = setup();
    j.begin('s1', 'b0', ['a']);
    const p = j.snapshot('s1', async () => { throw new Error('quota'); });
    j.append('s1', ['b']);
    await expect(p).rejects.toThrow('quota');
    expect(j.get('s1')).toEqual({ base: 'b0', steps: ['a', 'b'] });
  });

  it('never writes a section this tab no longer owns', async () => {
    let owns = true;
    const { j, written } = setup(() => owns);
    j.begin('s1', 'b0', []);
    j.append('s1', ['a']);
    owns = false;
    await j.flush();
    expect(written).toEqual([]);
  });

  it('begin keeps the newer memory of a remounted section', () => {
    const { j } = setup();
    j.begin('s1', 'b0', []);
    j.append('s1', ['a', 'b']);
    j.begin('s1', 'b0', ['a']);
    expect(j.get('s1')?.steps).toEqual(['a', 'b']);
  });
});
