import { describe, expect, it } from 'vitest';
import { clipWords, firstWords, headChars, lastWords, markdownTail, roughWordCount, tailChars } from './words';

const numbered = (n: number) => Array.from({ length: n }, (_, i) => `w${i + 1}`).join(' ');

describe('lastWords / firstWords', () => {
  it('cuts at word boundaries, never inside a word', () => {
    expect(lastWords('alpha beta gamma delta', 2)).toBe('gamma delta');
    expect(firstWords('alpha beta gamma delta', 2)).toBe('alpha beta');
    expect(lastWords('one-two three,  four', 1)).toBe('four');
  });

  it('returns the whole text when it is shorter than asked', () => {
    expect(lastWords('  a b  ', 10)).toBe('a b');
    expect(firstWords('a b', 10)).toBe('a b');
    expect(lastWords('anything', 0)).toBe('');
  });

  it('keeps line breaks verbatim inside the tail', () => {
    expect(lastWords('p1 end.\n\np2 starts here', 4)).toBe('end.\n\np2 starts here');
  });

  it('gives exactly 300 words of a long text', () => {
    const tail = lastWords(numbered(1000), 300);
    expect(roughWordCount(tail)).toBe(300);
    expect(tail.startsWith('w701 ')).toBe(true);
    expect(tail.endsWith('w1000')).toBe(true);
  });

  it('clipWords marks a cut with an ellipsis', () => {
    expect(clipWords('The storm breaks, and Ahab rages.', 3)).toBe('The storm breaks…');
    expect(clipWords('Short.', 3)).toBe('Short.');
  });
});

describe('markdownTail', () => {
  it('starts at the paragraph when the cut is close to its start', () => {
    const text = `${numbered(50)}\n\n**Bold** start of the last paragraph ${numbered(18)}`;
    const tail = markdownTail(text, 20);
    expect(tail.startsWith('**Bold** start')).toBe(true);
  });

  it('marks a mid-paragraph cut with an ellipsis when the paragraph is long', () => {
    const text = `Intro.\n\n${numbered(400)}`;
    const tail = markdownTail(text, 300);
    expect(tail.startsWith('…w101 ')).toBe(true);
    expect(roughWordCount(tail)).toBe(300);
  });

  it('returns short texts whole and cuts cleanly at paragraph boundaries', () => {
    expect(markdownTail('Just a few words.\n', 300)).toBe('Just a few words.');
    expect(markdownTail('a b c\n\nd e f', 3)).toBe('d e f');
  });
});

describe('tailChars / headChars', () => {
  it('fit within the character limit and cut only at word boundaries', () => {
    const text = 'alpha beta gamma delta epsilon';
    expect(tailChars(text, 13)).toBe('delta epsilon');
    expect(tailChars(text, 12)).toBe('epsilon');
    expect(headChars(text, 10)).toBe('alpha beta');
    expect(headChars(text, 9)).toBe('alpha');
    expect(tailChars(text, 100)).toBe(text);
    expect(headChars(text, 0)).toBe('');
  });
});
