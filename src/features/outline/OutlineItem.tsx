// One outline entry. Reads only its own section, so a keystroke in one section re-renders one entry.
import { useState } from 'react';
import { useStore } from '../../app/store';
import { formatCount } from '../../core/wordCount';
import { deleteSectionWithUndo } from './deleteSection';
import { OutlineSectionState } from '../generation';

interface Props {
  sectionId: string; index: number; count: number;
  dragFrom: number | null; setDragFrom: (i: number | null) => void;
}

export function OutlineItem({ sectionId, index, count, dragFrom, setDragFrom }: Props) {
  const section = useStore((s) => s.sections[sectionId]);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const docId = useStore((s) => s.doc?.id ?? null);
  const selected = useStore((s) => !!docId && s.outlineSelection.docId === docId && s.outlineSelection.ids.includes(sectionId));
  const { moveSection, jump, updateSection } = useStore.getState();
  const [renaming, setRenaming] = useState(false);
  if (!section) return null;
  const name = section.title.trim() || 'Untitled section';
  const move = (to: number) => {
    moveSection(index, to);
    // Keep keyboard focus on the moved entry so Alt+Arrow can be pressed again.
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-outline-id="${sectionId}"] .outline-jump`)?.focus());
  };
  return (
    <li
      className={`outline-item status-${section.status}${dragFrom === index ? ' dragging' : ''}`}
      data-outline-id={sectionId}
      draggable={!readOnly && !renaming}
      onDragStart={(e) => { setDragFrom(index); e.dataTransfer.effectAllowed = 'move'; e.dataTransfer.setData('text/plain', sectionId); }}
      onDragOver={(e) => { if (dragFrom !== null) e.preventDefault(); }}
      onDrop={(e) => { e.preventDefault(); if (dragFrom !== null && dragFrom !== index) moveSection(dragFrom, index); setDragFrom(null); }}
      onDragEnd={() => setDragFrom(null)}
    >
      <span className="drag-handle" aria-hidden="true">⠿</span>
      {/* Selecting changes nothing in the document, so it stays available in a read-only tab (export). */}
      <input type="checkbox" className="outline-select" aria-label={`Select ${name}`} checked={selected} disabled={!docId}
        onChange={(e) => docId && useStore.getState().toggleSectionSelected(docId, sectionId, e.target.checked)} />
      {renaming ? (
        <input
          autoFocus aria-label={`Rename ${name}`} defaultValue={section.title}
          onBlur={(e) => { updateSection(sectionId, { title: e.target.value }); setRenaming(false); }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') e.currentTarget.blur();
            if (e.key === 'Escape') setRenaming(false);
          }}
        />
      ) : (
        <button
          type="button" className="outline-jump" onClick={() => jump(sectionId)} onDoubleClick={() => !readOnly && setRenaming(true)}
          aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
          onKeyDown={(e) => {
            if (readOnly || !e.altKey) return;
            if (e.key === 'ArrowUp' && index > 0) { e.preventDefault(); move(index - 1); }
            if (e.key === 'ArrowDown' && index < count - 1) { e.preventDefault(); move(index + 1); }
          }}
        >
          <span className="outline-title">{name}</span>
          <span className="outline-count">{formatCount(section.wordCount)}{section.targetWords ? ` / ${formatCount(section.targetWords)}` : ''}</span>
          <span className="outline-status">{section.status}</span>
          <OutlineSectionState sectionId={sectionId} />
        </button>
      )}
      <span className="outline-tools">
        <button type="button" aria-label={`Rename ${name}`} title="Rename" disabled={readOnly} onClick={() => setRenaming(true)}>✎</button>
        <button type="button" aria-label={`Move ${name} up`} title="Move up (Alt+↑)" disabled={readOnly || index === 0} onClick={() => move(index - 1)}>↑</button>
        <button type="button" aria-label={`Move ${name} down`} title="Move down (Alt+↓)" disabled={readOnly || index === count - 1} onClick={() => move(index + 1)}>↓</button>
        <button type="button" aria-label={`Delete ${name}`} title="Delete" disabled={readOnly} onClick={() => deleteSectionWithUndo(sectionId)}>✕</button>
      </span>
    </li>
  );
}
