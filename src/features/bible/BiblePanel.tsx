// The page-level story bible: add, search, edit and delete entries. One entry is open for editing at a time, so
// a 200-entry bible stays a short list of names.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../app/store';
import { BIBLE_KINDS, type BibleEntry, type BibleKind } from '../../core/bible/types';
import { addEntry, deleteEntry, parseAliases, searchEntries, updateEntry } from './entries';

const NO_ENTRIES: readonly BibleEntry[] = [];

export function BiblePanel() {
  const entries = useStore((s) => s.doc?.bible ?? NO_ENTRIES);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const [query, setQuery] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const shown = useMemo(() => searchEntries(entries, query), [entries, query]);
  const add = () => {
    const id = addEntry();
    if (id) { setQuery(''); setOpenId(id); }
  };
  return (
    <section className="bible" aria-label="Story bible">
      <div className="bible-head">
        <h2>Story bible</h2>
        <span className="bible-count">{entries.length} {entries.length === 1 ? 'entry' : 'entries'}</span>
        <button type="button" onClick={add} disabled={readOnly}>Add entry</button>
        <input type="search" aria-label="Search entries" placeholder="Search entries" value={query} onChange={(e) => setQuery(e.target.value)} />
      </div>
      {entries.length === 0 && (
        <p className="bible-empty">People, places and facts to keep consistent. Entries mentioned in a section (or marked “always include”) go into its prompt.</p>
      )}
      {entries.length > 0 && shown.length === 0 && <p className="bible-empty" role="status">No entry matches “{query}”.</p>}
      <ul className="bible-list" aria-label="Story bible entries">
        {shown.map((e) => (
          <EntryItem key={e.id} entry={e} open={openId === e.id} readOnly={readOnly} onToggle={() => setOpenId(openId === e.id ? null : e.id)} />
        ))}
      </ul>
    </section>
  );
}

const EntryItem = memo(function EntryItem({ entry, open, readOnly, onToggle }: {
  entry: BibleEntry; open: boolean; readOnly: boolean; onToggle: () => void;
}) {
  const name = entry.name.trim() || 'Untitled entry';
  return (
    <li aria-label={name} className={`bible-entry${open ? ' open' : ''}`}>
      <button type="button" className="bible-entry-toggle" aria-expanded={open} onClick={onToggle}
        title={entry.description || undefined}>
        <span className="bible-entry-name">{name}</span>
        <span className="bible-kind">{entry.kind}</span>
        {entry.alwaysInclude && <span className="bible-always">always</span>}
        {entry.aliases.length > 0 && <span className="bible-aliases">{entry.aliases.join(', ')}</span>}
      </button>
      {open && <EntryEditor entry={entry} readOnly={readOnly} />}
    </li>
  );
});

function EntryEditor({ entry, readOnly }: { entry: BibleEntry; readOnly: boolean }) {
  const nameRef = useRef<HTMLInputElement>(null);
  // The aliases box keeps what is typed ("Ellie, ") while the entry holds the parsed list.
  const [aliasText, setAliasText] = useState(entry.aliases.join(', '));
  useEffect(() => {
    if (entry.name === 'New entry') nameRef.current?.select();
    else nameRef.current?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- focus once, when opened
  useEffect(() => {
    // Changed from elsewhere (an accepted suggestion, Undo): show the entry's list.
    if (parseAliases(aliasText).join('\n') !== entry.aliases.join('\n')) setAliasText(entry.aliases.join(', '));
  }, [entry.aliases]); // eslint-disable-line react-hooks/exhaustive-deps -- only when the stored list changes
  const set = (patch: Parameters<typeof updateEntry>[1]) => updateEntry(entry.id, patch);
  return (
    <div className="bible-editor">
      <div className="bible-row">
        <input ref={nameRef} aria-label="Entry name" placeholder="Name" value={entry.name} readOnly={readOnly}
          onChange={(e) => set({ name: e.target.value })} />
        <select aria-label="Entry kind" value={entry.kind} disabled={readOnly} onChange={(e) => set({ kind: e.target.value as BibleKind })}>
          {BIBLE_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
        </select>
        <label className="bible-check">
          <input type="checkbox" checked={entry.alwaysInclude} disabled={readOnly} onChange={(e) => set({ alwaysInclude: e.target.checked })} />
          Always include
        </label>
      </div>
      <input aria-label="Entry aliases" placeholder="Aliases, comma separated" value={aliasText} readOnly={readOnly}
        onChange={(e) => { setAliasText(e.target.value); set({ aliases: parseAliases(e.target.value) }); }}
        onBlur={() => setAliasText(entry.aliases.join(', '))} />
      <textarea aria-label="Entry description" rows={3} placeholder="Description: what the model must keep consistent" value={entry.description}
        readOnly={readOnly} onChange={(e) => set({ description: e.target.value })} />
      <Progressions entry={entry} readOnly={readOnly} />
      <div className="bible-row">
        <button type="button" className="bible-delete" disabled={readOnly} onClick={() => deleteEntry(entry.id)}>Delete entry</button>
      </div>
    </div>
  );
}

/** "From section 12: blind in one eye": changes that hold from a section on, by section id. */
function Progressions({ entry, readOnly }: { entry: BibleEntry; readOnly: boolean }) {
  const sectionIds = useStore((s) => s.doc?.sectionIds);
  // One string, so typing in a section (a new section record per count) does not re-render this.
  const titleList = useStore((s) => (s.doc?.sectionIds ?? []).map((id) => s.sections[id]?.title.trim() ?? '').join('\u0000'));
  const ids = sectionIds ?? [];
  const titles = titleList.split('\u0000');
  const label = (id: string) => {
    const i = ids.indexOf(id);
    return i < 0 ? 'A deleted section' : `${i + 1}. ${titles[i] || 'Untitled section'}`;
  };
  const setList = (progressions: BibleEntry['progressions']) => updateEntry(entry.id, { progressions });
  return (
    <fieldset className="bible-progressions">
      <legend>Progressions</legend>
      {/* Rows in the fieldset, not a list: the entries list's listitems stay one per entry. */}
      {entry.progressions.length > 0 && (
        <div className="bible-progression-rows">
          {entry.progressions.map((p, i) => (
            <div key={i} className="bible-row">
              <select aria-label="Progression section" value={p.sectionId} disabled={readOnly}
                onChange={(e) => setList(entry.progressions.map((q, j) => (j === i ? { ...q, sectionId: e.target.value } : q)))}>
                {!ids.includes(p.sectionId) && <option value={p.sectionId}>{label(p.sectionId)}</option>}
                {ids.map((id) => <option key={id} value={id}>From {label(id)}</option>)}
              </select>
              <input aria-label="Progression text" placeholder="What changes from there" value={p.text} readOnly={readOnly}
                onChange={(e) => setList(entry.progressions.map((q, j) => (j === i ? { ...q, text: e.target.value } : q)))} />
              <button type="button" aria-label="Remove progression" title="Remove progression" disabled={readOnly}
                onClick={() => setList(entry.progressions.filter((_, j) => j !== i))}>×</button>
            </div>
          ))}
        </div>
      )}
      <button type="button" disabled={readOnly || !ids.length}
        onClick={() => setList([...entry.progressions, { sectionId: ids[ids.length - 1]!, text: '' }])}>Add progression</button>
    </fieldset>
  );
}
