// The list "Checklist" inside a section: its own items and the document items that apply to it, each with
// its state as text (pass / fail / unchecked) and when it was checked; failed items offer "Fix".
import type { ApplicableItem } from '../../core/checklist/applicable';
import { parseChecklistItem } from '../../core/checklist/parseItem';

export function ChecklistList({ items, readOnly, onFix, onRemove }: {
  items: ApplicableItem[];
  readOnly: boolean;
  onFix: (a: ApplicableItem) => void;
  onRemove: (a: ApplicableItem) => void;
}) {
  return (
    <ul className="checklist" aria-label="Checklist">
      {items.map((a) => {
        const how = parseChecklistItem(a.item.text).kind === 'contains' ? 'text search' : 'judged by the model';
        return (
          <li key={`${a.source}:${a.item.id}`} data-state={a.state}>
            <span className={`ck-state ${a.state}`}>{a.state}</span>
            <span className="ck-text">{a.item.text}</span>
            <span className="ck-meta">
              {a.source === 'document' ? (a.item.everyN && a.item.everyN > 1 ? `document, every ${a.item.everyN} sections · ` : 'document · ') : ''}
              {how}
              {a.checkedAt ? <> · checked <time dateTime={new Date(a.checkedAt).toISOString()}>{formatWhen(a.checkedAt)}</time></> : null}
            </span>
            {a.state === 'fail' && (
              <button type="button" onClick={() => onFix(a)} disabled={readOnly} title="Propose a revision that satisfies this item">Fix</button>
            )}
            {a.source === 'section' && (
              <button type="button" onClick={() => onRemove(a)} disabled={readOnly} aria-label={`Remove item: ${a.item.text}`}>×</button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function formatWhen(at: number, now = Date.now()): string {
  const d = new Date(at);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return sameDay ? time : `${d.toLocaleDateString()} ${time}`;
}
