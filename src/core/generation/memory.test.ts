import { describe, expect, it } from 'vitest';
import { contentHash } from './contentHash';
import { memoryFor, type MemorySection } from './memory';
import { roughWordCount } from './words';

const words = (n: number, tag: string) => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');
const sec = (i: number, over: Partial<MemorySection> = {}): MemorySection => ({
  title: `S${i}`, brief: `brief ${i}`, text: words(400, `t${i}-`), summary: `summary ${i}`, ...over,
});

describe('memoryFor — sequential', () => {
  it('gives every earlier summary, the previous tail (~300 words, verbatim end) and the next brief', () => {
    const sections = [sec(0), sec(1), sec(2), sec(3)];
    const m = memoryFor(sections, 2, 'sequential');
    expect(m.summaries.map((s) => s.summary)).toEqual(['summary 0', 'summary 1']);
    expect(m.previousTail.endsWith('t1-399')).toBe(true);
    expect(roughWordCount(m.previousTail)).toBeGreaterThanOrEqual(300);
    expect(roughWordCount(m.previousTail)).toBeLessThanOrEqual(376);
    expect(m.next).toEqual({ index: 3, title: 'S3', brief: 'brief 3' });
    expect(m.concurrent).toBeUndefined();
  });

  it('has no tail or summaries for the first section and no next for the last', () => {
    const sections = [sec(0), sec(1)];
    expect(memoryFor(sections, 0)).toMatchObject({ summaries: [], previousTail: '', next: { index: 1 } });
    expect(memoryFor(sections, 1).next).toBeNull();
  });

  it('skips empty sections and reports earlier text without a summary, and stale summaries', () => {
    const sections = [
      sec(0, { summary: '' }),
      sec(1, { text: '', summary: '' }),
      sec(2, { summaryHash: contentHash('older text') }),
      sec(3, { summaryHash: undefined }),
      sec(4),
    ];
    sections[3] = { ...sections[3]!, summaryHash: contentHash(sections[3]!.text) };
    const m = memoryFor(sections, 4);
    expect(m.summaries.map((s) => s.index)).toEqual([2, 3]);
    expect(m.missingSummaries).toEqual([0]);
    expect(m.staleSummaries).toEqual([2]);
  });

  it('follows on from a failed previous section partial text in a sequential run', () => {
    const m = memoryFor([sec(0, { state: 'failed' }), sec(1, { state: 'streaming' })], 1, 'sequential');
    expect(m.previousTail).not.toBe('');
    expect(m.summaries).toHaveLength(1);
  });
});

describe('memoryFor — parallel', () => {
  it('uses only summaries of finished sections and names the siblings being written', () => {
    const sections = [
      sec(0),                                  // written before the run
      sec(1, { state: 'done' }),
      sec(2, { state: 'streaming', text: 'half a', summary: '' }),
      sec(3, { state: 'failed' }),
      sec(4, { state: 'streaming', text: '', summary: '' }),
      sec(5, { state: 'queued', text: '', summary: '' }),
    ];
    const m = memoryFor(sections, 4, 'parallel');
    expect(m.summaries.map((s) => s.index)).toEqual([0, 1]);
    expect(m.previousTail).toBe(''); // section 3 failed: not a base to build on
    expect(m.concurrent).toEqual([2, 5]);
    expect(m.next).toEqual({ index: 5, title: 'S5', brief: 'brief 5' });
  });

  it('shows the previous tail when the previous section is done', () => {
    const m = memoryFor([sec(0, { state: 'done' }), sec(1, { state: 'streaming', text: '' })], 1, 'parallel');
    expect(m.previousTail.endsWith('t0-399')).toBe(true);
  });
});
