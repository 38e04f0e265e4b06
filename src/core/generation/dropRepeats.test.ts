import { describe, expect, it } from 'vitest';
import { createLoopDetector } from '../metrics/loopDetector';
import { dropRepeats } from './dropRepeats';

describe('dropRepeats', () => {
  it('keeps one copy of the repeated unit the loop detector found', () => {
    const unit = ' And the sea was grey and the sky was grey and nothing moved.';
    const text = `It began well.${unit}${unit}${unit}`;
    const d = createLoopDetector();
    expect(d.update(text)).toBe(true);
    const kept = dropRepeats(text, d.unit!);
    expect(kept.split('nothing moved').length - 1).toBe(1);
    expect(kept.startsWith('It began well.')).toBe(true);
  });
  it('leaves text without repeats alone', () => {
    expect(dropRepeats('abc', 'zz')).toBe('abc');
    expect(dropRepeats('abc', '')).toBe('abc');
  });
});
