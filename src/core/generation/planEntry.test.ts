import { describe, expect, it } from 'vitest';
import { cleanTitle, parseWordCount, toPlanEntry } from './planEntry';

describe('parseWordCount', () => {
  it('reads numbers the way models write them', () => {
    expect(parseWordCount(1200)).toBe(1200);
    expect(parseWordCount('1,200 words')).toBe(1200);
    expect(parseWordCount('~900')).toBe(900);
    expect(parseWordCount('about 1.5k words')).toBe(1500);
    expect(parseWordCount('800–1,000 words')).toBe(900);
    expect(parseWordCount('800 to 1000')).toBe(900);
  });
  it('gives undefined for no number', () => {
    expect(parseWordCount('a lot')).toBeUndefined();
    expect(parseWordCount(-5)).toBeUndefined();
    expect(parseWordCount(null)).toBeUndefined();
  });
});

describe('cleanTitle', () => {
  it('drops section numbering, bold and quotes but keeps chapter titles', () => {
    expect(cleanTitle('**Section 3: The Storm**')).toBe('The Storm');
    expect(cleanTitle('Section 2 — Arrival')).toBe('Arrival');
    expect(cleanTitle('"Loomings"')).toBe('Loomings');
    expect(cleanTitle('Chapter 1: Loomings')).toBe('Chapter 1: Loomings');
    expect(cleanTitle('Section 4')).toBe('');
  });
});

describe('toPlanEntry', () => {
  it('accepts the contract shape', () => {
    expect(toPlanEntry({ title: 'Intro', brief: 'Sets the scene.', words: 900 })).toEqual({ title: 'Intro', brief: 'Sets the scene.', words: 900 });
  });
  it('accepts alternate keys and list points', () => {
    expect(toPlanEntry({ Name: 'Intro', main_points: ['Scene', 'Cast;'], wordCount: '1,100 words' }))
      .toEqual({ title: 'Intro', brief: 'Scene; Cast.', words: 1100 });
    expect(toPlanEntry({ section_title: 'B', points: 'x', target: 700 })).toEqual({ title: 'B', brief: 'x', words: 700 });
  });
  it('keeps an entry without words and rejects one without a title', () => {
    expect(toPlanEntry({ title: 'T', brief: 'b' })).toEqual({ title: 'T', brief: 'b' });
    expect(toPlanEntry({ brief: 'b', words: 5 })).toBeNull();
    expect(toPlanEntry({ title: '  ', words: 5 })).toBeNull();
    expect(toPlanEntry(['title'])).toBeNull();
    expect(toPlanEntry('title')).toBeNull();
  });
});
