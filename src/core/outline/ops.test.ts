import { describe, expect, it } from 'vitest';
import { insertAt, moveItem, removeItem } from './ops';
import { splitTarget } from './splitTarget';

describe('outline ops', () => {
  it('moves an item down and up without losing any', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b'], 1, 9)).toEqual(['a', 'b']);
  });
  it('removes and re-inserts at the same place (undo of delete)', () => {
    const { list, index } = removeItem(['a', 'b', 'c'], 'b');
    expect(list).toEqual(['a', 'c']);
    expect(insertAt(list, index, 'b')).toEqual(['a', 'b', 'c']);
  });
});

describe('splitTarget', () => {
  it('splits equally and sums exactly to the total', () => {
    const t = splitTarget(10_000, [0, 0, 0], 'equal');
    expect(t).toEqual([3334, 3333, 3333]);
    expect(t.reduce((a, b) => a + b)).toBe(10_000);
  });
  it('splits proportionally to current targets', () => {
    expect(splitTarget(6000, [100, 200, 300], 'proportional')).toEqual([1000, 2000, 3000]);
    const odd = splitTarget(1001, [1, 1, 1], 'proportional');
    expect(odd.reduce((a, b) => a + b)).toBe(1001);
  });
  it('falls back to equal when no section has a target', () => {
    expect(splitTarget(900, [0, 0, 0], 'proportional')).toEqual([300, 300, 300]);
  });
  it('handles no sections', () => {
    expect(splitTarget(900, [], 'equal')).toEqual([]);
  });
});
