// The one word counter. Every count in the product (section, document, library, stats, bench) calls this,
// so a writer never sees two different numbers for the same text.
//
// Rules: Intl.Segmenter word segments that are word-like count one each; numbers ("1,000", "3.14") are
// word-like and count one; Han ideographs and Japanese kana count one per character (as the
// LongBench-Write evaluation does, and because CJK text has no spaces to split on); a hyphenated compound
// ("well-known", "mother-in-law") counts once, as Word and Google Docs count it; dashes (— –) separate words.

// Made on first use, not when the module loads: the page's first use of ICU (a segmenter, a number or date format)
// loads its data, ~45 ms on the main thread in Chromium here whichever comes first, and this module is in the
// page's first load, where that sat between the first paint and the first editor. The first count runs in idle
// time after the editor is up (WordCount's onCreate), so that is where the cost goes now.
const segmenter = onFirstUse(() => new Intl.Segmenter('en', { granularity: 'word' }));

/** A constant built the first time it is asked for. */
function onFirstUse<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
const PER_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAS_PER_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAS_OTHER_WORD_CHAR = /[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{P}\p{S}\s]/u;
const HYPHENS = new Set(['-', '\u2010', '\u2011']);

// V8's segmenter slows down quadratically on very long strings (a whole novel took minutes), so long text
// is counted in chunks cut at whitespace, where no word boundary rule can reach across.
const CHUNK = 2048;

export function countWords(text: string): number {
  if (!text) return 0;
  if (text.length <= CHUNK) return countChunk(text);
  let count = 0;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + CHUNK, text.length);
    while (end < text.length && !/\s/.test(text[end]!)) end++;
    count += countChunk(text.slice(start, end));
    start = end;
  }
  return count;
}

function countChunk(text: string): number {
  let count = 0;
  // 'word' after a counted word, 'joiner' after word + hyphen: the next word continues the compound.
  let state: 'none' | 'word' | 'joiner' = 'none';
  for (const seg of segmenter().segment(text)) {
    const s = seg.segment;
    if (!seg.isWordLike) {
      state = state === 'word' && HYPHENS.has(s) ? 'joiner' : 'none';
      continue;
    }
    if (HAS_PER_CHAR.test(s)) {
      count += s.match(PER_CHAR)!.length + (HAS_OTHER_WORD_CHAR.test(s) ? 1 : 0);
      state = 'none';
      continue;
    }
    if (state !== 'joiner') count += 1;
    state = 'word';
  }
  return count;
}

// Digits grouped by hand, not with Intl.NumberFormat: building a formatter loads ICU's number data, and the first
// count label renders in the task that mounts the first editor of a book being opened (81 ms of that task in a
// profiled open of Moby-Dick). toLocaleString would build one per call. Same output as en-US with no fractions
// (the test compares them).
const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** Formats a count the way every label shows it: "1,234". */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(GROUPS, ',');
}

/** `<count> / <target> words`, the text of every count label; `<count> words` with no target (0), which read as
 * "121,750 / 0 words" — over a target the writer never set. */
export function formatCountOfTarget(count: number, target: number): string {
  return target > 0 ? `${formatCount(count)} / ${formatCount(target)} words` : `${formatCount(count)} words`;
}
