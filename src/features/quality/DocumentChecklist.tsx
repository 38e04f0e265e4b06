// Document checklist (inside document settings): items that apply to every section, or recur every Nth
// section ("a weather note every 5th section"). Each section shows and checks them in its own checklist.
import { useEffect, useState } from 'react';
import { useStore } from '../../app/store';
import { appliesTo, passRate } from '../../core/checklist/applicable';
import { parsePeriodic } from '../../core/checklist/parseItem';
import { addDocumentItem, removeDocumentItem } from './checklistActions';
import { checkSection } from './checkService';
import { startQuality } from './watch';
import './quality.css';

export function DocumentChecklist() {
  useEffect(() => { startQuality(); }, []);
  const doc = useStore((s) => s.doc);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const [draft, setDraft] = useState('');
  const [every, setEvery] = useState('');
  const [checking, setChecking] = useState(false);
  if (!doc) return null;
  const guessed = parsePeriodic(draft);
  const add = () => {
    if (addDocumentItem(draft, Number(every) || undefined)) { setDraft(''); setEvery(''); }
  };
  const checkAll = async () => {
    setChecking(true);
    try { for (const id of doc.sectionIds) await checkSection(id); } finally { setChecking(false); }
  };
  return (
    <div className="doc-checklist" role="group" aria-label="Document checklist">
      <h3>Checklist for every section</h3>
      <ul className="checklist" aria-label="Document checklist items">
        {doc.checklist.map((item) => {
          const applies = doc.sectionIds.map((_, i) => i).filter((i) => appliesTo(item, i));
          const states = applies.map((i) => item.results?.[doc.sectionIds[i]!]?.state ?? 'unchecked');
          const rate = passRate(states);
          return (
            <li key={item.id}>
              <span className="ck-text">{item.text}</span>
              <span className="ck-meta">
                {item.everyN && item.everyN > 1 ? `every ${item.everyN} sections (${applies.length})` : `all ${applies.length} sections`}
                {rate.checked ? ` · ${rate.passed}/${rate.checked} pass` : ' · unchecked'}
              </span>
              <button type="button" disabled={readOnly} onClick={() => removeDocumentItem(item.id)} aria-label={`Remove document item: ${item.text}`}>×</button>
            </li>
          );
        })}
      </ul>
      <form className="ck-add" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <input
          type="text" aria-label="New document checklist item" value={draft} readOnly={readOnly}
          placeholder="For every section, e.g. keep to first person; or a weather note every 5th section"
          onChange={(e) => setDraft(e.target.value)}
        />
        <label className="field-inline">
          <span>Every</span>
          <input
            type="number" min={1} step={1} aria-label="Every N sections" value={every}
            placeholder={guessed && guessed > 1 ? String(guessed) : '1'} onChange={(e) => setEvery(e.target.value)}
          />
        </label>
        <button type="submit" disabled={readOnly || !draft.trim()}>Add document item</button>
        <button type="button" disabled={readOnly || checking || !doc.checklist.length} onClick={() => void checkAll()}>Check all sections</button>
      </form>
    </div>
  );
}
