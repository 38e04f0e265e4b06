// Finding an entry's name or aliases in a text: whole words, any case, possessives ("Ellie's", "the Morrows'")
// included. A bible can have hundreds of entries and a prompt is built per call, so the terms are indexed by
// their first word once per matcher and the text is walked word by word: the cost grows with the text, not with
// the number of entries (no regex alternation of a thousand names).
import type { BibleEntry } from './types';

export interface BibleMention { entryId: string; from: number; to: number }

/** Letters, digits and combining marks make a word; anything else is a boundary. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const FIRST_WORD = /^[\p{L}\p{N}\p{M}]+/u;
const APOSTROPHES = new Set(["'", '\u2019']);

interface Term {
  entryId: string;
  /** Lower-cased, whitespace collapsed to one space, apostrophes as "'". */
  chars: string;
}

const lower = (c: string) => {
  const l = c.toLowerCase();
  // A character whose lower case is longer (e.g. "İ") is compared as itself: offsets must stay the text's.
  return l.length === 1 ? (APOSTROPHES.has(l) ? "'" : l) : c;
};

function normalizeTerm(term: string): string {
  const t = term.trim().replace(/\s+/g, ' ');
  const l = t.toLowerCase();
  return l.length === t.length ? l.replace(/\u2019/g, "'") : [...t].map(lower).join('');
}

const isWordChar = (c: string | undefined) => c !== undefined && WORD_CHAR.test(c);
/** A hyphen at `i` joining two words ("Morrow-like", "ex-Ellie"): a name there is part of a compound word. */
const joined = (text: string, i: number) => (text[i] === '-' || text[i] === '\u2010') && isWordChar(text[i - 1]) && isWordChar(text[i + 1]);

export interface MentionMatcher {
  /** Mentions in `text`, longest first where they overlap, sorted by `from`. */
  find(text: string): BibleMention[];
}

/** Builds the term index for `entries` once; `find` can then run over many texts. */
export function createMentionMatcher(entries: readonly BibleEntry[]): MentionMatcher {
  const byFirstWord = new Map<string, Term[]>();
  for (const e of entries) {
    const seen = new Set<string>();
    for (const raw of [e.name, ...e.aliases]) {
      const chars = normalizeTerm(raw ?? '');
      // A term must start with a letter or digit: it is looked up by the word the text's word starts with.
      if (!chars || seen.has(chars) || !isWordChar(chars[0])) continue;
      seen.add(chars);
      const first = FIRST_WORD.exec(chars)![0];
      const list = byFirstWord.get(first) ?? [];
      list.push({ entryId: e.id, chars });
      byFirstWord.set(first, list);
    }
  }
  // Longest term first, so the first one that matches at a position is the longest there.
  for (const list of byFirstWord.values()) list.sort((a, b) => b.chars.length - a.chars.length);

  /** End offset of `term` matched at `at` (whole word, possessive included), or -1. */
  function matchAt(text: string, at: number, term: string): number {
    let i = at;
    for (let k = 0; k < term.length; k++) {
      const t = term[k]!;
      if (t === ' ') {
        if (!/\s/.test(text[i] ?? '')) return -1;
        while (i < text.length && /\s/.test(text[i]!)) i++;
        continue;
      }
      if (i >= text.length || lower(text[i]!) !== t) return -1;
      i++;
    }
    // Possessives: "Ellie's", "Ellie’s", "the Morrows'". A plain "Morrows" is another word.
    if (APOSTROPHES.has(text[i] ?? '') && (text[i + 1] === 's' || text[i + 1] === 'S') && !isWordChar(text[i + 2])) return i + 2;
    if ((text[i] === 's' || text[i] === 'S') && APOSTROPHES.has(text[i + 1] ?? '') && !isWordChar(text[i + 2])) return i + 2;
    return isWordChar(text[i]) || joined(text, i) ? -1 : i;
  }

  return {
    find(text) {
      if (!byFirstWord.size || !text) return [];
      const found: BibleMention[] = [];
      for (const m of text.matchAll(WORD)) {
        if (m.index > 0 && joined(text, m.index - 1)) continue;
        // A word holds no apostrophes, so plain lower-casing is the term's normalisation unless it changes the length.
        const lw = m[0].toLowerCase();
        const word = lw.length === m[0].length ? lw : [...m[0]].map(lower).join('');
        let terms = byFirstWord.get(word);
        // "the Morrows' house": the word is the one-word name plus the s of a plural possessive.
        const end = m.index + m[0].length;
        if (word.endsWith('s') && APOSTROPHES.has(text[end] ?? '') && !isWordChar(text[end + 1])) {
          const plural = byFirstWord.get(word.slice(0, -1));
          if (plural) terms = [...(terms ?? []), ...plural];
        }
        if (!terms) continue;
        // Every term that matches here (not only the longest): an entry's shorter alias may still win a
        // position a longer, overlapping match of another entry does not cover.
        for (const t of terms) {
          const to = matchAt(text, m.index, t.chars);
          if (to > 0) found.push({ entryId: t.entryId, from: m.index, to });
        }
      }
      return resolveOverlaps(found);
    },
  };
}

/** Longest match wins where matches overlap (earlier one on a tie); the result is sorted by `from`. */
function resolveOverlaps(found: BibleMention[]): BibleMention[] {
  if (found.length < 2) return found;
  const byLength = found.map((m, i) => ({ m, i }))
    .sort((a, b) => (b.m.to - b.m.from) - (a.m.to - a.m.from) || a.m.from - b.m.from || a.i - b.i);
  const kept: BibleMention[] = [];
  for (const { m } of byLength) {
    // Binary search for the first kept mention starting at or after m.from.
    let lo = 0, hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (kept[mid]!.from < m.from) lo = mid + 1; else hi = mid;
    }
    const before = kept[lo - 1];
    const after = kept[lo];
    if (before && before.to > m.from) continue;
    if (after && after.from < m.to) continue;
    kept.splice(lo, 0, m);
  }
  return kept;
}

/**
 * Whole-word, case-insensitive matches of names and aliases, possessives ('s, ’s, s') included; a name inside
 * another word is not matched; longest match wins where matches overlap; sorted by from.
 */
export function findMentions(text: string, entries: readonly BibleEntry[]): BibleMention[] {
  return createMentionMatcher(entries).find(text);
}
