import { describe, expect, it } from 'vitest';
import { documentLengthScore, lengthBand, lengthScore } from './lengthScore';

describe('lengthScore', () => {
  it('matches LongBench-Write at exact points for a 100-word target', () => {
    expect(lengthScore(100, 50)).toBeCloseTo(50, 10);
    expect(lengthScore(100, 100)).toBe(100);
    expect(lengthScore(100, 250)).toBeCloseTo(50, 10);
    expect(lengthScore(100, 400)).toBe(0);
    expect(lengthScore(100, 1000)).toBe(0);
    expect(lengthScore(100, 25)).toBe(0);
    expect(lengthScore(100, 0)).toBe(0);
  });

  it('punishes being short harder than being long', () => {
    expect(lengthScore(1000, 800)!).toBeCloseTo(87.5, 10);
    expect(lengthScore(1000, 1200)!).toBeCloseTo(93.333, 3);
    expect(lengthScore(1000, 900)!).toBeLessThan(lengthScore(1000, 1100)!);
  });

  it('has no score without a positive target', () => {
    expect(lengthScore(0, 100)).toBeNull();
    expect(lengthScore(-5, 100)).toBeNull();
    expect(lengthScore(Number.NaN, 100)).toBeNull();
  });
});

describe('lengthBand', () => {
  it('bands at 90 and 70', () => {
    expect(lengthBand(100)).toBe('good');
    expect(lengthBand(90)).toBe('good');
    expect(lengthBand(89.9)).toBe('ok');
    expect(lengthBand(70)).toBe('ok');
    expect(lengthBand(69.9)).toBe('poor');
    expect(lengthBand(0)).toBe('poor');
  });
});

describe('documentLengthScore', () => {
  it('averages over sections with targets, plain and weighted by target', () => {
    const doc = documentLengthScore([
      { target: 100, words: 50 }, // 50
      { target: 900, words: 900 }, // 100
      { target: 0, words: 300 }, // no target: ignored
    ]);
    expect(doc.scored).toBe(2);
    expect(doc.mean).toBeCloseTo(75, 10);
    expect(doc.weighted).toBeCloseTo(95, 10);
  });

  it('is null for a document without targets', () => {
    expect(documentLengthScore([])).toEqual({ mean: null, weighted: null, scored: 0 });
    expect(documentLengthScore([{ target: 0, words: 10 }]).mean).toBeNull();
  });
});
