// Repetition, overlap and readability per section, computed off the typing path: sections are marked dirty
// when their record changes (count, streaming state, status); ~1.5 s after the last change an idle callback
// reads the dirty sections' text and hashes it, and a worker computes the figures (cached by hash there), so
// the main thread only pays for reading the text. Streaming sections are measured once their stream ends.
// None of it runs while the writer types: each step (reading a section, each message to the worker) first waits
// for QUIET_MS without a keystroke, and new texts go to the worker in pieces of BATCH_CHARS (see metricsSchedule.ts).
import { useStore, type AppState } from '../../app/store';
import { contentHash } from '../../core/generation/contentHash';
import { createMetricsComputer, type MetricsInput, type MetricsReply, type MetricsRequest } from './metricsCompute';
import { sectionPlainText } from './sectionText';
import { batchTexts, quietWait } from './metricsSchedule';

const DELAY_MS = 1500;
const QUIET_MS = 1000;
// ~15k words: a few tens of milliseconds of the worker's time per message.
const BATCH_CHARS = 100_000;
let lastInput = -Infinity;
const noteInput = () => { lastInput = performance.now(); };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
async function whenQuiet(): Promise<void> {
  for (let w = quietWait(performance.now(), lastInput, QUIET_MS); w > 0; w = quietWait(performance.now(), lastInput, QUIET_MS)) await sleep(w);
}
const hashes = new Map<string, string>(); // section id → hash of its last measured text
const sent = new Set<string>(); // hashes the computer has seen (it caches their figures)
const dirty = new Set<string>();
let timer: ReturnType<typeof setTimeout> | null = null;
let running = false;
let started = false;
let seq = 0;

type Compute = (req: MetricsRequest) => Promise<MetricsReply>;
let compute: Compute | null = null;

function computer(): Compute {
  if (compute) return compute;
  if (typeof Worker !== 'undefined') {
    try {
      const worker = new Worker(new URL('./metrics.worker.ts', import.meta.url), { type: 'module' });
      const waiting = new Map<number, { req: MetricsRequest; resolve: (r: MetricsReply) => void }>();
      worker.onmessage = (e: MessageEvent<MetricsReply>) => { waiting.get(e.data.seq)?.resolve(e.data); waiting.delete(e.data.seq); };
      // A worker that cannot start (blocked, old browser) must not stall the figures: compute inline instead.
      worker.onerror = () => {
        worker.terminate();
        const inline = createMetricsComputer();
        compute = async (req) => inline(req);
        for (const { req, resolve } of waiting.values()) resolve(inline({ ...req, sections: req.sections.map((x) => ({ ...x, text: undefined })) }));
        waiting.clear();
        sent.clear();
        for (const id of useStore.getState().doc?.sectionIds ?? []) dirty.add(id);
        hashes.clear();
        schedule(0);
      };
      compute = (req) => new Promise((resolve) => { waiting.set(req.seq, { req, resolve }); worker.postMessage(req); });
      return compute;
    } catch { /* fall through to inline */ }
  }
  const inline = createMetricsComputer();
  compute = async (req) => inline(req);
  return compute;
}

/** Starts watching the store (idempotent). */
export function startMetricsEngine(): void {
  if (started) return;
  started = true;
  if (typeof window !== 'undefined') {
    for (const type of ['keydown', 'beforeinput']) window.addEventListener(type, noteInput, { capture: true, passive: true });
  }
  useStore.subscribe(onChange);
  for (const id of useStore.getState().doc?.sectionIds ?? []) dirty.add(id);
  schedule();
}

function onChange(s: AppState, prev: AppState): void {
  if (s.doc?.id !== prev.doc?.id) {
    hashes.clear(); dirty.clear();
    for (const id of s.doc?.sectionIds ?? []) dirty.add(id);
    schedule();
    return;
  }
  if (s.sections === prev.sections && s.doc?.sectionIds === prev.doc?.sectionIds) return;
  let any = s.doc?.sectionIds !== prev.doc?.sectionIds;
  for (const id of s.doc?.sectionIds ?? []) {
    const a = s.sections[id], b = prev.sections[id];
    if (!a || a === b) continue;
    // Count, streaming state and status cover every text change that matters; titles and briefs do not.
    if (!b || a.wordCount !== b.wordCount || a.streaming !== b.streaming || a.status !== b.status) { dirty.add(id); any = true; }
  }
  if (any) schedule();
}

function schedule(delay = DELAY_MS): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => void }).requestIdleCallback;
    if (idle) idle(() => void recompute(), { timeout: 3000 }); else void recompute();
  }, delay);
}

/** Measures every section again now (the stats view's Refresh). */
export async function recomputeMetrics(): Promise<void> {
  for (const id of useStore.getState().doc?.sectionIds ?? []) dirty.add(id);
  await recompute();
}

async function recompute(): Promise<void> {
  if (running) { schedule(); return; }
  running = true;
  try {
    await whenQuiet();
    const s = useStore.getState();
    const docId = s.doc?.id;
    const ids = s.doc?.sectionIds ?? [];
    const sections: MetricsInput[] = [];
    for (const id of ids) {
      const streaming = !!s.sections[id]?.streaming;
      if ((dirty.has(id) || !hashes.has(id)) && !streaming) {
        await whenQuiet();
        // Another document opened meanwhile: its own pass is scheduled (onChange).
        if (useStore.getState().doc?.id !== docId) return;
        dirty.delete(id);
        const text = await sectionPlainText(id);
        const hash = contentHash(text);
        hashes.set(id, hash);
        sections.push({ id, hash, text: sent.has(hash) ? undefined : text });
        sent.add(hash);
        await new Promise((r) => setTimeout(r, 0)); // let input in between sections
      } else if (hashes.has(id)) sections.push({ id, hash: hashes.get(id)! });
    }
    // Many new texts (a book just opened): measured a piece at a time, then one message without texts for the
    // figures and the overlap across the document.
    const batches = batchTexts(sections, BATCH_CHARS);
    if (batches.length > 1) {
      for (const batch of batches) { await whenQuiet(); await computer()({ seq: ++seq, sections: batch, prime: true }); }
    }
    await whenQuiet();
    const reply = await computer()({ seq: ++seq, sections: batches.length > 1 ? sections.map(({ id, hash }) => ({ id, hash })) : sections });
    // The computer evicted some old figures: send those texts next time.
    for (const id of reply.missing) { sent.delete(hashes.get(id)!); hashes.delete(id); dirty.add(id); }
    if (useStore.getState().doc?.id === docId) useStore.getState().setMetrics(reply.metrics);
    if (reply.missing.length) schedule(0);
  } finally {
    running = false;
  }
}
