import { describe, expect, it } from 'vitest';
import { decideFit, inBand, shortenInstruction } from './decideFit';

describe('decideFit', () => {
  it('is ok inside ±10% of the target, edges included', () => {
    expect(decideFit(100, 100)).toEqual({ action: 'ok' });
    expect(decideFit(90, 100)).toEqual({ action: 'ok' });
    expect(decideFit(110, 100)).toEqual({ action: 'ok' });
    expect(inBand(1000, 1050)).toBe(true);
  });
  it('continues for the missing words when short', () => {
    expect(decideFit(89, 100)).toEqual({ action: 'continue', missingWords: 11 });
    expect(decideFit(50, 100)).toEqual({ action: 'continue', missingWords: 50 });
    expect(decideFit(0, 2000)).toEqual({ action: 'continue', missingWords: 2000 });
  });
  it('shortens by the excess when long', () => {
    expect(decideFit(111, 100)).toEqual({ action: 'shorten', excessWords: 11 });
    expect(decideFit(1500, 1000)).toEqual({ action: 'shorten', excessWords: 500 });
  });
  it('has nothing to fit without a target, and honours another tolerance', () => {
    expect(decideFit(5000, 0)).toEqual({ action: 'ok' });
    expect(decideFit(80, 100, 0.25)).toEqual({ action: 'ok' });
  });
});

describe('shortenInstruction', () => {
  it('says how many words, and to keep the meaning', () => {
    expect(shortenInstruction(1234.4)).toBe('Shorten by 1,234 words, keep the meaning');
  });
});
