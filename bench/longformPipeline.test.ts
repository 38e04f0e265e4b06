import { describe, expect, it } from 'vitest';
import { TARGETS } from './longformPipeline';

describe('the long-form bench plan', () => {
  it('is 25 sections, 50,000 words, targets 500–6,000 (issue 10)', () => {
    expect(TARGETS).toHaveLength(25);
    expect(TARGETS.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(Math.min(...TARGETS)).toBe(500);
    expect(Math.max(...TARGETS)).toBe(6000);
  });
});
