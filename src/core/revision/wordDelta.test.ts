import { describe, expect, it } from 'vitest';
import { formatWordDelta, wordDelta } from './wordDelta';

describe('word delta', () => {
  it('counts with the product word counter', () => {
    expect(wordDelta('A well-known whale.', 'A whale.')).toBe(-1);
    expect(wordDelta('One.', 'One two three four.')).toBe(3);
  });
  it('formats with a real minus sign, plus sign, thousands separators and singular', () => {
    expect(formatWordDelta(-42)).toBe('\u221242 words');
    expect(formatWordDelta(3)).toBe('+3 words');
    expect(formatWordDelta(1)).toBe('+1 word');
    expect(formatWordDelta(-1234)).toBe('\u22121,234 words');
    expect(formatWordDelta(0)).toBe('\u00b10 words');
    expect(formatWordDelta(-42)).not.toContain('-');
  });
});
