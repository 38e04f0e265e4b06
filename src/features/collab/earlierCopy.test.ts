import { describe, expect, it } from 'vitest';
import type { RichDoc } from '../../core/model';
import { blockTexts, sectionsWithMissingText } from './earlierCopy';

const p = (...texts: string[]) => ({ type: 'paragraph', content: texts.map((text) => ({ type: 'text', text })) });
const doc = (...content: unknown[]) => ({ type: 'doc', content }) as RichDoc;

describe('blockTexts', () => {
  it('gives each block its text, joining marks and collapsing whitespace, and skips empty blocks', () => {
    expect(blockTexts(doc(p('Ada ', 'wrote  this.'), { type: 'paragraph' }, p('  ')))).toEqual(['Ada wrote this.']);
  });
  it('keeps words of nested blocks apart', () => {
    const list = { type: 'bulletList', content: [{ type: 'listItem', content: [p('one')] }, { type: 'listItem', content: [p('two')] }] };
    expect(blockTexts(doc(list))).toEqual(['one two']);
  });
  it('reads nothing from a missing document', () => {
    expect(blockTexts(null)).toEqual([]);
  });
});

describe('sectionsWithMissingText', () => {
  it('finds nothing missing when the document holds every block, extended or moved to another section', () => {
    const earlier = [{ id: 's1', doc: doc(p('Ada wrote this.')) }, { id: 's2', doc: doc(p('A second part.')) }];
    expect(sectionsWithMissingText(earlier, [doc(p('Ada wrote this. Then more.')), doc(p('Intro.'), p('A second part.'))])).toEqual([]);
  });
  it('names the sections holding a block the document lacks, such as one edited since', () => {
    const earlier = [{ id: 's1', doc: doc(p('Ada wrote this.'), p('Ben typed this after sharing stopped.')) }, { id: 's2', doc: doc(p('Kept.')) }];
    expect(sectionsWithMissingText(earlier, [doc(p('Ada wrote this.')), doc(p('Kept.'))])).toEqual(['s1']);
    expect(sectionsWithMissingText([{ id: 's1', doc: doc(p('The cat sat.')) }], [doc(p('The dog sat.'))])).toEqual(['s1']);
  });
  it('does not count an empty earlier section as missing anything', () => {
    expect(sectionsWithMissingText([{ id: 's1', doc: doc({ type: 'paragraph' }) }, { id: 's2', doc: null }], [])).toEqual([]);
  });
});
