import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createLoopDetector, findLoop } from './loopDetector';
import { cpuMs } from '../../testing/cpuTime';

const sentence = 'And then the captain looked out over the grey water again. '; // 59 chars

function streamInChunks(text: string, size: number, detector = createLoopDetector()): number {
  for (let i = 0; i < text.length; i += size) if (detector.push(text.slice(i, i + size))) return i + size;
  return -1;
}

describe('createLoopDetector', () => {
  it('fires once the same ≥48-character tail appears three times in a row, not at two', () => {
    const d = createLoopDetector();
    expect(d.push('Chapter one. ' + sentence + sentence)).toBe(false);
    expect(d.push(sentence.slice(0, 30))).toBe(false);
    expect(d.push(sentence.slice(30))).toBe(true);
    expect(d.looping).toBe(true);
    expect(d.unit!.length).toBe(sentence.length);
  });

  it('fires on a loop that arrives in small chunks, soon after the third copy completes', () => {
    const text = 'Intro text that differs. ' + sentence.repeat(6);
    const firedAt = streamInChunks(text, 7);
    const thirdCopyEnds = 'Intro text that differs. '.length + 3 * sentence.length;
    expect(firedAt).toBeGreaterThanOrEqual(thirdCopyEnds);
    expect(firedAt).toBeLessThan(thirdCopyEnds + 7);
  });

  it('ignores a short phrase said three times and trivial runs, but not a short phrase said on and on', () => {
    expect(streamInChunks('He said: yes. No. Yes. No. Yes. No. and left.', 5)).toBe(-1);
    expect(streamInChunks('Yes. No. '.repeat(50), 5)).toBeGreaterThan(0);
    expect(streamInChunks('-'.repeat(500) + ' '.repeat(500), 10)).toBe(-1);
  });

  it('does not fire on a whole novel chapter streamed in deltas', () => {
    const chapter = readFileSync('/work/shared/corpus/pride-and-prejudice.txt', 'utf8').slice(20_000, 60_000);
    // ~1,700 pushes; cheap per chunk even with a full buffer. CPU time, so a loaded machine cannot fail it.
    const { ms, value } = cpuMs(() => streamInChunks(chapter, 24));
    expect(value).toBe(-1);
    expect(ms).toBeLessThan(2000);
  });

  it('accepts the whole text so far, and restarts when the text restarts', () => {
    const d = createLoopDetector();
    let full = '';
    for (let i = 0; i < 3; i++) { full += sentence; d.update(full); }
    expect(d.looping).toBe(true);
    expect(d.update('New take.')).toBe(false);
    d.reset();
    expect(d.looping).toBe(false);
    expect(d.unit).toBeNull();
  });
});

describe('findLoop', () => {
  it('returns the shortest repeating unit', () => {
    const unit = 'abcdefghij klmnopqrst uvwxyz ABCDEFGHIJ KLMNOPQRST UV '; // 54 chars
    expect(findLoop('start ' + unit.repeat(3), 48, 3)).toBe(unit);
    expect(findLoop('start ' + unit.repeat(2), 48, 3)).toBeNull();
  });
});
