import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fleschKincaidGrade, fleschReadingEase, looksEnglish, readability } from './readability';
import { countSyllables } from './syllables';

describe('countSyllables', () => {
  it('is right on common words and their silent endings', () => {
    const expected: Record<string, number> = {
      the: 1, cat: 1, make: 1, makes: 1, whale: 1, hoped: 1, walked: 1, wanted: 2, ended: 2, table: 2, little: 2,
      beautiful: 3, possession: 3, universally: 5, acknowledged: 3, fortune: 2, every: 3, being: 2, idea: 3,
      people: 2, happy: 2, readability: 5, "don't": 1,
    };
    for (const [word, n] of Object.entries(expected)) expect(countSyllables(word), word).toBe(n);
  });
});

describe('readability', () => {
  const children = 'The cat sat on the mat. The dog ran to the park. I like it a lot. We go home now. ' +
    'She is here. He was not there. It is fun to play. You can see the sun.';
  const academic = 'The epistemological implications of computational methodologies necessitate a comprehensive ' +
    'reconsideration of traditional interpretative frameworks, particularly regarding the institutional ' +
    'legitimation of quantitative approaches within the humanities, where considerable methodological ' +
    'heterogeneity characterizes contemporary scholarly investigation and theoretical disagreement.';

  it('scores simple text as easy and dense text as hard', () => {
    expect(fleschReadingEase(children)!).toBeGreaterThan(90);
    expect(fleschKincaidGrade(children)!).toBeLessThan(3);
    expect(fleschReadingEase(academic)!).toBeLessThan(10);
    expect(fleschKincaidGrade(academic)!).toBeGreaterThan(16);
  });

  it('lands near published figures for a novel (Pride and Prejudice: ease ~60–75, grade ~8–11)', () => {
    const text = readFileSync('/work/shared/corpus/pride-and-prejudice.txt', 'utf8').slice(100_000, 120_000);
    const r = readability(text)!;
    expect(r.ease).toBeGreaterThan(55);
    expect(r.ease).toBeLessThan(80);
    expect(r.grade).toBeGreaterThan(7);
    expect(r.grade).toBeLessThan(12);
  });

  it('treats hard-wrapped lines as one paragraph, and headings and list items as sentences', () => {
    const wrapped = readability(`${children.replace(/ /g, '\n').replace(/\n(?=[A-Z])/g, ' ')}`)!;
    expect(wrapped.sentences).toBe(8);
    const md = readability(`# A heading\n\n- first item\n- second item\n\n${children}`)!;
    expect(md.sentences).toBe(11);
  });

  it('returns null for short text and for text that is not English', () => {
    expect(readability('Too short to judge.')).toBeNull();
    const french = 'Le chat est assis sur le tapis et le chien court dans le parc. Nous rentrons à la maison ' +
      'maintenant parce que le soleil se couche derrière les collines et que la nuit tombe doucement sur la ville.';
    expect(readability(french)).toBeNull();
    expect(readability('鯨が来た。'.repeat(40))).toBeNull();
    expect(looksEnglish(children)).toBe(true);
  });
});
