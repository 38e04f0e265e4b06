// Inside each section's region: "Extract entries" and "Check consistency", the suggestions waiting for the writer
// (Accept / Reject, one by one) and the contradictions the last check found (each with a Fix proposal).
import { memo } from 'react';
import { useStore } from '../../app/store';
import type { BibleContradiction, BibleEntry, BibleSuggestion } from '../../core/bible/types';
import { entryAsOf } from '../../core/bible';
import { useCommand } from '../commands';
import { checkConsistencyCommand, extractEntriesCommand } from './commands';
import { acceptSuggestion, fixContradiction, rejectSuggestion } from './service';

export const SectionBible = memo(function SectionBible({ sectionId }: { sectionId: string }) {
  const extract = useCommand(extractEntriesCommand, sectionId);
  const check = useCommand(checkConsistencyCommand, sectionId);
  const extracting = useStore((s) => !!s.bibleJobs[`extract:${sectionId}`]);
  const checking = useStore((s) => !!s.bibleJobs[`check:${sectionId}`]);
  const message = useStore((s) => s.bibleMessages[sectionId]);
  const suggestions = useStore((s) => s.bibleSuggestions[sectionId]);
  const contradictions = useStore((s) => s.bibleContradictions[sectionId]);
  const cursorEntry = useStore((s) => (s.bibleCursor?.sectionId === sectionId
    ? s.doc?.bible?.find((e) => e.id === s.bibleCursor!.entryId) : undefined));
  return (
    <div className="section-bible">
      <div className="bible-actions">
        <button type="button" disabled={!extract.enabled} onClick={() => extract.run()}>{extract.label}</button>
        <button type="button" disabled={!check.enabled} onClick={() => check.run()}
          title={check.enabled ? undefined : 'Needs text in the section and at least one story bible entry'}>{check.label}</button>
        {(extracting || checking) && <span className="bible-busy" role="status">{extracting ? 'Extracting entries…' : 'Checking consistency…'}</span>}
      </div>
      {cursorEntry && <EntryCard sectionId={sectionId} entry={cursorEntry} />}
      {message && <p className={`bible-msg ${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'}>{message.text}</p>}
      {suggestions && suggestions.length > 0 && <Suggestions sectionId={sectionId} list={suggestions} />}
      {contradictions && contradictions.length > 0 && <Contradictions sectionId={sectionId} list={contradictions} />}
    </div>
  );
});

const NO_ENTRIES: readonly BibleEntry[] = [];

/** The entry whose mention holds the cursor, as it stands at this section. */
function EntryCard({ sectionId, entry }: { sectionId: string; entry: BibleEntry }) {
  const order = useStore((s) => s.doc?.sectionIds ?? NO_IDS);
  const asOf = entryAsOf(entry, sectionId, order);
  return (
    <p className="bible-card" role="note" aria-label="Story bible entry at the cursor">
      <strong>{entry.name}</strong> ({entry.kind}){asOf.description && <>: {asOf.description}</>}
      {asOf.progressions.map((p, i) => <span key={i}> {p}</span>)}
    </p>
  );
}
const NO_IDS: readonly string[] = [];

function Suggestions({ sectionId, list }: { sectionId: string; list: BibleSuggestion[] }) {
  const entries = useStore((s) => s.doc?.bible ?? NO_ENTRIES);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  return (
    <ul className="bible-suggestions" aria-label="Story bible suggestions">
      {list.map((sug) => (
        <li key={sug.id}>
          <SuggestionText sug={sug} entry={sug.action === 'update' ? entries.find((e) => e.id === sug.entryId) : undefined} />
          <span className="bible-suggestion-actions">
            <button type="button" disabled={readOnly || (sug.action === 'update' && !entries.some((e) => e.id === sug.entryId))}
              onClick={() => acceptSuggestion(sectionId, sug.id)}>Accept</button>
            <button type="button" onClick={() => rejectSuggestion(sectionId, sug.id)}>Reject</button>
          </span>
        </li>
      ))}
    </ul>
  );
}

function SuggestionText({ sug, entry }: { sug: BibleSuggestion; entry: BibleEntry | undefined }) {
  if (sug.action === 'add') {
    const e = sug.entry;
    return (
      <span className="bible-suggestion-text">
        <strong>New {e.kind}: {e.name}</strong>
        {e.aliases.length > 0 && <> (also {e.aliases.join(', ')})</>}
        {e.description && <> — {e.description}</>}
      </span>
    );
  }
  const c = sug.changes;
  return (
    <span className="bible-suggestion-text">
      <strong>Update {entry?.name ?? 'a deleted entry'}</strong>
      {c.description !== undefined && <> — description: {c.description}</>}
      {c.addAliases?.length ? <> — add aliases: {c.addAliases.join(', ')}</> : null}
      {c.progression && <> — from this section: {c.progression}</>}
    </span>
  );
}

function Contradictions({ sectionId, list }: { sectionId: string; list: BibleContradiction[] }) {
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const pending = useStore((s) => !!s.proposals[sectionId]);
  return (
    <ul className="bible-contradictions" aria-label="Story bible contradictions">
      {list.map((c, i) => (
        <li key={`${c.entryId}:${i}`}>
          <span className="bible-contradiction-text">
            <strong>{c.entryName}</strong>: <q>{c.quote}</q>{c.explanation && <> — {c.explanation}</>}
          </span>
          <button type="button" disabled={readOnly || pending} title={pending ? 'A revision is already pending in this section' : undefined}
            onClick={() => void fixContradiction(sectionId, c).catch((e: Error) => useStore.getState().notify(`Fix failed: ${e.message}`, { tone: 'error' }))}>
            Fix
          </button>
        </li>
      ))}
    </ul>
  );
}
