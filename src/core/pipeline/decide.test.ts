import { describe, expect, it } from 'vitest';
import { band, callCap, cleanSeam, fixInstruction, fixStep, nextStep, wordsToAsk } from './decide';

describe('band and cap', () => {
  it('is ±10% of the target, inclusive', () => {
    expect(band(4500)).toEqual({ min: 4050, max: 4950 });
    expect(band(500)).toEqual({ min: 450, max: 550 });
  });
  it('caps calls at ⌈target/1500⌉ + 2', () => {
    expect(callCap(4500)).toBe(5);
    expect(callCap(500)).toBe(3);
    expect(callCap(6000)).toBe(6);
    expect(callCap(0)).toBe(1);
  });
  it('asks for an even share of the missing words, at most 2,000 a call', () => {
    expect(wordsToAsk(4500)).toBe(1500);
    expect(wordsToAsk(2000)).toBe(2000);
    expect(wordsToAsk(6000)).toBe(2000);
    expect(wordsToAsk(2500)).toBe(1250);
    expect(wordsToAsk(0)).toBe(0);
  });
});

describe('nextStep', () => {
  it('writes first, continues while under the band, stops in band', () => {
    expect(nextStep({ target: 4500, words: 0, calls: 0 })).toEqual({ action: 'write', words: 1500 });
    expect(nextStep({ target: 4500, words: 2000, calls: 1, lastAdded: 2000 })).toEqual({ action: 'continue', words: 1250 });
    expect(nextStep({ target: 4500, words: 4100, calls: 3, lastAdded: 100 })).toEqual({ action: 'done', reason: 'in-band' });
  });
  it('continues a section that already has text, and replaces when asked', () => {
    expect(nextStep({ target: 1000, words: 300, calls: 0 })).toEqual({ action: 'continue', words: 700 });
    expect(nextStep({ target: 1000, words: 300, calls: 0, replace: true })).toEqual({ action: 'write', words: 1000 });
  });
  it('stops at the cap and when a call added nothing', () => {
    expect(nextStep({ target: 4500, words: 1000, calls: 5, lastAdded: 200 })).toEqual({ action: 'done', reason: 'cap' });
    expect(nextStep({ target: 4500, words: 1000, calls: 2, lastAdded: 0 })).toEqual({ action: 'done', reason: 'stalled' });
  });
  it('shortens once when over the band', () => {
    expect(nextStep({ target: 1000, words: 1300, calls: 1, lastAdded: 1300 })).toEqual({ action: 'shorten', excess: 300 });
    expect(nextStep({ target: 1000, words: 1200, calls: 1, shortened: true })).toEqual({ action: 'done', reason: 'cap' });
  });
  it('makes exactly one call for a section without a target', () => {
    expect(nextStep({ target: 0, words: 0, calls: 0 })).toEqual({ action: 'write', words: 0 });
    expect(nextStep({ target: 0, words: 50, calls: 0 })).toEqual({ action: 'continue', words: 0 });
    expect(nextStep({ target: 0, words: 50, calls: 1, lastAdded: 50 })).toEqual({ action: 'done', reason: 'no-target' });
  });
});

describe('cleanSeam', () => {
  const before = 'The harbour was quiet. Boats rocked slowly.\n\nShe waited by the door. The lamp went out.';
  it('removes a repeated last sentence', () => {
    expect(cleanSeam(before, 'The lamp went out. Then the rain began.')).toBe('Then the rain began.');
  });
  it('removes several repeated sentences, case and spacing aside', () => {
    expect(cleanSeam(before, 'she waited by the door.  The lamp went   out.\n\nMorning came.')).toBe('\n\nMorning came.');
  });
  it('keeps a continuation that does not repeat', () => {
    expect(cleanSeam(before, ' Then the rain began.')).toBe(' Then the rain began.');
  });
  it('drops the title and any heading the section already has', () => {
    const md = '## Arrival\n\nThey came at night.';
    expect(cleanSeam(md, '# The Harbour\n\n## Arrival\n\nMorning came.', 'The Harbour')).toBe('\n\nMorning came.');
  });
  it('a continuation that only repeats becomes empty', () => {
    expect(cleanSeam(before, 'She waited by the door. The lamp went out.')).toBe('');
  });
  it('does not mistake a sentence repeated earlier for the seam', () => {
    expect(cleanSeam(before, 'The harbour was quiet. Night fell.')).toBe('The harbour was quiet. Night fell.');
  });
});

describe('the Fix round', () => {
  const base = { failed: ['mention the lighthouse keeper.', 'first person narrator'], mode: 'apply' as const, fixed: false, stopped: false };
  it('fixes the failed items once, applied in place and re-checked', () => {
    expect(fixStep(base)).toEqual({ action: 'fix', items: ['mention the lighthouse keeper', 'first person narrator'], recheck: true });
  });
  it('never fixes twice: after one round the failures stay failures', () => {
    expect(fixStep({ ...base, fixed: true })).toEqual({ action: 'skip', reason: 'done' });
  });
  it('does nothing when every item passed, when fixing is off, or after Stop', () => {
    expect(fixStep({ ...base, failed: [] })).toEqual({ action: 'skip', reason: 'passed' });
    expect(fixStep({ ...base, failed: ['  ', ''] })).toEqual({ action: 'skip', reason: 'passed' });
    expect(fixStep({ ...base, mode: 'none' })).toEqual({ action: 'skip', reason: 'off' });
    expect(fixStep({ ...base, stopped: true })).toEqual({ action: 'skip', reason: 'stopped' });
    expect(fixStep({ ...base, stopped: true, failed: [] })).toEqual({ action: 'skip', reason: 'stopped' });
  });
  it('proposes for review without a re-check (the text has not changed yet)', () => {
    expect(fixStep({ ...base, mode: 'propose' })).toMatchObject({ action: 'fix', recheck: false });
  });
  it('asks for every failed requirement once, periodic wording dropped', () => {
    expect(fixStep({ ...base, failed: ['a weather note every 2nd section', 'A weather note', 'first person narrator'] }))
      .toMatchObject({ items: ['a weather note', 'A weather note', 'first person narrator'] });
    expect(fixStep({ ...base, failed: ['first person narrator', 'first  person narrator.'] })).toMatchObject({ items: ['first person narrator'] });
    expect(fixInstruction(['first person narrator'])).toBe('Revise to satisfy: first person narrator. Change only what that needs');
    expect(fixInstruction(['a weather note', 'first person narrator']))
      .toBe('Revise to satisfy each of these requirements, changing only what they need: (1) a weather note; (2) first person narrator');
  });
});
