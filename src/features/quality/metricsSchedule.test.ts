import { describe, expect, it } from 'vitest';
import { batchTexts, quietWait } from './metricsSchedule';

describe('quietWait', () => {
  it('waits out the rest of the quiet period after the last input, and not at all once it has passed', () => {
    expect(quietWait(1000, 600, 1000)).toBe(600);
    expect(quietWait(1600, 600, 1000)).toBe(0);
    expect(quietWait(5000, 600, 1000)).toBe(0);
    expect(quietWait(10, -Infinity, 1000)).toBe(0);
  });
});

describe('batchTexts', () => {
  type Input = { id: string; hash: string; text?: string };
  const t = (id: string, n: number): Input => ({ id, hash: `h${id}`, text: 'x'.repeat(n) });
  it('groups texts in order up to the limit and leaves out inputs without text', () => {
    const out = batchTexts<Input>([t('a', 40), { id: 'b', hash: 'hb' }, t('c', 50), t('d', 30), t('e', 100)], 100);
    expect(out.map((b) => b.map((x) => x.id))).toEqual([['a', 'c'], ['d'], ['e']]);
  });
  it('puts a text larger than the limit in a group of its own', () => {
    expect(batchTexts([t('a', 10), t('b', 500), t('c', 10)], 100).map((b) => b.map((x) => x.id))).toEqual([['a'], ['b'], ['c']]);
  });
  it('returns no group when nothing carries text', () => {
    expect(batchTexts<Input>([{ id: 'a', hash: 'ha' }], 100)).toEqual([]);
  });
  it('keeps every text exactly once', () => {
    const inputs = Array.from({ length: 50 }, (_, i) => t(String(i), (i * 37) % 120));
    expect(batchTexts(inputs, 200).flat().map((x) => x.id)).toEqual(inputs.map((x) => x.id));
  });
});
