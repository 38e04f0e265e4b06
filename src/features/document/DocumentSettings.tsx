// Title, brief (subject, audience, voice and style guide: used in every prompt) and total target.
import { useStore } from '../../app/store';
import { Reserved } from '../../app/Reserved';
import { CountLabel } from '../section';
import { DocumentChecklist } from '../quality';
import { useDeferred } from '../../app/useDeferred';

export function DocumentSettings() {
  const doc = useStore((s) => s.doc);
  const total = useStore((s) => (s.doc?.sectionIds ?? []).reduce((n, id) => n + (s.sections[id]?.wordCount ?? 0), 0));
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const updateDoc = useStore((s) => s.updateDoc);
  const rest = useDeferred(useStore((s) => s.restReady));
  if (!doc) return null;
  return (
    <section className="doc-settings" aria-label="Document settings">
      <input
        className="doc-title" aria-label="Document title" value={doc.title} placeholder="Untitled document" readOnly={readOnly}
        onChange={(e) => updateDoc({ title: e.target.value })}
      />
      <div className="doc-row">
        <label className="field-inline">
          <span>Target</span>
          <input
            type="number" min={0} step={500} aria-label="Document target words" value={doc.targetWords || ''} placeholder="0" readOnly={readOnly}
            onChange={(e) => updateDoc({ targetWords: Math.max(0, Math.round(Number(e.target.value) || 0)) })}
          />
        </label>
        <CountLabel label="Document" count={total} target={doc.targetWords} />
      </div>
      <textarea
        className="doc-brief" aria-label="Document brief" rows={3} readOnly={readOnly}
        placeholder="What it is about, who it is for, voice and style guide. Every generation reads this."
        value={doc.brief} onChange={(e) => updateDoc({ brief: e.target.value })}
      />
      {/* Used by "Manuscript format (.docx)": the title page's contact block and the running header's surname. */}
      <details className="doc-manuscript">
        <summary>Author and manuscript</summary>
        <div className="doc-row">
          <input aria-label="Author name" placeholder="Author name" value={doc.authorName ?? ''} readOnly={readOnly}
            onChange={(e) => updateDoc({ authorName: e.target.value })} />
          <select aria-label="Manuscript font" value={doc.manuscriptFont ?? 'Courier New'} disabled={readOnly}
            onChange={(e) => updateDoc({ manuscriptFont: e.target.value as 'Courier New' | 'Times New Roman' })}>
            <option value="Courier New">Courier New 12</option>
            <option value="Times New Roman">Times New Roman 12</option>
          </select>
        </div>
        <textarea aria-label="Contact lines" rows={3} readOnly={readOnly} placeholder={'Address, email, phone: one per line'}
          value={doc.contactLines ?? ''} onChange={(e) => updateDoc({ contactLines: e.target.value })} />
      </details>
      {/* Its own chunk (with the quality engine): it appears once loaded, the fields above do not wait for it. */}
      <Reserved id={`doc.${doc.id}.checklist`} kind="doc.checklist" ready={rest}><DocumentChecklist /></Reserved>
    </section>
  );
}
