// Flesch reading ease and Flesch–Kincaid grade for English sections. Both formulas were fitted to English;
// on other languages they produce confident nonsense, so non-English or very short text gets null.
import { countWords } from '../wordCount';
import { countSyllables } from './syllables';

export interface Readability {
  /** Flesch reading ease: ~60–70 plain English, < 30 very hard. */
  ease: number;
  /** Flesch–Kincaid grade level (US school grade). */
  grade: number;
  words: number;
  sentences: number;
  syllables: number;
}

/** Below this the sentence average is noise. */
export const MIN_READABILITY_WORDS = 30;

const LATIN_WORD = /[A-Za-z]+(?:['\u2019][A-Za-z]+)*/g;
const FUNCTION_WORDS = new Set(
  'the of and to a in is was that it he she i you for on with as his her had be at by not this but they have from or which'.split(' '),
);

export function readability(markdown: string): Readability | null {
  const text = stripMarkdown(markdown);
  const words = countWords(text);
  if (words < MIN_READABILITY_WORDS || !looksEnglish(text)) return null;
  const latin = text.match(LATIN_WORD) ?? [];
  const syllables = latin.reduce((sum, w) => sum + countSyllables(w), 0);
  const sentences = countSentences(text);
  const wps = words / sentences, spw = syllables / words;
  return {
    ease: 206.835 - 1.015 * wps - 84.6 * spw,
    grade: 0.39 * wps + 11.8 * spw - 15.59,
    words, sentences, syllables,
  };
}

export function fleschReadingEase(text: string): number | null {
  return readability(text)?.ease ?? null;
}

export function fleschKincaidGrade(text: string): number | null {
  return readability(text)?.grade ?? null;
}

/** English if nearly all letters are Latin and common English function words make up a fair share. */
export function looksEnglish(text: string): boolean {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const latinLetters = text.match(/[A-Za-z]/g)?.length ?? 0;
  if (!letters || latinLetters / letters < 0.95) return false;
  const words = text.toLowerCase().match(LATIN_WORD) ?? [];
  const common = words.filter((w) => FUNCTION_WORDS.has(w)).length;
  return words.length > 0 && common / words.length >= 0.15;
}

// A paragraph (blank-line separated; single newlines are wrapping) ending without a full stop is still a
// sentence: headings and list items, which stripMarkdown turns into paragraphs of their own.
function countSentences(text: string): number {
  let n = 0;
  for (const block of text.split(/\n[^\S\n]*\n/)) {
    const line = block.replace(/\s+/g, ' ').trim();
    if (!line) continue;
    const ends = line.match(/[.!?…]+(?=["'\u201d\u2019)\]]*(?:\s|$))/g)?.length ?? 0;
    n += ends + (/[.!?…]["'\u201d\u2019)\]]*$/.test(line) ? 0 : 1);
  }
  return Math.max(1, n);
}

function stripMarkdown(md: string): string {
  return md
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}>\s?/gm, '')
    .replace(/^\s{0,3}(?:#{1,6}|[-*+]|\d+[.)])\s+/gm, '\n\n')
    .replace(/[*_`~|]/g, '');
}
