import { describe, expect, it } from 'vitest';
import { phaseText } from './phase';

describe('phaseText', () => {
  it('names the step, the count against the target and the call', () => {
    expect(phaseText('writing', 1840, 4500, 2)).toBe('Writing · 1,840 of 4,500 words · call 2');
    expect(phaseText('summarizing', 950, 0, 1)).toBe('Summarizing · 950 words · call 1');
    expect(phaseText('checking', 0, 1000, 0)).toBe('Checking · 0 of 1,000 words');
  });
});
