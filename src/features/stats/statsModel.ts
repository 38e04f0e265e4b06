// The rows and totals of the stats view, from store data and idle-time metrics. Pure: tested without React.
import type { DocumentMeta, SectionMeta } from '../../core/model';
import { documentLengthScore, lengthBand, lengthScore, type LengthBand } from '../../core/metrics/lengthScore';
import { applicableItems, passRate, type PassRate } from '../../core/checklist/applicable';
import { SEQ_REP_4_FLAG } from '../../core/metrics/repetition';
import { OVERLAP_FLAG } from '../../core/metrics/documentOverlap';
import type { SectionMetricsView } from '../quality';

export interface StatsRow {
  id: string;
  index: number;
  title: string;
  words: number;
  target: number;
  score: number | null;
  band: LengthBand | 'none';
  checklist: PassRate;
  metrics?: SectionMetricsView;
  repetitive: boolean;
  overlapping: boolean;
  /** The last generation was stopped for looping. */
  looping: boolean;
}

export interface StatsTotals {
  words: number;
  target: number;
  meanScore: number | null;
  weightedScore: number | null;
  checklist: PassRate;
  flagged: number;
  /** Word-weighted mean of section readability (sections where it applies). */
  ease: number | null;
  grade: number | null;
}

export function statsRows(
  doc: DocumentMeta, sections: Record<string, SectionMeta>, metrics: Record<string, SectionMetricsView>,
  looping: Record<string, boolean | undefined> = {},
): StatsRow[] {
  return doc.sectionIds.flatMap((id, index) => {
    const s = sections[id];
    if (!s) return [];
    const score = lengthScore(s.targetWords, s.wordCount);
    const m = metrics[id];
    return [{
      id, index, title: s.title.trim() || 'Untitled section', words: s.wordCount, target: s.targetWords,
      score, band: score === null ? 'none' : lengthBand(score),
      checklist: passRate(applicableItems(doc, s, index).map((a) => a.state)),
      metrics: m,
      repetitive: !!m && m.seqRep4 > SEQ_REP_4_FLAG,
      overlapping: !!m && m.overlap.ratio > OVERLAP_FLAG,
      looping: !!looping[id],
    }];
  });
}

export function statsTotals(rows: readonly StatsRow[]): StatsTotals {
  const doc = documentLengthScore(rows.map((r) => ({ target: r.target, words: r.words })));
  const passed = rows.reduce((n, r) => n + r.checklist.passed, 0);
  const failed = rows.reduce((n, r) => n + r.checklist.failed, 0);
  const total = rows.reduce((n, r) => n + r.checklist.total, 0);
  let easeSum = 0, gradeSum = 0, weight = 0;
  for (const r of rows) {
    const rd = r.metrics?.readability;
    if (rd) { easeSum += rd.ease * rd.words; gradeSum += rd.grade * rd.words; weight += rd.words; }
  }
  return {
    words: rows.reduce((n, r) => n + r.words, 0),
    target: rows.reduce((n, r) => n + r.target, 0),
    meanScore: doc.mean, weightedScore: doc.weighted,
    checklist: { passed, failed, checked: passed + failed, total, rate: passed + failed ? passed / (passed + failed) : null },
    flagged: rows.filter((r) => r.repetitive || r.overlapping || r.looping).length,
    ease: weight ? easeSum / weight : null,
    grade: weight ? gradeSum / weight : null,
  };
}
