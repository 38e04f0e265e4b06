import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEQ_REP_4_FLAG, sectionOverlap, seqRep } from './repetition';
import { wordTokens } from './tokens';

describe('wordTokens', () => {
  it('lowercases, drops punctuation and Markdown, unifies apostrophes', () => {
    expect(wordTokens('**Don’t** stop, Ishmael! 1851.')).toEqual(["don't", 'stop', 'ishmael', '1851']);
  });
});

describe('seqRep', () => {
  it('is 0 for text with no repeated 4-gram and for text shorter than 4 words', () => {
    expect(seqRep('one two three four five six')).toBe(0);
    expect(seqRep('one two three')).toBe(0);
    expect(seqRep('')).toBe(0);
  });

  it('counts repeated 4-grams case- and punctuation-insensitively', () => {
    // 8 words → 5 four-grams: "a b c d", "b c d a", "c d a b", "d a b c", "a b c d" → 4 unique.
    expect(seqRep('A b c d. a B c D')).toBeCloseTo(1 - 4 / 5, 10);
  });

  it('flags a looping text and not real prose', () => {
    const loop = 'The wind rose over the harbour and the boats rocked. '.repeat(20);
    expect(seqRep(loop)).toBeGreaterThan(0.8);
    const prose = readFileSync('/work/shared/corpus/moby-dick.txt', 'utf8').slice(100_000, 118_000);
    expect(seqRep(prose)).toBeLessThan(SEQ_REP_4_FLAG);
  });
});

describe('sectionOverlap', () => {
  const a = 'It is a truth universally acknowledged that a single man in possession of a good fortune must be in want of a wife.';
  it('counts distinct shared 8-grams and names the sections, most shared first', () => {
    const result = sectionOverlap(a, [
      { id: 's2', text: 'Everyone knows it is a truth universally acknowledged that a single man wants a wife.' },
      { id: 's3', text: 'Nothing in common here at all, just other words entirely.' },
      { id: 's4', text: a },
    ]);
    const mine = wordTokens(a).length - 7;
    expect(result.sections.map((s) => s.id)).toEqual(['s4', 's2']);
    expect(result.sections[0]!.shared).toBe(mine);
    // "it is a truth universally acknowledged that a" … "that a single man": 3 shared 8-grams with s2.
    expect(result.sections[1]!.shared).toBe(3);
    expect(result.shared).toBe(mine);
    expect(result.ratio).toBe(1);
  });

  it('is empty for unrelated or short sections', () => {
    expect(sectionOverlap(a, [{ id: 'x', text: 'short text' }])).toEqual({ shared: 0, ratio: 0, sections: [] });
    expect(sectionOverlap('short', [{ id: 'x', text: a }])).toEqual({ shared: 0, ratio: 0, sections: [] });
  });
});
