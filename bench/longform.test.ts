import { describe, expect, it } from 'vitest';
import { runLongform, scriptedModel, TARGETS } from './longform';
import { countWords } from '../src/core/wordCount';

describe('long-form bench', () => {
  it('plans 25 sections of 500–6,000 words summing to 50,000', () => {
    expect(TARGETS).toHaveLength(25);
    expect(TARGETS.reduce((a, b) => a + b, 0)).toBe(50_000);
    expect(Math.min(...TARGETS)).toBe(500);
    expect(Math.max(...TARGETS)).toBe(6000);
  });

  it('the scripted model never writes more than 2,000 words a call', () => {
    const m = scriptedModel(1);
    const out = m.complete([{ role: 'system', content: 'Longhand task: write\nWrite section 1: "X" — about 6,000 words.' }, { role: 'user', content: '' }]);
    expect(countWords(out.text)).toBe(2000);
    expect(out.finishReason).toBe('length');
  });

  it('meets the goals with writeToTarget and the fit loop, where one call per section does not', async () => {
    const run = await runLongform(3, 'product');
    expect(run.words).toBeGreaterThanOrEqual(47_500);
    expect(run.meanScore).toBeGreaterThanOrEqual(95);
    expect(run.maxFitRounds).toBeLessThanOrEqual(3);
    expect(run.passAfterFix).toBeGreaterThan(run.passBeforeFix);
    const base = await runLongform(3, 'baseline');
    expect(base.words).toBeLessThan(40_000);
    expect(base.meanScore).toBeLessThan(90);
  });
});
