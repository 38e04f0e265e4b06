// Inside each section's region: Generate (Replace or Continue when it has text), Stop while streaming,
// the takes, the summary (the memory later sections read, editable) and the request log.
import { Fragment, memo, useEffect, useState } from 'react';
import { useStore } from '../../app/store';
import { formatCount } from '../../core/wordCount';
import { phaseText } from '../../core/pipeline/phase';
import type { RequestLogEntry, Take } from '../../core/model';
import { watchLogs } from '../../storage/logs';
import { generateSection, switchTake } from './service';
import { summaries } from '../../app/services';
import { watchTakes } from './takes';
import type { SectionGenState } from './slice';
import { useCommand } from '../commands';
import { collabJobReason, generateSectionCommand, stopSectionCommand } from './commands';

const run = (p: Promise<unknown>) => { void p.catch(() => undefined); };

// memo: the section header re-renders as its count changes (every streamed frame); these controls need not.
export const SectionGenerationControls = memo(function SectionGenerationControls({ sectionId }: { sectionId: string }) {
  // Stop shows for the whole pipeline (write, continue, shorten, check, summary), not only while text streams.
  const streaming = useStore((s) => !!s.sections[sectionId]?.streaming || !!s.gen[sectionId]?.active);
  const hasText = useStore((s) => (s.sections[sectionId]?.wordCount ?? 0) > 0);
  const interrupted = useStore((s) => !!s.sections[sectionId]?.interrupted);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const gen = useStore((s) => s.gen[sectionId]);
  const [choosing, setChoosing] = useState(false);
  const generate = useCommand(generateSectionCommand, sectionId);
  const stop = useCommand(stopSectionCommand, sectionId);
  // A collaborator's Write all will write this section: say so, since Generate is disabled for it.
  const queuedElsewhere = useStore((s) => (s.collab?.locks[sectionId] ? null : collabJobReason(s, sectionId)));
  const go = (mode: 'replace' | 'continue') => { setChoosing(false); run(generateSection(sectionId, { mode })); };
  return (
    <div className="gen-controls">
      <div className="gen-row">
        {streaming ? (
          <button type="button" className="stop" onClick={() => stop.run()}>{stop.label}</button>
        ) : (
          <button type="button" disabled={!generate.enabled} aria-expanded={hasText ? choosing : undefined}
            onClick={() => (hasText ? setChoosing(!choosing) : go('replace'))}>
            {generate.label}
          </button>
        )}
        {!streaming && interrupted && hasText && (
          <button type="button" disabled={!generate.enabled} onClick={() => go('continue')}>Continue</button>
        )}
        {choosing && !streaming && (
          <span role="group" aria-label="The section has text" className="gen-choice">
            <button type="button" onClick={() => go('continue')} title="Append to the end, with the existing text as context">Continue</button>
            <button type="button" onClick={() => go('replace')} title="Write the section afresh (the current text stays in Takes)">Replace</button>
            <button type="button" onClick={() => setChoosing(false)}>Cancel</button>
          </span>
        )}
        {gen?.phase === 'queued' && <span className="gen-state">Queued</span>}
        {queuedElsewhere && <span className="gen-state" role="status">{queuedElsewhere}</span>}
        {gen?.step ? <PhaseLabel sectionId={sectionId} gen={gen} />
          : gen?.text && <span className="gen-state gen-phase" aria-label="Section phase">{gen.text}</span>}
        {gen?.loop && <span className="gen-state warn">Stopped: the model was repeating itself.</span>}
      </div>
      {gen?.phase === 'failed' && gen.error && !streaming && <p className="gen-error" role="alert">Generation failed: {gen.error}</p>}
      <Takes sectionId={sectionId} disabled={streaming || readOnly} />
      <Summary sectionId={sectionId} />
      <RequestLog sectionId={sectionId} />
    </div>
  );
});

