// "Write all": queues the empty sections (or the ones given) and writes them sequentially (each sees the
// summaries of all before it) or in parallel with a limit (each sees the plan and the sections finished).
// The queue logic is src/core/generation/writeQueue.ts; this wires it to the service and the store.
import { useStore } from '../../app/store';
import { createWriteQueue, type QueueMode, type WriteQueue } from '../../core/generation/writeQueue';
import { generateSection } from './service';

let queue: WriteQueue | null = null;

export function emptySectionIds(): string[] {
  const { doc, sections } = useStore.getState();
  return (doc?.sectionIds ?? []).filter((id) => { const s = sections[id]; return !!s && s.wordCount === 0 && !s.streaming; });
}

export async function writeAll(opts: { mode: QueueMode; limit?: number; ids?: string[] }): Promise<void> {
  if (queue && !queue.snapshot().finished) return;
  const ids = opts.ids ?? emptySectionIds();
  const st = useStore.getState();
  if (!ids.length) { st.notify('Every section already has text: nothing to write.'); return; }
  const limit = opts.mode === 'sequential' ? 1 : Math.max(1, opts.limit ?? 3);
  st.setRun({ mode: opts.mode, limit, ids, startedAt: Date.now(), paused: false, cancelled: false, finished: false });
  for (const id of ids) st.setGen(id, { phase: 'queued' });
  const q = createWriteQueue({
    ids, mode: opts.mode, limit,
    run: async (id, signal) => {
      // Later sections are written from this section's summary: the pipeline waits for it.
      const r = await generateSection(id, { mode: 'replace', signal, awaitSummary: true });
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
        s.setRun({ ...run, paused: snap.paused, cancelled: snap.cancelled, finished: snap.finished,
          finishedAt: snap.finished ? (run.finishedAt ?? Date.now()) : undefined });
      }
    },
  });
  queue = q;
  await q.start();
  const failed = q.snapshot().items.filter((i) => i.state === 'failed').length;
  if (failed) useStore.getState().notify(`Write all: ${failed} section(s) failed. Use “Retry failed” to try them again.`, { tone: 'error' });
}

export function pauseWriteAll(): void { queue?.pause(); }
export function resumeWriteAll(): void { queue?.resume(); }
export function cancelWriteAll(): void { queue?.cancel(); }
export async function retryFailed(): Promise<void> {
  if (!queue) return;
  const run = useStore.getState().run;
  if (run) useStore.getState().setRun({ ...run, finished: false, cancelled: false, finishedAt: undefined });
  await queue.retryFailed();
}
