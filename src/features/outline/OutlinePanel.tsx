// The outline: ordered sections with jump, rename, reorder (drag, buttons, Alt+Arrow keys), delete with Undo,
// add, and splitting the document target.
import { useState } from 'react';
import { useStore } from '../../app/store';
import { OutlineItem } from './OutlineItem';
import { selectedSectionIds } from './slice';
import { useDeferred } from '../../app/useDeferred';

export function OutlinePanel() {
  const ids = useStore((s) => s.doc?.sectionIds ?? null);
  const addSection = useStore((s) => s.addSection);
  const splitTargets = useStore((s) => s.splitTargets);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const selectedCount = useStore((s) => selectedSectionIds(s).length);
  const [mode, setMode] = useState<'proportional' | 'equal'>('proportional');
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  // Opening a document renders the manuscript first; the outline follows in a background render (on the page's
  // first open, once the first section's editor is up: restReady).
  const openSeq = useStore((s) => s.openSeq);
  const rest = useDeferred(useStore((s) => s.restReady));
  const settled = useDeferred(openSeq) === openSeq && rest;
  if (!ids) return null;
  const shown = settled ? ids : ids.slice(0, 20);
  return (
    <section className="outline" aria-label="Outline">
      <h2>Outline</h2>
      <ol className="outline-list">
        {shown.map((id, i) => (
          <OutlineItem key={id} sectionId={id} index={i} count={ids.length} dragFrom={dragFrom} setDragFrom={setDragFrom} />
        ))}
      </ol>
      {selectedCount > 0 && (
        <p className="outline-selection">
          <span role="status">{selectedCount} of {ids.length} sections selected</span>
          <button type="button" onClick={() => useStore.getState().clearSectionSelection()}>Clear selection</button>
        </p>
      )}
      <div className="outline-actions">
        <button type="button" disabled={readOnly} onClick={() => { const id = addSection({ title: '' }); useStore.getState().jump(id, 'title'); }}>
          Add section
        </button>
        <span className="split">
          <button type="button" disabled={readOnly} onClick={() => splitTargets(mode)} title="Divide the document target among the sections">
            Split target
          </button>
          <select aria-label="Split mode" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            <option value="proportional">proportional</option>
            <option value="equal">equal</option>
          </select>
        </span>
      </div>
    </section>
  );
}
