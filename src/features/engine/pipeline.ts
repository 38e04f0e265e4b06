// The section pipeline: the one runner behind Generate section, Continue, Write all and Fit to target.
// write → Continue while under the band (±10%) and under the call cap → shorten once if over → check the
// checklist → one Fix round for the failed items (then one re-check) → summary (the memory of later sections). Decisions are src/core/pipeline/decide.ts; model calls
// go through the gateway; text goes through the section content port, mounted or not. Stop (abort of
// section:<id>) ends the whole pipeline at once: the text so far stays and no further request is made.
import type { StoreApi } from 'zustand';
import type { AppState } from '../../app/store';
import type { Take } from '../../core/model';
import { GenerateError } from '../../shared/generateClient';
import { checklistForPrompt } from '../../core/checklist/applicable';
import { buildSectionRequest } from '../../core/generation/sectionRequest';
import type { TrimReport } from '../../core/generation/sectionTypes';
import { memoryFor, type MemorySection } from '../../core/generation/memory';
import { createLoopDetector } from '../../core/metrics/loopDetector';
import { dropRepeats } from '../../core/generation/dropRepeats';
import { buildRevisionRequest } from '../../core/revision/prompt';
import { cleanRevisionOutput } from '../../core/revision/cleanOutput';
import { maxOutputTokensFor } from '../../core/generation/tokens';
import { shortenInstruction } from '../../core/fit/decideFit';
import { cleanSeam, fixInstruction, fixStep, nextStep, type FixMode, type NextStep } from '../../core/pipeline/decide';
import { countWords, formatCount } from '../../core/wordCount';
import type { PipelineStep } from '../../core/pipeline/phase';
import { newId } from '../../core/ids';
import type { Gateway } from './gateway';
import type { SectionContent } from './sectionContent';

/** Prompt budget in estimated tokens. Generous for every current model, small enough to keep calls cheap. */
export const PROMPT_BUDGET_TOKENS = 24_000;


export interface PipelineOptions {
  /** replace: the first call writes the section afresh; continue: appends (default: continue when it has text). */
  mode?: 'replace' | 'continue';
  signal?: AbortSignal;
  /** Over the band: 'apply' shortens in place (one undo step), 'propose' hands it to the writer, 'none' leaves it. */
  shorten?: 'apply' | 'propose' | 'none';
  /** Run the checklist when the text is written (default true). */
  check?: boolean;
  /** Failed checklist items after the check: one revision round, applied in place (one undo step, then one
   *  re-check), proposed for review, or none. Default: as `shorten`, so an unattended run stays unattended. */
  fix?: FixMode;
  /** Wait for the summary before resolving (Write all: later sections are written from it). */
  awaitSummary?: boolean;
  extraInstruction?: string;
  /** Log kind of continue calls ('fit' from Fit to target). */
  continueKind?: 'continue' | 'fit';
  /** Called after every step with the progress (Write all's job record). */
  onProgress?: (p: { calls: number; words: number; step: PipelineStep }) => void;
}

export type PipelineEnd = 'in-band' | 'cap' | 'no-target' | 'stalled' | 'shortened' | 'proposed' | 'stopped' | 'loop';

export interface PipelineResult {
  end: PipelineEnd;
  words: number;
  calls: number;
  finishReason: string;
}

/** What the pipeline needs from a checklist check: the text of each item that failed. */
export interface CheckReport { failedItems: readonly string[] }

/** A revision of the whole section for the writer to review (shorten or fix). */
export interface ProposalRequest { instruction: string; label: string; target: number }

export interface PipelineDeps {
  gateway: Gateway;
  content: SectionContent;
  store: StoreApi<AppState>;
  summarize: (sectionId: string) => Promise<unknown>;
  check?: (sectionId: string, signal: AbortSignal) => Promise<CheckReport | null>;
  /** Shorten or fix with 'propose': a revision proposal for the writer (resolves when it settles). */
  propose?: (sectionId: string, req: ProposalRequest) => Promise<'ready' | 'accepted' | 'failed' | 'stopped'>;
  saveTake?: (take: Take) => Promise<void>;
  /** The section's text is written and checked (not stopped, not empty): e.g. story bible extraction. Not awaited. */
  onSectionWritten?: (sectionId: string) => void;
}

