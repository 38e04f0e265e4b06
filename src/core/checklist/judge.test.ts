import { describe, expect, it } from 'vitest';
import { JUDGE_MAX_CHARS, judgeMessages, judgeQuestion, parseYesNo } from './judge';

describe('judgeMessages', () => {
  it('follows the contract: judge system message, passage wrapped, yes/no question last', () => {
    const m = judgeMessages('Elizabeth refuses the proposal.', 'She said no.');
    expect(m[0]).toEqual({ role: 'system', content: expect.stringMatching(/^Longhand task: judge/) });
    expect(m[1]!.content).toContain('<passage>\nShe said no.\n</passage>');
    expect(m[1]!.content).toMatch(/Does the text include this: Elizabeth refuses the proposal\? Answer yes or no\.$/);
  });
  it('asks about the requirement without its period and clips huge passages', () => {
    expect(judgeQuestion('a weather note every 5th section')).toBe('Does the text include this: a weather note? Answer yes or no.');
    const m = judgeMessages('x', 'a'.repeat(JUDGE_MAX_CHARS + 10));
    expect(m[1]!.content.length).toBeLessThan(JUDGE_MAX_CHARS + 200);
  });
});

describe('parseYesNo', () => {
  it.each([
    ['Yes', true], ['yes.', true], ['**Yes**', true], ['YES — it is there.', true], ['Answer: yes', true],
    ['The answer is yes.', true], ['Yes, the lighthouse appears in paragraph two.', true], ['True', true],
    ['"Yes"', true], ['<think>hmm, no idea… well</think>Yes', true], ['I would say yes', true],
    ['No', false], ['no.', false], ['**No**', false], ['No — the lighthouse is never named.', false],
    ['Answer: No', false], ['Nope', false], ['false', false], ['It does not.', false],
  ])('%s → %s', (answer, expected) => {
    expect(parseYesNo(answer)).toBe(expected);
  });
  it.each(['', 'Maybe', 'I cannot tell from this passage.', 'Yes and no', 'Not sure'])('%j → null', (answer) => {
    expect(parseYesNo(answer)).toBeNull();
  });
});
