// Title, brief (subject, audience, voice and style guide: used in every prompt) and total target.
import { useStore } from '../../app/store';
import { CountLabel } from '../section/CountLabel';
import { DocumentChecklist } from '../quality/DocumentChecklist';

export function DocumentSettings() {
  const doc = useStore((s) => s.doc);
  const total = useStore((s) => (s.doc?.sectionIds ?? []).reduce((n, id) => n + (s.sections[id]?.wordCount ?? 0), 0));
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const updateDoc = useStore((s) => s.updateDoc);
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
      <DocumentChecklist />
    </section>
  );
}