export const sectionKey = (sectionId: string) => `section:${sectionId}`;

export function createPipeline(deps: PipelineDeps) {
  const { gateway, content, store } = deps;
  const st = () => store.getState();

  async function memorySections(exceptId: string): Promise<{ list: MemorySection[]; ids: string[] }> {
    const { doc, sections, gen, run } = st();
    const ids = doc?.sectionIds ?? [];
    const list: MemorySection[] = [];
    for (const id of ids) {
      const s = sections[id]!;
      const inRun = run && !run.finished && run.ids.includes(id);
      list.push({
        title: s.title || 'Untitled section', brief: s.brief,
        // The section being written contributes no memory of itself.
        text: id === exceptId ? '' : (s.wordCount > 0 || s.streaming ? await content.read(id) : ''),
        summary: s.summary, summaryHash: s.summaryHash,
        state: inRun ? gen[id]?.phase : undefined,
      });
    }
    return { list, ids };
  }

  interface CallResult { added: number; words: number; finishReason: string; markdown: string; model?: { provider: string; model: string } }

  /** One write or continue call, streamed into the section. Throws GenerateError on failure (text kept). */
  async function call(sectionId: string, mode: 'replace' | 'continue', wordsWanted: number, signal: AbortSignal,
    opts: PipelineOptions, callNo: number): Promise<CallResult> {
    const writer = await content.begin(sectionId, mode);
    const s0 = st();
    const doc = s0.doc!;
    const section = s0.sections[sectionId]!;
    const { list, ids } = await memorySections(sectionId);
    const index = ids.indexOf(sectionId);
    const runMode = s0.run && !s0.run.finished && s0.run.ids.includes(sectionId) ? s0.run.mode : 'sequential';
    const request = buildSectionRequest({
      document: { title: doc.title, brief: doc.brief },
      outline: list.map((s, i) => ({ title: s.title, brief: s.brief, targetWords: s0.sections[ids[i]!]?.targetWords ?? 0 })),
      index,
      memory: memoryFor(list, index, runMode),
      mode: mode === 'replace' ? 'write' : 'continue',
      existingText: mode === 'continue' ? writer.existing : undefined,
      targetWords: mode === 'replace' && wordsWanted ? wordsWanted : undefined,
      continueWords: mode === 'continue' && wordsWanted ? wordsWanted : undefined,
      checklist: checklistForPrompt(doc, section, index),
      budgetTokens: PROMPT_BUDGET_TOKENS,
      bible: { entries: doc.bible ?? [], sectionId, sectionOrder: ids },
    });
    const messages = request.messages.map((m) => ({ ...m }));
    const extra = callNo === 1 ? opts.extraInstruction?.trim() : undefined;
    if (extra) messages[messages.length - 1]!.content += `\n\nAlso: ${extra}`;
    const loop = createLoopDetector();
    const local = new AbortController();
    const onAbort = () => local.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let looped = false;
    let checkedAt = 0;
    let text = '';
    let finishReason = 'stop';
    let error: GenerateError | null = null;
    let model: { provider: string; model: string } | undefined;
    try {
      const r = await gateway.run({
        kind: mode === 'replace' ? 'generate' : (opts.continueKind ?? 'continue'), sectionId, key: `call:${sectionId}`,
        messages, maxOutputTokens: request.maxOutputTokens, signal: local.signal, note: trimNote(request.trimmed) ?? undefined,
        // Recorded only for a document that has a bible: an empty list then says "none went in".
        bibleEntries: doc.bible?.length ? request.trimmed.bibleIncluded : undefined,
        onText: (_d, soFar) => {
          // Checked every ~200 characters: a loop is ≥ 3 × 48 characters, and fast streams send tiny deltas.
          if (soFar.length - checkedAt >= 200) {
            checkedAt = soFar.length;
            if (loop.update(soFar)) { looped = true; local.abort(); return; }
          }
          writer.push(soFar);
        },
      });
      text = r.text;
      finishReason = r.finishReason;
      model = { provider: r.provider, model: r.model };
    } catch (e) {
      const err = e instanceof GenerateError ? e : new GenerateError('internal', String(e), false, '');
      text = err.partialText;
      if (err.code === 'aborted') finishReason = looped ? 'loop' : 'stopped';
      else { finishReason = 'error'; error = err; }
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (looped && loop.unit) text = dropRepeats(text, loop.unit);
    // The seam: a repeated last sentence or a repeated heading never reaches the section.
    if (mode === 'continue') text = cleanSeam(writer.existing, text, section.title);
    const done = await writer.commit(text);
    if (error) throw Object.assign(error, { committed: done });
    return { added: countWords(text), words: done.words, finishReason, markdown: done.markdown, model };
  }

  /** Revises the whole section in place as one step (no proposal): the unattended path of shorten and fix. */
  async function reviseInPlace(sectionId: string, instruction: string, note: string, target: number, signal: AbortSignal): Promise<number> {
    const original = await content.read(sectionId);
    const s = st().sections[sectionId]!;
    const length = target > 0 ? target : countWords(original);
    const r = await gateway.run({
      kind: 'revise', sectionId, key: `call:${sectionId}`, signal, note,
      messages: buildRevisionRequest({ instruction, passage: original, before: '', after: '',
        sectionBrief: s.brief, styleGuide: st().doc?.brief, targetWords: length }),
      maxOutputTokens: maxOutputTokensFor(length + 50),
    });
    const text = cleanRevisionOutput(r.text, original);
    if (!text.trim() || r.finishReason === 'length') return countWords(original);
    return (await content.replace(sectionId, text)).words;
  }

  async function run(sectionId: string, opts: PipelineOptions = {}): Promise<PipelineResult> {
    const s = st();
    const section = s.sections[sectionId];
    if (!s.doc || !section) throw new GenerateError('no_section', 'That section no longer exists.', false, '');
    if (s.readOnlyReason) throw new GenerateError('read_only', s.readOnlyReason, false, '');
    if (gateway.aborts.has(sectionKey(sectionId)) || section.streaming) {
      throw new GenerateError('busy', 'This section is already being written.', false, '');
    }
    const handle = gateway.aborts.start(sectionKey(sectionId), { parent: opts.signal });
    const signal = handle.signal;
    const target = section.targetWords;
    let words = await content.words(sectionId);
    let calls = 0;
    let lastAdded: number | undefined;
    let shortened = false;
    let finishReason = 'stop';
    let end: PipelineEnd = 'in-band';
    let markdown = '';
    let model: { provider: string; model: string } | undefined;
    const startedAt = Date.now();
    const takeId = newId('take');
    let replace = opts.mode === 'replace' || (opts.mode === undefined && words === 0);
    const show = (step: PipelineStep) => {
      const cur = st().gen[sectionId];
      // The label's word count is the section's live one (see PhaseLabel): `words` here is as of the last call's end,
      // up to a whole call behind the text streaming in.
      st().setGen(sectionId, { ...cur, phase: 'streaming', error: undefined, loop: undefined, active: true, calls, step, target, text: undefined });
      opts.onProgress?.({ calls, words, step });
    };
    show('writing');
    try {
      // Read-only from here, and marked: a crash from now on reopens as "interrupted" with the text kept.
      st().updateSection(sectionId, { streaming: { startedAt, takeId }, interrupted: false });
      for (;;) {
        if (signal.aborted) { end = 'stopped'; finishReason = 'stopped'; break; }
        const step: NextStep = nextStep({ target, words, calls, lastAdded, replace, shortened });
        if (step.action === 'done') { end = step.reason; break; }
        if (step.action === 'shorten') {
          const how = opts.shorten ?? 'apply';
          if (how === 'none') { end = 'cap'; break; }
          show('shortening');
          if (how === 'propose' && deps.propose) {
            st().updateSection(sectionId, { streaming: null });
            const r = await deps.propose(sectionId, {
              instruction: shortenInstruction(step.excess), label: `Fit to target: shorten by ${formatCount(step.excess)} words`, target,
            });
            words = await content.words(sectionId);
            end = r === 'ready' ? 'proposed' : r === 'stopped' ? 'stopped' : 'shortened';
            if (r === 'failed') throw new GenerateError('shorten_failed', 'The shorten revision failed.', false, '');
            break;
          }
          words = await reviseInPlace(sectionId, shortenInstruction(step.excess), `Shorten by ${formatCount(step.excess)} words (pipeline)`, target, signal);
          shortened = true;
          end = 'shortened';
          continue;
        }
        const mode = step.action === 'write' ? 'replace' : 'continue';
        calls++;
        show(calls === 1 && mode === 'replace' ? 'writing' : 'continuing');
        const r = await call(sectionId, mode, step.words, signal, opts, calls);
        replace = false;
        words = r.words;
        lastAdded = r.added;
        markdown = r.markdown;
        model = r.model ?? model;
        finishReason = r.finishReason;
        show('continuing');
        if (r.finishReason === 'stopped') { end = 'stopped'; break; }
        if (r.finishReason === 'loop') { end = 'loop'; break; }
      }
    } catch (e) {
      const err = e instanceof GenerateError ? e : new GenerateError('internal', (e as Error).message || String(e), false, '');
      if (err.code === 'aborted') { end = 'stopped'; finishReason = 'stopped'; }
      else {
        await finishSection(sectionId, { takeId, startedAt, calls, finishReason: 'error', model });
        handle.done();
        st().setGen(sectionId, { phase: 'failed', error: err.message, calls });
        st().notify(`“${st().sections[sectionId]?.title || 'Section'}”: ${err.message}${words ? ' The text so far is kept.' : ''}`, { tone: 'error' });
        throw err;
      }
    }
    await finishSection(sectionId, { takeId, startedAt, calls, finishReason, markdown, model });
    let stopped = end === 'stopped' || signal.aborted;
    try {
      if (!stopped && words > 0) {
        if (opts.check !== false && deps.check) {
          const r = await checkAndFix(sectionId, opts.fix ?? opts.shorten ?? 'apply', target, signal, show);
          if (r.words !== undefined) words = r.words;
          // Stopped during the fix: the text is kept, nothing more is asked of the model.
          if (r.stopped) stopped = true;
        }
        // The memory for later sections; failures only mean the next prompt has a tail instead of a summary.
        if (!signal.aborted && !stopped) {
          show('summarizing');
          const p = deps.summarize(sectionId).catch(() => undefined);
          deps.onSectionWritten?.(sectionId);
          if (opts.awaitSummary) await p;
        }
      }
    } finally {
      handle.done();
    }
    st().setGen(sectionId, { phase: stopped ? 'cancelled' : 'done', loop: end === 'loop' || undefined, calls,
      text: stopped ? `Stopped · ${formatCount(words)} words kept` : undefined });
    if (end === 'loop') st().notify('The model started repeating itself; the generation was stopped and the repeats removed.', { tone: 'error' });
    return { end: stopped ? 'stopped' : end, words, calls, finishReason: stopped ? 'stopped' : finishReason };
  }

  /**
   * The checklist check, then at most one Fix round for what failed (decided by fixStep): applied in place as
   * one undo step and re-checked once, or proposed for the writer. A failed fix keeps the text as it was.
   */
  async function checkAndFix(sectionId: string, mode: FixMode, target: number, signal: AbortSignal,
    show: (step: PipelineStep) => void): Promise<{ words?: number; stopped: boolean }> {
    const check = deps.check!;
    show('checking');
    let report = await check(sectionId, signal).catch(() => null);
    let fixed = false;
    let words: number | undefined;
    for (;;) {
      const step = fixStep({ failed: report?.failedItems ?? [], mode, fixed, stopped: signal.aborted });
      if (step.action === 'skip') return { words, stopped: step.reason === 'stopped' };
      fixed = true;
      const instruction = fixInstruction(step.items);
      show('fixing');
      if (mode === 'propose') {
        if (deps.propose) {
          const r = await deps.propose(sectionId, { instruction, label: `Fix: ${step.items.join('; ')}`, target }).catch(() => 'failed' as const);
          if (r === 'stopped') return { words, stopped: true };
        }
        continue;
      }
      // Read-only while the fix is written, as during any other call; a crash now reopens as "interrupted".
      st().updateSection(sectionId, { streaming: { startedAt: Date.now(), takeId: newId('take') }, interrupted: false });
      try {
        words = await reviseInPlace(sectionId, instruction, `Fix ${step.items.length} checklist item${step.items.length === 1 ? '' : 's'} (pipeline)`, target, signal);
      } catch (e) {
        if (signal.aborted || (e instanceof GenerateError && e.code === 'aborted')) return { words, stopped: true };
        st().notify(`“${st().sections[sectionId]?.title || 'Section'}”: the checklist fix failed (${(e as Error).message}); the text is unchanged.`, { tone: 'error' });
        return { words, stopped: false };
      } finally {
        if (st().sections[sectionId]) st().updateSection(sectionId, { streaming: null });
      }
      if (!step.recheck) continue;
      show('checking');
      report = await check(sectionId, signal).catch(() => null);
    }
  }

  /** Ends the section's streaming state, and keeps a take of what the pipeline left. */
  async function finishSection(sectionId: string, t: {
    takeId: string; startedAt: number; calls: number; finishReason: string; markdown?: string; model?: { provider: string; model: string };
  }) {
    const s = st();
    if (!s.sections[sectionId]) return;
    const text = t.markdown ?? (t.calls ? await content.read(sectionId).catch(() => '') : '');
    if (t.calls && text.trim()) {
      if (deps.saveTake) {
        await deps.saveTake({ id: t.takeId, sectionId, text, provider: t.model?.provider ?? '', model: t.model?.model ?? '',
          createdAt: t.startedAt, finishReason: t.finishReason, mode: 'replace' }).catch(() => undefined);
        st().setCurrentTake(sectionId, t.takeId);
      }
      st().updateSection(sectionId, { status: 'generated' });
    }
    st().updateSection(sectionId, { streaming: null });
  }

  return {
    run,
    stop: (sectionId: string) => { gateway.aborts.abort(sectionKey(sectionId)); },
    isRunning: (sectionId: string) => gateway.aborts.has(sectionKey(sectionId)),
  };
}

export type Pipeline = ReturnType<typeof createPipeline>;

function trimNote(t: TrimReport): string | null {
  const parts: string[] = [];
  if (t.summariesShortened.length) parts.push(`${t.summariesShortened.length} summaries shortened`);
  if (t.summariesDropped.length) parts.push(`${t.summariesDropped.length} summaries left out`);
  if (t.previousTail === 'shortened' || t.previousTail === 'dropped') parts.push(`previous tail ${t.previousTail}`);
  if (t.outlineBriefsDropped) parts.push(`${t.outlineBriefsDropped} outline briefs left out`);
  if (t.bibleDropped.length) parts.push(`${t.bibleDropped.length} story bible entries left out`);
  if (t.overBudget) parts.push('over budget');
  return parts.length ? `Trimmed to fit: ${parts.join(', ')}.` : null;
}
