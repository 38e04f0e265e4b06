// "Write all": a persistent job over the sections it covers (empty ones, short ones or all), written
// sequentially (each sees the summaries of all before it) or in parallel with a limit, each section through
// the section pipeline (write → continue to band → …). The job — sections, mode, each section's phase and
// call count — is stored in IndexedDB as it changes; after a reload it shows paused with Resume, and
// Resume continues an interrupted section from its partial text and never restarts a finished one.
import { useStore } from '../../app/store';
import { createWriteQueue, type QueueMode, type WriteQueue } from '../../core/generation/writeQueue';
import type { QueueState } from '../../core/generation/memory';
import { band } from '../../core/pipeline/decide';
import { saveWriteAllJob } from '../../storage/jobs';
import { generateSection } from './service';
import { collab } from '../../app/collab';
import { content } from '../../app/services';
import type { WriteAllCoverage, WriteAllJob } from './slice';

let queue: WriteQueue | null = null;

export function coveredSectionIds(coverage: WriteAllCoverage = 'empty'): string[] {
  const { doc, sections, collab } = useStore.getState();
  return (doc?.sectionIds ?? []).filter((id) => {
    const s = sections[id];
    // Nor a section a collaborator is generating (shared documents): its text is theirs until they finish.
    if (!s || s.streaming || collab?.locks[id]) return false;
    if (coverage === 'all') return true;
    if (coverage === 'short') return s.wordCount === 0 || (s.targetWords > 0 && s.wordCount < band(s.targetWords).min);
    return s.wordCount === 0;
  });
}
export const emptySectionIds = () => coveredSectionIds('empty');

function persist(): void {
  const s = useStore.getState();
  const run = s.run;
  if (!run || !s.doc) return;
  const job: WriteAllJob = {
    ...run,
    items: Object.fromEntries(run.ids.map((id) => {
      const g = s.gen[id];
      return [id, { phase: g?.phase ?? 'queued', calls: g?.calls ?? 0, words: s.sections[id]?.wordCount ?? 0 }];
    })),
  };
  void saveWriteAllJob(s.doc.id, job);
}

/** Shown on a section Write all left alone (see runQueue). */
export const KEPT_TEXT = 'Kept: it has text written since Write all started';

/** `emptyIds`: the sections that were empty when queued; Write all writes them afresh, never over text it did not
 * see (see below). */
async function runQueue(ids: string[], mode: QueueMode, limit: number, replaceIds: Set<string>, emptyIds: Set<string>): Promise<void> {
  const q = createWriteQueue({
    ids, mode, limit,
    run: async (id, signal) => {
      // Empty when queued, it has words at its turn: someone wrote them since the run started — a collaborator in a
      // shared document (a queued section stays open to typing there), or this writer. Writing it afresh would
      // delete their words and continuing it would bury them under text they did not ask for, so it is kept as it
      // is (done, and says why). The text is read where it lives now (a shared section: its Y fragment).
      if (emptyIds.has(id) && await content.words(id) > 0) {
        emptyIds.delete(id);
        replaceIds.delete(id);
        const s = useStore.getState();
        s.setGen(id, { ...s.gen[id]!, text: KEPT_TEXT });
        return;
      }
      emptyIds.delete(id);
      // A section already begun (an interrupted run) continues from its text; a fresh one is written anew.
      const r = await generateSection(id, { mode: replaceIds.has(id) ? 'replace' : undefined, signal, awaitSummary: true,
        onProgress: () => persist() });
      replaceIds.delete(id);
      if (signal.aborted) return;
      // Stopped by hand inside a run: counts as not written, so "Retry failed" can write it again.
      if (r.finishReason === 'stopped') throw new Error('Stopped by the writer.');
    },
    onChange: (snap) => {
      const s = useStore.getState();
      for (const item of snap.items) {
        const cur = s.gen[item.id];
        if (cur?.phase !== item.state || cur?.error !== item.error) s.setGen(item.id, { ...cur, phase: item.state, error: item.error });
      }
      const run = s.run;
      if (run) {
        s.setRun({ ...run, paused: snap.paused, cancelled: snap.cancelled, finished: snap.finished, interrupted: false,
          finishedAt: snap.finished ? (run.finishedAt ?? Date.now()) : undefined });
      }
      persist();
    },
  });
  queue = q;
  await q.start();
  const failed = q.snapshot().items.filter((i) => i.state === 'failed').length;
  if (failed) useStore.getState().notify(`Write all: ${failed} section(s) failed. Use “Retry failed” to try them again.`, { tone: 'error' });
}

