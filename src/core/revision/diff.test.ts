import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyHunks, changes, diffWords, joinHunks } from './diff';
import { tokenize } from './tokenize';
import { cpuMs } from '../../testing/cpuTime';

const sides = (original: string, proposal: string) =>
  changes(diffWords(original, proposal)).map((h) => [h.type, h.before, h.after]);

describe('tokenize', () => {
  it('splits words, whitespace runs and punctuation, keeping contractions, compounds and numbers whole', () => {
    expect(tokenize("Don't stop, well-known 1,000.5 whales!\n\nNext")).toEqual([
      "Don't", ' ', 'stop', ',', ' ', 'well-known', ' ', '1,000.5', ' ', 'whales', '!', '\n\n', 'Next',
    ]);
  });
  it('makes each CJK character a token and loses no character', () => {
    expect(tokenize('鯨が来た abc')).toEqual(['鯨', 'が', '来', 'た', ' ', 'abc']);
    const text = 'Mixed — “quotes”… **bold** _it_ 🐋 ok';
    expect(tokenize(text).join('')).toBe(text);
  });
});

describe('diffWords', () => {
  it('finds a replaced word and keeps the rest equal', () => {
    expect(sides('The big cat sat.', 'The small cat sat.')).toEqual([['replace', 'big', 'small']]);
  });

  it('reads adjacent word changes as one replacement, not changes around a space', () => {
    expect(sides('The big cat sat.', 'The small dog sat.')).toEqual([['replace', 'big cat', 'small dog']]);
  });

  it('reports pure insertions and deletions', () => {
    expect(sides('The cat sat.', 'The cat sat quietly.')).toEqual([['insert', '', ' quietly']]);
    expect(sides('The very big cat.', 'The big cat.')).toEqual([['delete', 'very ', '']]);
  });

  it('treats punctuation as its own token', () => {
    expect(sides('Yes, she said.', 'Yes; she said!')).toEqual([['replace', ',', ';'], ['replace', '.', '!']]);
  });

  it('sees a whitespace-only change', () => {
    expect(sides('one  two', 'one two')).toEqual([['replace', '  ', ' ']]);
  });

  it('keeps paragraph breaks as equal text between changes', () => {
    const hunks = diffWords('First para.\n\nSecond para.', 'First part.\n\nSecond part.');
    expect(hunks.map((h) => h.type)).toEqual(['equal', 'replace', 'equal', 'replace', 'equal']);
    expect(hunks[2]!.before).toBe('.\n\nSecond ');
  });

  it('sees a paragraph break added or removed', () => {
    expect(sides('One. Two.', 'One.\n\nTwo.')).toEqual([['replace', ' ', '\n\n']]);
    expect(sides('One.\n\nTwo.', 'One. Two.')).toEqual([['replace', '\n\n', ' ']]);
  });

  it('keeps Markdown marks as tokens, so a mark added around a word is an insertion of the markers', () => {
    expect(sides('a big whale', 'a **big** whale')).toEqual([['insert', '', '**'], ['insert', '', '**']]);
  });

  it('handles identical and empty sides', () => {
    expect(diffWords('Same text.', 'Same text.')).toEqual([
      { id: 'h0-0', type: 'equal', before: 'Same text.', after: 'Same text.', beforeStart: 0, afterStart: 0 },
    ]);
    expect(diffWords('', '')).toEqual([]);
    expect(sides('', 'New text.')).toEqual([['insert', '', 'New text.']]);
    expect(sides('Old text.', '')).toEqual([['delete', 'Old text.', '']]);
  });

  it('gives deterministic, unique ids', () => {
    const a = diffWords('a b c d e f', 'a x c y e z');
    const b = diffWords('a b c d e f', 'a x c y e z');
    expect(a.map((h) => h.id)).toEqual(b.map((h) => h.id));
    expect(new Set(a.map((h) => h.id)).size).toBe(a.length);
  });
});

describe('applyHunks', () => {
  const original = 'The **old** man rowed out.\n\nHe caught nothing, and came back.';
  const proposal = 'The **aged** man rowed out.\n\nHe caught nothing and returned.';

  it('rebuilds the original with nothing accepted and the proposal with everything accepted', () => {
    const ids = changes(diffWords(original, proposal)).map((h) => h.id);
    expect(applyHunks(original, proposal, [])).toBe(original);
    expect(applyHunks(original, proposal, ids)).toBe(proposal);
  });

  it('applies only the chosen changes', () => {
    const [first, ...rest] = changes(diffWords(original, proposal));
    expect(first!.after).toBe('aged');
    expect(applyHunks(original, proposal, [first!.id])).toBe('The **aged** man rowed out.\n\nHe caught nothing, and came back.');
    expect(applyHunks(original, proposal, rest.map((h) => h.id))).toBe('The **old** man rowed out.\n\nHe caught nothing and returned.');
  });

  it('ignores unknown ids', () => {
    expect(applyHunks(original, proposal, ['nope'])).toBe(original);
  });
});

describe('diffWords on long passages', () => {
  const corpus = readFileSync('/work/shared/corpus/pride-and-prejudice.txt', 'utf8');
  const words = corpus.slice(50_000).split(/(?<=\s)/);
  const original = words.slice(0, 3000).join('');
  // A realistic revision: every 7th word changed, every 23rd dropped, a clause inserted every 50 words.
  const proposal = words.slice(0, 3000).map((w, i) =>
    i % 23 === 0 ? '' : i % 7 === 0 ? w.replace(/\S+/, 'changed') : i % 50 === 0 ? `${w}indeed, ` : w).join('');

  it('round-trips 3,000 words both ways and stays fast', () => {
    // Best of three CPU times after a warm-up (the first call pays for the JIT). CPU time, not wall-clock, so
    // other jobs on the machine do not count against the budget (see src/testing/cpuTime.ts).
    diffWords(original.slice(0, 2000), proposal.slice(0, 2000));
    let ms = Infinity, hunks = diffWords('', '');
    for (let k = 0; k < 3; k++) {
      const run = cpuMs(() => diffWords(original, proposal));
      hunks = run.value;
      ms = Math.min(ms, run.ms);
    }
    expect(joinHunks(hunks, [])).toBe(original);
    expect(joinHunks(hunks, hunks.map((h) => h.id))).toBe(proposal);
    expect(changes(hunks).length).toBeGreaterThan(400);
    expect(ms).toBeLessThan(150); // wall-clock was 56–120 ms warm on a shared 2-core box at load ~11
  });

  it('survives two unrelated 3,000-word texts (worst case) and still round-trips', () => {
    const other = corpus.slice(300_000).split(/(?<=\s)/).slice(0, 3000).join('');
    const { ms, value: hunks } = cpuMs(() => diffWords(original, other));
    expect(ms).toBeLessThan(1000);
    expect(joinHunks(hunks, [])).toBe(original);
    expect(joinHunks(hunks, hunks.map((h) => h.id))).toBe(other);
  });
});
