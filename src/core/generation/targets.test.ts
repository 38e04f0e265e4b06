import { describe, expect, it } from 'vitest';
import { apportion, normalizeTargets, splitTarget } from './targets';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('apportion', () => {
  it('sums exactly to the total with integers, largest remainders first', () => {
    expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(apportion(100, [1, 2, 3, 4])).toEqual([10, 20, 30, 40]);
    for (const total of [1, 7, 999, 12_345, 100_000]) {
      const out = apportion(total, [3, 1, 4, 1, 5, 9, 2, 6]);
      expect(sum(out)).toBe(total);
      expect(out.every(Number.isInteger)).toBe(true);
    }
  });

  it('rounds to steps and gives the rest to the largest share', () => {
    const out = apportion(10_005, [1, 2, 3], 10);
    expect(sum(out)).toBe(10_005);
    expect(out.slice(0, 2).every((x) => x % 10 === 0)).toBe(true);
  });

  it('splits equally when no weight is usable', () => {
    expect(apportion(9, [0, NaN, -1])).toEqual([3, 3, 3]);
    expect(apportion(5, [])).toEqual([]);
  });
});

describe('normalizeTargets', () => {
  it('scales plan targets to the exact total, keeping proportions, in round numbers', () => {
    const out = normalizeTargets([{ title: 'a', words: 800 }, { title: 'b', words: 1200 }, { title: 'c', words: 1900 }], 10_000);
    expect(sum(out.map((e) => e.words))).toBe(10_000);
    expect(out.map((e) => e.words)).toEqual([2050, 3080, 4870]);
    expect(out[0]!.title).toBe('a');
  });

  it('gives entries without a target the average of the others', () => {
    const out = normalizeTargets([{ words: 1000 }, {}, { words: 3000 }, { words: null }], 8000);
    expect(out.map((e) => e.words)).toEqual([1000, 2000, 3000, 2000]);
  });

  it('splits evenly when nothing has a target, and keeps the plan figures without a total', () => {
    expect(normalizeTargets([{}, {}, {}], 3000).map((e) => e.words)).toEqual([1000, 1000, 1000]);
    expect(normalizeTargets([{ words: 812.4 }, {}], 0).map((e) => e.words)).toEqual([812, 812]);
  });

  it('sums exactly for awkward totals', () => {
    const out = normalizeTargets([{ words: 1 }, { words: 1 }, { words: 1 }], 1001);
    expect(sum(out.map((e) => e.words))).toBe(1001);
  });
});

describe('splitTarget', () => {
  it('equal: shares the total evenly', () => {
    expect(splitTarget(80_000, [1, 2, 3, 4], 'equal')).toEqual([20_000, 20_000, 20_000, 20_000]);
    expect(sum(splitTarget(10_000, [0, 0, 0], 'equal'))).toBe(10_000);
  });

  it('proportional: keeps the current ratios, zero targets count as average', () => {
    expect(splitTarget(20_000, [1000, 3000], 'proportional')).toEqual([5000, 15_000]);
    expect(splitTarget(9000, [1000, 0, 2000], 'proportional')).toEqual([2000, 3000, 4000]);
  });
});