export async function writeAll(opts: { mode: QueueMode; limit?: number; ids?: string[]; coverage?: WriteAllCoverage }): Promise<void> {
  if (queue && !queue.snapshot().finished) return;
  const coverage = opts.coverage ?? 'empty';
  const ids = opts.ids ?? coveredSectionIds(coverage);
  if (!ids.length) {
    useStore.getState().notify(coverage === 'empty' ? 'Every section already has text: nothing to write.' : 'No section needs writing.');
    return;
  }
  // A shared document: one document-wide job at a time, even when two browsers start at the same moment.
  if (!await claim(ids)) return;
  const st = useStore.getState();
  if ((st.run && !st.run.finished) || (queue && !queue.snapshot().finished)) { collab.withdrawClaim(); return; }
  const limit = opts.mode === 'sequential' ? 1 : Math.max(1, opts.limit ?? 3);
  st.setRun({ mode: opts.mode, limit, ids, coverage, startedAt: Date.now(), paused: false, cancelled: false, finished: false });
  for (const id of ids) st.setGen(id, { phase: 'queued' });
  const empty = ids.filter((id) => (st.sections[id]?.wordCount ?? 0) === 0);
  const replace = new Set(coverage === 'all' ? ids : empty);
  await runQueue(ids, opts.mode, limit, replace, new Set(empty));
}

/** Whether this browser may start (or restart) a Write all over `ids`; a refusal is told to the writer (see
 * features/collab, jobs.ts: "Starting a job"). */
async function claim(ids: string[]): Promise<boolean> {
  const answer = await collab.claimJob('write-all', ids);
  if (typeof answer === 'object') useStore.getState().notify(answer.refused, { tone: 'error' });
  return answer === 'go';
}

/** After a reload: the stored run goes on with the sections not done; a begun section continues. */
async function resumeStored(): Promise<void> {
  const before = useStore.getState().run;
  if (!before || before.finished) return;
  // The restored run was not running while the page was away: a collaborator may have started one since.
  if (!await claim(before.ids.filter((id) => useStore.getState().gen[id]?.phase !== 'done'))) return;
  const s = useStore.getState();
  const run = s.run;
  if (!run || run.finished || queue) { collab.withdrawClaim(); return; }
  const left = run.ids.filter((id) => s.sections[id] && s.gen[id]?.phase !== 'done');
  const done = run.ids.filter((id) => s.gen[id]?.phase === 'done');
  s.setRun({ ...run, ids: [...done, ...left], paused: false, interrupted: false });
  // Only sections that never started are written afresh; nothing written before is written again.
  const replace = new Set(left.filter((id) => (s.gen[id]?.calls ?? 0) === 0 && (s.sections[id]?.wordCount ?? 0) === 0));
  await runQueue(left, run.mode, run.limit, replace, new Set(replace));
}

export function pauseWriteAll(): void { queue?.pause(); }
export function resumeWriteAll(): void {
  if (queue && !queue.snapshot().finished) { queue.resume(); return; }
  void resumeStored();
}
export function cancelWriteAll(): void {
  if (queue && !queue.snapshot().finished) { queue.cancel(); return; }
  const s = useStore.getState();
  const run = s.run;
  if (!run) return;
  for (const id of run.ids) if (s.gen[id]?.phase !== 'done') s.setGen(id, { ...s.gen[id], phase: 'cancelled' as QueueState });
  s.setRun({ ...run, paused: false, cancelled: true, finished: true, interrupted: false, finishedAt: Date.now() });
  persist();
}
export async function retryFailed(): Promise<void> {
  if (!queue) return;
  // A finished run holds no lock: a collaborator may have started a job since.
  const failed = queue.snapshot().items.filter((i) => i.state === 'failed').map((i) => i.id);
  if (!await claim(failed)) return;
  const run = useStore.getState().run;
  if (run) useStore.getState().setRun({ ...run, finished: false, cancelled: false, finishedAt: undefined });
  await queue.retryFailed();
}
/** Dismiss: the finished run leaves the page and storage. */
export function dismissWriteAll(): void {
  const s = useStore.getState();
  s.setRun(null);
  if (s.doc) void saveWriteAllJob(s.doc.id, null);
}
