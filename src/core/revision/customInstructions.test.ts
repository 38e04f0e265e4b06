import { describe, expect, it } from 'vitest';
import { MAX_RECENT_CUSTOM, normalizeInstruction, rememberCustom } from './customInstructions';

describe('rememberCustom', () => {
  it('puts the newest instruction first', () => {
    expect(rememberCustom(['Use British spelling'], 'Cut adverbs')).toEqual(['Cut adverbs', 'Use British spelling']);
  });

  it('moves a repeated instruction to the front instead of duplicating it (case and spacing ignored)', () => {
    const recent = ['Cut adverbs', 'Use British spelling', 'Add a joke'];
    expect(rememberCustom(recent, '  use british   SPELLING ')).toEqual(['use british SPELLING', 'Cut adverbs', 'Add a joke']);
  });

  it('keeps at most 8, dropping the oldest', () => {
    let recent: string[] = [];
    for (let i = 1; i <= 10; i++) recent = rememberCustom(recent, `instruction ${i}`);
    expect(recent).toHaveLength(MAX_RECENT_CUSTOM);
    expect(recent[0]).toBe('instruction 10');
    expect(recent.at(-1)).toBe('instruction 3');
  });

  it('ignores blank input and does not mutate the given list', () => {
    const recent = Object.freeze(['a']);
    expect(rememberCustom(recent, '  \n ')).toEqual(['a']);
    expect(rememberCustom(recent, 'b')).toEqual(['b', 'a']);
    expect(recent).toEqual(['a']);
  });

  it('flattens multi-line instructions onto one line', () => {
    expect(normalizeInstruction('Keep it short.\nUse present tense.')).toBe('Keep it short. Use present tense.');
  });
});
