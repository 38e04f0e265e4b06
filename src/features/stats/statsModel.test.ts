import { describe, expect, it } from 'vitest';
import type { DocumentMeta, SectionMeta } from '../../core/model';
import { statsRows, statsTotals } from './statsModel';
import type { SectionMetricsView } from '../quality';

const section = (id: string, wordCount: number, targetWords: number, extra: Partial<SectionMeta> = {}): SectionMeta => ({
  id, docId: 'd', title: id.toUpperCase(), brief: '', targetWords, status: 'draft', wordCount, summary: '', checklist: [], updatedAt: 0, ...extra,
});
const metrics = (seqRep4: number, ratio: number, ease: number, words: number): SectionMetricsView => ({
  hash: 'h', words, seqRep4, overlap: { shared: ratio ? 5 : 0, ratio, with: [] },
  readability: { ease, grade: 8, words, sentences: 10, syllables: 100 },
});

describe('statsRows and statsTotals', () => {
  const doc: DocumentMeta = {
    id: 'd', title: 'T', brief: '', targetWords: 0, sectionIds: ['a', 'b', 'c'], createdAt: 0, updatedAt: 0, wordCount: 0,
    checklist: [{ id: 'd1', text: 'first person', state: 'unchecked', results: { a: { state: 'pass', checkedAt: 1 }, b: { state: 'fail', checkedAt: 1 } } }],
  };
  const sections = {
    a: section('a', 50, 100, { checklist: [{ id: 'i', text: 'x', state: 'pass' }] }),
    b: section('b', 100, 100),
    c: section('c', 10, 0, { title: '  ' }),
  };
  const rows = statsRows(doc, sections, { a: metrics(0.2, 0, 60, 50), b: metrics(0.01, 0.3, 80, 150) }, { c: true });

  it('gives each section its count, target, score, band, checklist and flags', () => {
    expect(rows.map((r) => [r.title, r.words, r.target, r.score, r.band])).toEqual([
      ['A', 50, 100, 50, 'poor'], ['B', 100, 100, 100, 'good'], ['Untitled section', 10, 0, null, 'none'],
    ]);
    expect(rows[0]!.checklist).toMatchObject({ passed: 2, total: 2 });
    expect(rows[1]!.checklist).toMatchObject({ passed: 0, failed: 1, total: 1 });
    expect([rows[0]!.repetitive, rows[0]!.overlapping, rows[1]!.repetitive, rows[1]!.overlapping]).toEqual([true, false, false, true]);
    expect(rows[2]!.metrics).toBeUndefined();
    expect(rows.map((r) => r.looping)).toEqual([false, false, true]);
  });

  it('totals words, scores (plain and by target), checklist, flags and word-weighted readability', () => {
    const t = statsTotals(rows);
    expect(t).toMatchObject({ words: 160, target: 200, meanScore: 75, weightedScore: 75, flagged: 3 });
    expect(t.checklist).toMatchObject({ passed: 2, failed: 1, checked: 3, total: 4 });
    expect(t.ease).toBeCloseTo((60 * 50 + 80 * 150) / 200, 10);
  });
});
