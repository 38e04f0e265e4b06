// Document stats (region "Document stats"): per section, count vs target as SVG bars, length score, checklist
// pass rate, repetition flags and readability; document totals; words written today, typed vs generated.
// Reads the store at most once a second and heavy figures come from the idle-time metrics engine, so typing
// never waits for it.
import { memo, useEffect } from 'react';
import { formatCount } from '../../core/wordCount';
import { recomputeMetrics, startQuality } from '../quality';
import { statsRows, statsTotals, type StatsRow } from './statsModel';
import { useThrottledStore } from './useThrottled';

const BAR_W = 180, BAR_H = 12;

export function StatsView() {
  useEffect(() => { void startQuality(); }, []);
  // The time of the figures comes through the same throttle: read on its own it re-rendered the whole view (137
  // rows compared, the table's text set) synchronously in the worker's reply, between two keystrokes.
  const data = useThrottledStore((s) => ({ doc: s.doc, sections: s.sections, metrics: s.metrics, today: s.wordsToday, gen: s.gen, computedAt: s.metricsComputedAt }), 1000,
    (a, b) => a.doc === b.doc && a.sections === b.sections && a.metrics === b.metrics && a.today === b.today && a.gen === b.gen && a.computedAt === b.computedAt);
  const { computedAt } = data;
  if (!data.doc) return null;
  const rows = statsRows(data.doc, data.sections, data.metrics, Object.fromEntries(Object.entries(data.gen).map(([id, g]) => [id, g.loop])));
  const totals = statsTotals(rows);
  const scale = Math.max(1, ...rows.map((r) => Math.max(r.words, r.target * 1.1)));
  const { typed, generated } = data.today;
  const today = typed + generated;
  return (
    <section className="stats" aria-label="Document stats">
      <div className="stats-head">
        <h2>Document stats</h2>
        <button type="button" onClick={() => void recomputeMetrics()}>Refresh stats</button>
        <span className="ck-meta">{computedAt ? `figures from ${new Date(computedAt).toLocaleTimeString()}` : 'measuring…'}</span>
      </div>
      <dl className="stats-totals">
        <div><dt>Words</dt><dd>{formatCount(totals.words)} / {formatCount(totals.target)}</dd></div>
        <div><dt>Length score</dt><dd aria-label="Document length score">{totals.meanScore === null ? '–' : Math.round(totals.meanScore)}
          {totals.weightedScore !== null && <span className="ck-meta"> (by target {Math.round(totals.weightedScore)})</span>}</dd></div>
        <div><dt>Checklist</dt><dd>{totals.checklist.rate === null ? 'unchecked' : `${totals.checklist.passed}/${totals.checklist.checked} pass (${Math.round(totals.checklist.rate * 100)}%)`}</dd></div>
        <div><dt>Flagged sections</dt><dd>{totals.flagged}</dd></div>
        <div><dt>Readability</dt><dd>{totals.ease === null ? 'n/a' : `ease ${Math.round(totals.ease)} · grade ${totals.grade!.toFixed(1)}`}</dd></div>
        <div>
          <dt>Written today</dt>
          <dd aria-label="Words written today">
            {formatCount(today)} words: {formatCount(typed)} typed, {formatCount(generated)} generated{' '}
            <span className="today-bar" aria-hidden="true">
              <span className="typed" style={{ width: `${today ? (typed / today) * 100 : 0}%` }} />
              <span className="generated" style={{ width: `${today ? (generated / today) * 100 : 0}%` }} />
            </span>
          </dd>
        </div>
      </dl>
      <table>
        <thead>
          <tr><th>Section</th><th>Words / target</th><th>Count vs target</th><th>Length score</th><th>Checklist</th><th>Repetition</th><th>Readability</th></tr>
        </thead>
        <tbody>{rows.map((r) => <Row key={r.id} row={r} scale={scale} />)}</tbody>
      </table>
    </section>
  );
}

// Rows are rebuilt on every refresh (once a second while the writer types), but in a 137-chapter book only the
// chapter being typed changes: comparing the figures a row shows keeps React from re-rendering the other rows.
const sameRow = (a: { row: StatsRow; scale: number }, b: { row: StatsRow; scale: number }) => {
  const x = a.row, y = b.row;
  return a.scale === b.scale && x.id === y.id && x.index === y.index && x.title === y.title && x.words === y.words &&
    x.target === y.target && x.band === y.band && x.score === y.score && x.metrics === y.metrics &&
    x.checklist.passed === y.checklist.passed && x.checklist.failed === y.checklist.failed && x.checklist.total === y.checklist.total &&
    x.repetitive === y.repetitive && x.overlapping === y.overlapping && x.looping === y.looping;
};

const Row = memo(function Row({ row: r, scale }: { row: StatsRow; scale: number }) {
  const x = (n: number) => (n / scale) * BAR_W;
  const m = r.metrics;
  return (
    <tr>
      <td>{r.index + 1}. {r.title}</td>
      <td>{formatCount(r.words)} / {formatCount(r.target)}</td>
      <td>
        <svg width={BAR_W} height={BAR_H} role="img" aria-label={`${formatCount(r.words)} of ${formatCount(r.target)} words`}>
          {r.target > 0 && <rect className="band" x={x(r.target * 0.9)} y={0} width={x(r.target * 0.2)} height={BAR_H} />}
          <rect className={`bar-${r.band}`} x={0} y={2} width={Math.max(r.words ? 1 : 0, x(r.words))} height={BAR_H - 4} rx={2} />
          {r.target > 0 && <line className="bar-target" x1={x(r.target)} x2={x(r.target)} y1={0} y2={BAR_H} />}
        </svg>
      </td>
      <td>{r.score === null ? '–' : Math.round(r.score)}</td>
      <td>{r.checklist.total ? `${r.checklist.passed}/${r.checklist.total} pass${r.checklist.failed ? `, ${r.checklist.failed} fail` : ''}` : '–'}</td>
      <td>
        {m ? <>
          <span className={r.repetitive ? 'quality-flag' : ''}>rep-4 {(m.seqRep4 * 100).toFixed(1)}%</span>
          {' · '}
          <span className={r.overlapping ? 'quality-flag' : ''}>overlap {(m.overlap.ratio * 100).toFixed(1)}%</span>
          {r.repetitive || r.overlapping ? ' ⚑' : ''}
        </> : '…'}
        {r.looping && <span className="quality-flag"> · looping</span>}
      </td>
      <td>{m?.readability ? `${Math.round(m.readability.ease)} · gr ${m.readability.grade.toFixed(1)}` : m ? 'n/a' : '…'}</td>
    </tr>
  );
}, sameRow);
