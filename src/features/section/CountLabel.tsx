// "<count> / <target> words" with a progress bar (none without a target: there is nothing to progress
// towards); the same component for a section and for the document.
import { formatCountOfTarget } from '../../core/wordCount';

export function CountLabel({ label, count, target }: { label: 'Section' | 'Document'; count: number; target: number }) {
  const pct = target > 0 ? Math.min(100, Math.round((count / target) * 100)) : 0;
  const over = target > 0 && count > target * 1.1;
  return (
    <span className="count">
      <span aria-label={`${label} word count`} className={over ? 'count-text over' : 'count-text'}>{formatCountOfTarget(count, target)}</span>
      {target > 0 && (
        <span
          className="count-bar" role="progressbar" aria-label={`${label} progress`}
          aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}
        >
          <span style={{ width: `${pct}%` }} className={over ? 'over' : ''} />
        </span>
      )}
    </span>
  );
}
