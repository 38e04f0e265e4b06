import { describe, expect, it } from 'vitest';
import { keepUnchanged } from './keepUnchanged';
import type { SectionMetricsView } from './slice';

const m = (hash: string, ratio = 0, withIds: string[] = []): SectionMetricsView => ({
  hash, words: 10, seqRep4: 0.01, readability: { ease: 60, grade: 8, words: 10, sentences: 1, syllables: 14 },
  overlap: { shared: withIds.length, ratio, with: withIds },
});

describe('keepUnchanged', () => {
  it('keeps the previous object of every section whose figures are equal in value', () => {
    const prev = { a: m('1'), b: m('2') };
    const next = { a: m('1'), b: m('3') };
    const out = keepUnchanged(prev, next);
    expect(out.a).toBe(prev.a);
    expect(out.b).toBe(next.b);
    expect(out).not.toBe(prev);
  });

  it('returns the previous record itself when nothing changed', () => {
    const prev = { a: m('1', 0.2, ['b']), b: m('2', 0.1, ['a']) };
    expect(keepUnchanged(prev, { a: m('1', 0.2, ['b']), b: m('2', 0.1, ['a']) })).toBe(prev);
  });

  it('sees a change deep inside (overlap of an untouched section moves when another section changes)', () => {
    const prev = { a: m('1', 0.2, ['b']), b: m('2', 0.1, ['a']) };
    const next = { a: m('1', 0.3, ['b']), b: m('2', 0.1, ['a', 'c']) };
    const out = keepUnchanged(prev, next);
    expect(out.a).toBe(next.a);
    expect(out.b).toBe(next.b);
    // readability gone (a section became too short) is a change too
    const gone = keepUnchanged(prev, { ...prev, a: { ...prev.a, readability: null } });
    expect(gone.a.readability).toBeNull();
  });

  it('drops sections no longer measured and adds new ones', () => {
    const prev = { a: m('1'), b: m('2') };
    const dropped = keepUnchanged(prev, { a: m('1') });
    expect(Object.keys(dropped)).toEqual(['a']);
    expect(dropped.a).toBe(prev.a);
    const added = keepUnchanged({}, { a: m('1') });
    expect(added.a.hash).toBe('1');
  });
});
