import { describe, expect, it } from 'vitest';
import { documentOverlap, gramSet } from './documentOverlap';
import { sectionOverlap } from './repetition';

const a = 'It is a truth universally acknowledged that a single man in possession of a good fortune must be in want of a wife.';
const b = 'Everyone knows it is a truth universally acknowledged that a single man wants a wife.';
const c = 'Nothing in common here at all, just other words entirely and more of them too.';

describe('documentOverlap', () => {
  it('agrees with the pairwise sectionOverlap', () => {
    const texts = { a, b, c, d: a };
    const all = documentOverlap(Object.entries(texts).map(([id, t]) => ({ id, grams: gramSet(t) })));
    for (const [id, t] of Object.entries(texts)) {
      const others = Object.entries(texts).filter(([o]) => o !== id).map(([o, text]) => ({ id: o, text }));
      const pair = sectionOverlap(t, others);
      expect(all[id]!.shared, id).toBe(pair.shared);
      expect(all[id]!.ratio, id).toBeCloseTo(pair.ratio, 10);
      expect(all[id]!.with, id).toEqual(pair.sections.map((s) => s.id));
    }
    expect(all.c).toEqual({ shared: 0, ratio: 0, with: [] });
  });

  it('handles empty sections and a single section', () => {
    expect(documentOverlap([{ id: 'x', grams: gramSet('') }])).toEqual({ x: { shared: 0, ratio: 0, with: [] } });
  });
});
