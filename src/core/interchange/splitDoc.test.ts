import { describe, expect, it } from 'vitest';
import { guessHeadingLevel, splitDocAtHeadings } from './splitDoc';

const h = (level: number, text: string) => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
const p = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

describe('splitDocAtHeadings', () => {
  it('a lone H1 names the document; H2s split; text before the first heading is kept', () => {
    const doc = { type: 'doc', content: [h(1, 'Book'), p('Preface words.'), h(2, 'One'), p('a b'), h(2, 'Two'), p('c')] };
    expect(guessHeadingLevel(doc)).toBe(2);
    const out = splitDocAtHeadings(doc, 2);
    expect(out.title).toBe('Book');
    expect(out.sections.map((s) => [s.title, s.words])).toEqual([['', 2], ['One', 2], ['Two', 1]]);
  });
  it('no split gives one section', () => {
    const doc = { type: 'doc', content: [h(1, 'A'), p('x'), h(1, 'B'), p('y')] };
    expect(splitDocAtHeadings(doc, null).sections).toHaveLength(1);
    expect(splitDocAtHeadings(doc, 1).sections.map((s) => s.title)).toEqual(['A', 'B']);
  });
});
