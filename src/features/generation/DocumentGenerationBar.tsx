// Page-level generation: Plan outline (asking before it replaces an outline), Write all (sequential or
// parallel with a limit) with its progress, pause, resume, cancel and retry.
import { useEffect, useState } from 'react';
import { useStore } from '../../app/store';
import { formatCountOfTarget } from '../../core/wordCount';
import type { QueueMode } from '../../core/generation/writeQueue';
import './generation.css';
import type { PlanHow } from './plan';
import type { WriteAllCoverage } from './slice';
import { useCommand } from '../commands';
import { collabJobReason, planOutlineCommand, stopPlanningCommand, writeAllCommand, type WriteAllInput } from './commands';

// Planning (with its zod-validated plan parser) and the write-all queue load on first click, not with the page:
// opening a book must not wait for them. Once loaded, later imports resolve at once from the module cache.
const planModule = () => import('./plan');
const writeAllModule = () => import('./writeAll');
const planOutline = (how: PlanHow) => planModule().then((m) => m.planOutline(how));
const dismissWriteAll = () => { void writeAllModule().then((m) => m.dismissWriteAll()); };
const retryFailed = () => writeAllModule().then((m) => m.retryFailed());
const pauseWriteAll = () => { void writeAllModule().then((m) => m.pauseWriteAll()); };
const resumeWriteAll = () => { void writeAllModule().then((m) => m.resumeWriteAll()); };
const cancelWriteAll = () => { void writeAllModule().then((m) => m.cancelWriteAll()); };

const quiet = (p: Promise<unknown>) => { void p.catch((e: Error) => useStore.getState().notify(e.message, { tone: 'error' })); };

export function DocumentGenerationBar() {
  const planning = useStore((s) => s.planning);
  const run = useStore((s) => s.run);
  const asking = useStore((s) => s.planAsking);
  const setAsking = useStore((s) => s.setPlanAsking);
  const planCmd = useCommand(planOutlineCommand);
  const stopPlanCmd = useCommand(stopPlanningCommand);
  const writeAllCmd = useCommand(writeAllCommand);
  // Why Write all and Plan outline are disabled while a collaborator's job runs (shared documents).
  const lockedBy = useStore((s) => collabJobReason(s));
  const [mode, setMode] = useState<QueueMode>('sequential');
  const [limit, setLimit] = useState(3);
  const [coverage, setCoverage] = useState<WriteAllCoverage>('empty');
  const busy = !!run && !run.finished;
  const plan = (how: PlanHow) => { setAsking(false); quiet(planOutline(how)); };
  return (
    <section className="gen-bar" aria-label="Generation">
      <div className="gen-row">
        {planning?.active ? (
          <button type="button" disabled={!stopPlanCmd.enabled} onClick={() => stopPlanCmd.run()}>{stopPlanCmd.label}</button>
        ) : (
          <button type="button" disabled={!planCmd.enabled} onClick={() => planCmd.run()}>{planCmd.label}</button>
        )}
        <span className="gen-sep" />
        <button type="button" disabled={!writeAllCmd.enabled} onClick={() => writeAllCmd.run({ mode, limit, coverage } satisfies WriteAllInput)}>{writeAllCmd.label}</button>
        <select aria-label="Write-all coverage" value={coverage} disabled={busy} onChange={(e) => setCoverage(e.target.value as WriteAllCoverage)}>
          <option value="empty">empty sections</option>
          <option value="short">short sections</option>
          <option value="all">all sections</option>
        </select>
        <select aria-label="Write-all mode" value={mode} disabled={busy} onChange={(e) => setMode(e.target.value as QueueMode)}>
          <option value="sequential">sequential</option>
          <option value="parallel">parallel</option>
        </select>
        {mode === 'parallel' && (
          <label className="field-inline">
            <span>at once</span>
            <input type="number" aria-label="Parallel limit" min={1} max={8} value={limit} disabled={busy}
              onChange={(e) => setLimit(Math.max(1, Math.min(8, Math.round(Number(e.target.value) || 1))))} />
          </label>
        )}
      </div>
      {asking && (
        <div role="dialog" aria-label="Plan outline" className="gen-ask">
          <p>The outline already has sections. Replace it with a new plan (section text is kept), or only fill in missing briefs and targets?</p>
          <button type="button" onClick={() => plan('replace')}>Replace outline</button>
          <button type="button" onClick={() => plan('fill')}>Fill in missing briefs and targets</button>
          <button type="button" onClick={() => setAsking(false)}>Cancel</button>
        </div>
      )}
      {lockedBy && <p role="status" className="gen-note">{lockedBy}</p>}
      {planning?.message && (
        <p role="status" className={planning.tone === 'error' ? 'gen-error' : 'gen-note'}>{planning.message}</p>
      )}
      {run && <WriteAllProgress />}
    </section>
  );
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [active]);
  return now;
}

function WriteAllProgress() {
  const run = useStore((s) => s.run)!;
  const written = useStore((s) => s.run!.ids.reduce((n, id) => n + (s.sections[id]?.wordCount ?? 0), 0));
  const target = useStore((s) => s.run!.ids.reduce((n, id) => n + (s.sections[id]?.targetWords ?? 0), 0));
  const phases = useStore((s) => s.run!.ids.map((id) => s.gen[id]?.phase ?? 'queued').join(','));
  const now = useNow(!run.finished);
  const list = phases.split(',');
  const done = list.filter((p) => p === 'done').length;
  const failed = list.filter((p) => p === 'failed').length;
  const elapsed = ((run.finishedAt ?? now) - run.startedAt) / 1000;
  const left = written > 0 && target > written && !run.finished ? (elapsed / written) * (target - written) : null;
  const max = Math.max(target, written, 1);
  const text = `${formatCountOfTarget(written, target)} · ${done} of ${run.ids.length} sections done` +
    (failed ? ` · ${failed} failed` : '') +
    (left !== null ? ` · about ${left < 90 ? `${Math.ceil(left)} s` : `${Math.ceil(left / 60)} min`} left` : '') +
    (run.paused && !run.finished ? (run.interrupted ? ' · paused (the page was closed during the run)' : ' · paused') : '') + (run.finished ? (run.cancelled ? ' · cancelled' : ' · finished') : '');
  return (
    <div className="write-all">
      <progress aria-label="Write-all progress" max={max} value={Math.min(written, max)} aria-valuetext={text} />
      <span className="write-all-text">{text}</span>
      {!run.finished && (run.paused
        ? <button type="button" onClick={resumeWriteAll}>Resume</button>
        : <button type="button" onClick={pauseWriteAll}>Pause</button>)}
      {!run.finished && <button type="button" onClick={cancelWriteAll}>Cancel</button>}
      {run.finished && failed > 0 && <button type="button" onClick={() => quiet(retryFailed())}>Retry failed</button>}
      {run.finished && <button type="button" onClick={dismissWriteAll}>Dismiss</button>}
    </div>
  );
}
