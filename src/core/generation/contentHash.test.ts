import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contentHash } from './contentHash';
import { cpuMs } from '../../testing/cpuTime';

describe('contentHash', () => {
  it('is stable: the same text always gives the same key', () => {
    expect(contentHash('Call me Ishmael.')).toBe(contentHash('Call me Ishmael.'));
    expect(contentHash('Call me Ishmael.')).toMatch(/^[0-9a-f]{14}$/);
  });

  it('changes when one character changes', () => {
    const a = contentHash('Call me Ishmael.');
    expect(contentHash('Call me Ishmael!')).not.toBe(a);
    expect(contentHash('call me Ishmael.')).not.toBe(a);
    expect(contentHash('')).not.toBe(contentHash(' x'));
  });

  it('ignores line-ending style and trailing whitespace', () => {
    expect(contentHash('a\r\nb\n\n')).toBe(contentHash('a\nb'));
  });

  it('has no collisions over many similar paragraphs and hashes a novel quickly', () => {
    const text = readFileSync('/work/shared/corpus/moby-dick.txt', 'utf8');
    const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
    const unique = new Set(paragraphs.map((p) => p.trim()));
    expect(new Set([...unique].map(contentHash)).size).toBe(unique.size);
    // CPU time, not wall-clock: a loaded machine must not fail a speed budget (see src/testing/cpuTime.ts).
    expect(cpuMs(() => contentHash(text)).ms).toBeLessThan(200);
  });
});
