import { describe, expect, it } from 'vitest';
import { estimateMessagesTokens, estimateTokens, maxOutputTokensFor } from './tokens';

describe('token estimates', () => {
  it('counts about one token per four characters, rounding up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('x'.repeat(4000))).toBe(1000);
  });

  it('adds a small overhead per message', () => {
    const one = estimateMessagesTokens([{ role: 'user', content: 'abcd' }]);
    const two = estimateMessagesTokens([{ role: 'system', content: 'abcd' }, { role: 'user', content: 'abcd' }]);
    expect(one).toBeGreaterThan(1);
    expect(two).toBe(one * 2);
  });
});

describe('maxOutputTokensFor', () => {
  it('allows ~1.35 tokens per word with 30% head-room', () => {
    expect(maxOutputTokensFor(1000)).toBe(1755);
    expect(maxOutputTokensFor(1500)).toBe(Math.ceil(1500 * 1.35 * 1.3));
  });

  it('is capped so a 10,000-word target does not ask for 17k tokens', () => {
    expect(maxOutputTokensFor(10_000)).toBe(8000);
    expect(maxOutputTokensFor(10_000, 4000)).toBe(4000);
  });

  it('never asks for a tiny allowance', () => {
    expect(maxOutputTokensFor(0)).toBeGreaterThanOrEqual(80);
  });
});