/** The running pipeline's step with the section's live word count: only this span follows every streamed frame. */
function PhaseLabel({ sectionId, gen }: { sectionId: string; gen: SectionGenState }) {
  const words = useStore((s) => s.sections[sectionId]?.wordCount ?? 0);
  return <span className="gen-state gen-phase" aria-label="Section phase">{phaseText(gen.step!, words, gen.target ?? 0, gen.calls ?? 0)}</span>;
}

function Takes({ sectionId, disabled }: { sectionId: string; disabled: boolean }) {
  const [takes, setTakes] = useState<Take[]>([]);
  const current = useStore((s) => s.currentTake[sectionId]);
  useEffect(() => watchTakes(sectionId, setTakes), [sectionId]);
  if (!takes.length) return null;
  return (
    <div className="takes">
      <span className="takes-label" id={`takes-${sectionId}`}>Takes</span>
      <ul aria-label="Takes" className="takes-list">
        {takes.map((t, i) => (
          <li key={t.id}>
            <button type="button" aria-pressed={current === t.id} disabled={disabled} onClick={() => run(switchTake(sectionId, t.id))}
              title={`${t.provider} · ${t.model} · ${t.finishReason}`}>
              {`Take ${takes.length - i}: ${t.model}, ${new Date(t.createdAt).toLocaleTimeString()}, ${t.finishReason}`}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Summary({ sectionId }: { sectionId: string }) {
  const summary = useStore((s) => s.sections[sectionId]?.summary ?? '');
  const hasText = useStore((s) => (s.sections[sectionId]?.wordCount ?? 0) > 0);
  const streaming = useStore((s) => !!s.sections[sectionId]?.streaming);
  const readOnly = useStore((s) => !!s.readOnlyReason);
  const [busy, setBusy] = useState(false);
  if (!hasText && !summary) return null;
  return (
    <div className="section-summary">
      <label>
        <span>Summary (memory for later sections)</span>
        <textarea aria-label="Section summary" rows={2} value={summary} readOnly={readOnly}
          placeholder="Made after generation; write or correct it here."
          onChange={(e) => useStore.getState().updateSection(sectionId, { summary: e.target.value })} />
      </label>
      <button type="button" disabled={busy || streaming || readOnly || !hasText}
        onClick={() => { setBusy(true); void summaries.summarize(sectionId, { force: true }).catch((e: Error) => useStore.getState().notify(`Summary failed: ${e.message}`, { tone: 'error' })).finally(() => setBusy(false)); }}>
        {busy ? 'Summarizing…' : 'Refresh summary'}
      </button>
    </div>
  );
}

export function RequestLog({ sectionId }: { sectionId: string }) {
  const [rows, setRows] = useState<RequestLogEntry[]>([]);
  useEffect(() => watchLogs(sectionId, 20, setRows), [sectionId]);
  if (!rows.length) return null;
  return (
    <details className="request-log">
      <summary>Request log ({rows.length})</summary>
      <table aria-label="Request log">
        <thead><tr><th>When</th><th>Kind</th><th>Provider</th><th>Model</th><th>Tokens in/out</th><th>Duration</th><th>Finish</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <Fragment key={r.id}>
              <tr title={r.error ?? r.note ?? ''}>
                <td>{new Date(r.at).toLocaleTimeString()}</td><td>{r.kind}</td><td>{r.provider}</td><td>{r.model}</td>
                <td>{r.inputTokens === undefined ? '–' : formatCount(r.inputTokens)} / {r.outputTokens === undefined ? '–' : formatCount(r.outputTokens)}</td>
                <td>{(r.durationMs / 1000).toFixed(1)} s</td><td>{r.finishReason}{r.error ? `: ${r.error}` : ''}</td>
              </tr>
              {r.bibleEntries && (
                // Which story bible entries the prompt carried (issue 13), under the call they belong to.
                <tr className="request-log-bible"><td colSpan={7}>Story bible: {r.bibleEntries.length ? r.bibleEntries.join(', ') : 'none'}</td></tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </details>
  );
}
