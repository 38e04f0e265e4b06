import { describe, expect, it } from 'vitest';
import { countWords, formatCount, formatCountOfTarget } from './wordCount';

describe('countWords', () => {
  it('counts plain English words and ignores punctuation and spacing', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('   \n\t ')).toBe(0);
    expect(countWords('Call me Ishmael.')).toBe(3);
    expect(countWords('  Some years ago — never mind how long precisely — having little money  ')).toBe(11);
    expect(countWords('"Yes!" she said... "No?"')).toBe(4);
  });

  it('counts a hyphenated compound once, but words around a dash separately', () => {
    expect(countWords('a well-known fact')).toBe(3);
    expect(countWords('my mother-in-law')).toBe(2);
    expect(countWords('first—second')).toBe(2);
    expect(countWords('first – second')).toBe(2);
    expect(countWords('pre- and post-war')).toBe(3);
  });

  it('keeps apostrophes inside words, straight or curly', () => {
    expect(countWords("don't stop")).toBe(2);
    expect(countWords('don’t stop')).toBe(2);
    expect(countWords("the whale's jaw")).toBe(3);
    expect(countWords("rock 'n' roll")).toBe(3);
  });

  it('counts numbers as words, with separators and decimals as one', () => {
    expect(countWords('In 1851 it cost 3.50 dollars')).toBe(6);
    expect(countWords('1,000 whales and 42')).toBe(4);
    expect(countWords('Q3 revenue rose 12%')).toBe(4);
  });

  it('counts Chinese and Japanese one per character', () => {
    expect(countWords('我爱你')).toBe(3);
    expect(countWords('今天天气很好。')).toBe(6);
    expect(countWords('ひらがなカタカナ')).toBe(8);
  });

  it('counts mixed CJK and Latin text by each rule', () => {
    expect(countWords('我用 TipTap 写作')).toBe(5);
    expect(countWords('版本2026年发布')).toBe(5 + 1);
    expect(countWords('Hello 世界!')).toBe(3);
  });

  it('counts Korean by words, since Hangul is written with spaces', () => {
    expect(countWords('안녕하세요 세계')).toBe(2);
  });
});

describe('formatCountOfTarget', () => {
  it('reads "<count> / <target> words" with thousands separators, and "<count> words" with no target', () => {
    expect(formatCountOfTarget(1234, 2000)).toBe('1,234 / 2,000 words');
    expect(formatCountOfTarget(121750, 0)).toBe('121,750 words');
    expect(formatCountOfTarget(0, 0)).toBe('0 words');
  });

  it('groups digits exactly as en-US Intl.NumberFormat does, without building one', () => {
    const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
    const values = [0, 1, 12, 123, 999, 1000, 1234.4, 1234.5, 99_999, 100_000, 121_750, 1_000_000, 212_954, 987_654_321, -1, -1234, -1_000_000];
    for (let i = 0; i < 200; i++) values.push(Math.floor(Math.random() * 10 ** (1 + (i % 12))));
    for (const v of values) expect(formatCount(v), String(v)).toBe(intl.format(Math.round(v)));
  });
});

describe('countWords on long text', () => {
  it('gives the same count for a long text as for its parts', () => {
    const para = "It was the best of times, it was the worst of times; a well-known tale, 1,000 words or 3.5 more. ";
    const long = para.repeat(500);
    expect(countWords(long)).toBe(countWords(para) * 500);
  });
});
