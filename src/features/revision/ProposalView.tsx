// The review view of one proposal: a word-level diff against the original (deletions struck through,
// insertions highlighted), the word-count change, and Accept / Reject / Retry (Stop while streaming).
// With several changes each one can be turned down on its own before accepting the rest.
import { Fragment, memo, useMemo } from 'react';
import { useStore } from '../../app/store';
import { changes, diffWords, type Hunk } from '../../core/revision/diff';
import { formatWordDelta, wordDelta } from '../../core/revision/wordDelta';
import { acceptProposal, acceptedText, rejectProposal, retryProposal, stopProposal } from './service';
import { getEditor } from '../../editor/registry';
import type { Proposal } from './slice';

const STATUS: Record<Proposal['phase'], string> = {
  streaming: 'Proposing…', ready: 'Ready to review', failed: 'Incomplete', stopped: 'Stopped — incomplete',
};

export function ProposalView({ sectionId }: { sectionId: string }) {
  const p = useStore((s) => s.proposals[sectionId]);
  if (!p) return null;
  const streaming = p.phase === 'streaming';
  const focusEditor = () => getEditor(sectionId)?.commands.focus(undefined, { scrollIntoView: false });
  return (
    <section role="region" aria-label="Revision proposal" className={`revision-proposal is-${p.phase}`} aria-busy={streaming}>
      <header className="revision-head">
        <strong>{p.label}</strong>
        <span className="revision-scope">{p.scope === 'section' ? 'whole section' : 'selection'}</span>
        <span className="revision-status" role="status">{STATUS[p.phase]}</span>
        <Delta p={p} />
      </header>
      {/* Buttons above the text: they stay put while the proposal streams in below them. */}
      <div className="revision-actions">
        {streaming && <button type="button" onClick={() => stopProposal(sectionId)}>Stop</button>}
        <button
          type="button" className="primary" disabled={p.phase !== 'ready'}
          title={p.phase === 'ready' ? 'Replace the passage (one undo step)' : 'Only a complete proposal can be accepted'}
          onClick={() => { if (acceptProposal(sectionId)) focusEditor(); }}
        >Accept</button>
        <button type="button" onClick={() => { rejectProposal(sectionId); focusEditor(); }}>Reject</button>
        <button type="button" disabled={streaming} onClick={() => void retryProposal(sectionId)}>Retry</button>
      </div>
      {p.message && <p className="revision-message" role="alert">{p.message}</p>}
      <DiffBody p={p} />
    </section>
  );
}

function Delta({ p }: { p: Proposal }) {
  const delta = useMemo(() => wordDelta(p.original, acceptedText(p)), [p]);
  return <span className="revision-delta" title="Change in word count">{formatWordDelta(delta)}</span>;
}

const DiffBody = memo(function DiffBody({ p }: { p: Proposal }) {
  const hunks = useMemo(() => diffWords(p.original, p.text), [p.original, p.text]);
  const changed = useMemo(() => changes(hunks), [hunks]);
  const toggle = useStore((s) => s.toggleHunk);
  const complete = p.phase === 'ready';
  // While the proposal is incomplete, the original's tail it has not reached yet is not a deletion: show what
  // arrived as inserted and the rest of the original as not reached.
  const last = hunks[hunks.length - 1];
  const pendingTail = !complete && last && last.type !== 'equal' ? last : null;
  const perHunk = complete && changed.length > 1;
  const index = new Map(changed.map((h, i) => [h.id, i + 1]));
  const kept = changed.filter((h) => !p.rejected.includes(h.id)).length;
  return (
    <>
      {perHunk && <p className="revision-count">Accepting {kept} of {changed.length} changes.</p>}
      <div className="revision-diff" aria-label="Proposed changes">
        {hunks.map((h) => h === pendingTail
          ? <Fragment key={h.id}>{h.after && <ins>{h.after}</ins>}<span className="revision-pending" title="Not reached yet">{h.before}</span></Fragment>
          : <HunkView key={h.id} h={h} n={index.get(h.id)} rejected={p.rejected.includes(h.id)}
            onToggle={perHunk ? () => toggle(p.sectionId, h.id) : undefined} />)}
        {p.phase === 'streaming' && <span className="revision-caret" aria-hidden="true" />}
      </div>
    </>
  );
});

function HunkView({ h, n, rejected, onToggle }: { h: Hunk; n?: number; rejected: boolean; onToggle?: () => void }) {
  if (h.type === 'equal') return <>{h.before}</>;
  if (rejected) {
    return (
      <span className="hunk is-rejected">
        {h.before}
        {onToggle && <button type="button" className="hunk-toggle" onClick={onToggle} aria-label={`Restore change ${n}`} title="Use this change again">↺</button>}
      </span>
    );
  }
  return (
    <span className="hunk">
      <Fragment>
        {h.before && <del>{h.before}</del>}
        {h.after && <ins>{h.after}</ins>}
      </Fragment>
      {onToggle && <button type="button" className="hunk-toggle" onClick={onToggle} aria-label={`Drop change ${n}`} title="Keep the original here">✕</button>}
    </span>
  );
}
