// Writing one section: build its prompt from the outline and the memory of the rest, stream the answer into
// its editor as rich text, keep a take, log the request, then refresh the section's summary (the memory of
// later sections). Nothing streamed is ever lost: the editor saves as text arrives, Stop keeps the partial
// text, an error keeps it too and says why.
import { checklistForPrompt } from '../../core/checklist/applicable';
import { useStore } from '../../app/store';
import { sectionMarkdown } from '../../app/workspace';
import { streamGenerate, GenerateError } from '../../shared/generateClient';
import { resolveModel } from '../settings/providers';
import { whenEditor } from '../../editor/registry';
import { docToMarkdown, markdownToDoc } from '../../editor/markdown';
import { createStreamRenderer, ORIGIN_META } from '../../editor/streaming';
import { buildSectionRequest } from '../../core/generation/sectionRequest';
import { memoryFor, type MemorySection } from '../../core/generation/memory';
import { createLoopDetector } from '../../core/metrics/loopDetector';
import { dropRepeats } from '../../core/generation/dropRepeats';
import { countWords } from '../../core/wordCount';
import { newId } from '../../core/ids';
import { appendLog } from '../../storage/logs';
import { Fragment } from '@tiptap/pm/model';
import { closeHistory } from '@tiptap/pm/history';
import { saveTake, getTake, listTakes } from './takes';
import { summaries } from '../../app/services';
import type { ModelChoice } from '../settings/slice';

export interface GenerateOptions {
  mode?: 'replace' | 'continue';
  extraInstruction?: string;
  wordsWanted?: number;
  logKind?: 'generate' | 'continue' | 'fit';
  signal?: AbortSignal;
}

export interface GenerateResult { finishReason: string; words: number; text: string }

/** Prompt budget in estimated tokens. Generous for every current model, small enough to keep calls cheap. */
export const PROMPT_BUDGET_TOKENS = 24_000;
const PIN = 'generation';

const running = new Map<string, { controller: AbortController; reason?: 'user' | 'loop' }>();

export function isGenerating(sectionId: string): boolean {
  return running.has(sectionId);
}

/** Stops a section's generation: the request is aborted upstream and the text so far stays. */
export function stopSection(sectionId: string): void {
  const r = running.get(sectionId);
  if (!r) return;
  r.reason ??= 'user';
  r.controller.abort();
}

/** The document's sections in order with their text, for memoryFor. */
async function memorySections(exceptId: string): Promise<{ list: MemorySection[]; ids: string[] }> {
  const { doc, sections, gen, run } = useStore.getState();
  const ids = doc?.sectionIds ?? [];
  const list: MemorySection[] = [];
  for (const id of ids) {
    const s = sections[id]!;
    const inRun = run && !run.finished && run.ids.includes(id);
    list.push({
      title: s.title || 'Untitled section', brief: s.brief,
      // The section being written contributes no memory of itself.
      text: id === exceptId ? '' : (s.wordCount > 0 || s.streaming ? await sectionMarkdown(id) : ''),
      summary: s.summary, summaryHash: s.summaryHash,
      state: inRun ? gen[id]?.phase : undefined,
    });
  }
  return { list, ids };
}

function fail(code: string, message: string): GenerateError {
  return new GenerateError(code, message, false, '');
}

export async function generateSection(sectionId: string, opts: GenerateOptions = {}): Promise<GenerateResult> {
  const st = useStore.getState();
  const doc = st.doc;
  const section = st.sections[sectionId];
  if (!doc || !section) throw fail('no_section', 'That section no longer exists.');
  if (st.readOnlyReason) throw fail('read_only', st.readOnlyReason);
  if (running.has(sectionId) || section.streaming) throw fail('busy', 'This section is already being written.');
  const controller = new AbortController();
  const entry: { controller: AbortController; reason?: 'user' | 'loop' } = { controller };
  running.set(sectionId, entry);
  const onOuterAbort = () => { entry.reason ??= 'user'; controller.abort(); };
  if (opts.signal?.aborted) onOuterAbort();
  opts.signal?.addEventListener('abort', onOuterAbort);
  st.pin(sectionId, PIN);
  st.setGen(sectionId, { phase: 'streaming' });
  try {
    return await runGeneration(sectionId, opts, controller, entry);
  } catch (e) {
    const err = e instanceof GenerateError ? e : new GenerateError('internal', (e as Error).message || String(e), false, '');
    useStore.getState().setGen(sectionId, { phase: 'failed', error: err.message });
    throw err;
  } finally {
    running.delete(sectionId);
    opts.signal?.removeEventListener('abort', onOuterAbort);
    const s = useStore.getState();
    if (s.sections[sectionId]?.streaming) s.updateSection(sectionId, { streaming: null });
    s.unpin(sectionId, PIN);
  }
}

async function runGeneration(
  sectionId: string, opts: GenerateOptions, controller: AbortController, entry: { reason?: 'user' | 'loop' },
): Promise<GenerateResult> {
  let model: ModelChoice;
  try { model = await resolveModel(); } catch (e) { throw fail('no_model', (e as Error).message); }
  const editor = await whenEditor(sectionId);
  const takeId = newId('take');
  const startedAt = Date.now();
  // Read-only from here, and marked: a crash from now on reopens as "interrupted" with the text kept.
  useStore.getState().updateSection(sectionId, { streaming: { startedAt, takeId }, interrupted: false });
  const existing = docToMarkdown(editor.getJSON());
  const mode = opts.mode ?? (existing.trim() ? 'continue' : 'replace');
  const st = useStore.getState();
  const doc = st.doc!;
  const section = st.sections[sectionId]!;
  const { list, ids } = await memorySections(sectionId);
  const index = ids.indexOf(sectionId);
  const runMode = st.run && !st.run.finished && st.run.ids.includes(sectionId) ? st.run.mode : 'sequential';
  const request = buildSectionRequest({
    document: { title: doc.title, brief: doc.brief },
    outline: list.map((s, i) => ({ title: s.title, brief: s.brief, targetWords: st.sections[ids[i]!]?.targetWords ?? 0 })),
    index,
    memory: memoryFor(list, index, runMode),
    mode: mode === 'replace' ? 'write' : 'continue',
    existingText: mode === 'continue' ? existing : undefined,
    targetWords: mode === 'replace' && opts.wordsWanted ? opts.wordsWanted : undefined,
    continueWords: mode === 'continue' ? opts.wordsWanted : undefined,
    // Section items plus document-wide and periodic ones ("every 5th section") that apply here.
    checklist: checklistForPrompt(doc, section, index),
    budgetTokens: PROMPT_BUDGET_TOKENS,
  });
  const messages = request.messages.map((m) => ({ ...m }));
  if (opts.extraInstruction?.trim()) {
    const last = messages[messages.length - 1]!;
    last.content += `\n\nAlso: ${opts.extraInstruction.trim()}`;
  }
  const renderer = createStreamRenderer(editor, { mode, toDoc: markdownToDoc, toMarkdown: docToMarkdown });
  const loop = createLoopDetector();
  let checkedAt = 0;
  let finishReason = 'stop';
  let text = '';
  let usage: { inputTokens: number; outputTokens: number } | undefined;
  let error: GenerateError | null = null;
  try {
    const result = await streamGenerate(
      { provider: model.provider, model: model.model, messages, maxOutputTokens: request.maxOutputTokens },
      {
        signal: controller.signal,
        onDelta: (_d, soFar) => {
          // Checked every ~200 characters: a loop is ≥ 3 × 48 characters, and fast streams send tiny deltas.
          if (soFar.length - checkedAt >= 200) {
            checkedAt = soFar.length;
            if (loop.update(soFar)) { entry.reason = 'loop'; controller.abort(); return; }
          }
          renderer.push(soFar);
        },
      },
    );
    text = result.text;
    finishReason = result.finishReason;
    usage = result.usage;
  } catch (e) {
    const err = e instanceof GenerateError ? e : new GenerateError('internal', String(e), false, '');
    text = err.partialText;
    if (err.code === 'aborted') finishReason = entry.reason === 'loop' ? 'loop' : 'stopped';
    else { finishReason = 'error'; error = err; }
  }
  if (finishReason === 'loop' && loop.unit) text = dropRepeats(text, loop.unit);
  renderer.commit(text);
  // The editor may have closed mid-stream (another document opened): the take then holds the whole text.
  const closed = editor.isDestroyed;
  const sectionText = closed ? (mode === 'continue' ? `${existing.trimEnd()}\n\n${text.trim()}` : text.trim()) : docToMarkdown(editor.getJSON());
  const words = countWords(text);
  const s = useStore.getState();
  if (text.trim()) {
    await saveTake({
      id: takeId, sectionId, text: sectionText, provider: model.provider, model: model.model,
      createdAt: startedAt, finishReason, mode,
    });
    s.setCurrentTake(sectionId, takeId);
    s.updateSection(sectionId, { status: 'generated' });
  }
  s.updateSection(sectionId, { streaming: null, interrupted: closed && !!text.trim() });
  if (closed && text.trim()) s.notify('A section was closed while it was being written; its full text is kept in its Takes.', { tone: 'error' });
  await appendLog({
    sectionId, kind: opts.logKind ?? (mode === 'continue' ? 'continue' : 'generate'),
    provider: model.provider, model: model.model,
    inputTokens: usage?.inputTokens, outputTokens: usage?.outputTokens,
    durationMs: Date.now() - startedAt, finishReason, error: error?.message,
    note: trimNote(request.trimmed) ?? undefined,
  }).catch(() => undefined);
  if (error) {
    s.setGen(sectionId, { phase: 'failed', error: error.message });
    s.notify(`“${s.sections[sectionId]?.title || 'Section'}”: ${error.message}${text.trim() ? ' The text so far is kept.' : ''}`, { tone: 'error' });
    throw error;
  }
  s.setGen(sectionId, { phase: finishReason === 'stopped' ? 'cancelled' : 'done', loop: finishReason === 'loop' || undefined });
  if (finishReason === 'loop') s.notify('The model started repeating itself; the generation was stopped and the repeats removed.', { tone: 'error' });
  // The memory for later sections; failures only mean the next prompt has a tail instead of a summary.
  if (text.trim()) void summaries.summarize(sectionId).catch(() => undefined);
  return { finishReason, words, text };
}

function trimNote(t: import('../../core/generation/sectionTypes').TrimReport): string | null {
  const parts: string[] = [];
  if (t.summariesShortened.length) parts.push(`${t.summariesShortened.length} summaries shortened`);
  if (t.summariesDropped.length) parts.push(`${t.summariesDropped.length} summaries left out`);
  if (t.previousTail === 'shortened' || t.previousTail === 'dropped') parts.push(`previous tail ${t.previousTail}`);
  if (t.outlineBriefsDropped) parts.push(`${t.outlineBriefsDropped} outline briefs left out`);
  if (t.overBudget) parts.push('over budget');
  return parts.length ? `Trimmed to fit: ${parts.join(', ')}.` : null;
}

/**
 * Shows another take in the section as one undoable step. The text being replaced is kept as a take first
 * when no take holds it (so switching back to the writer's own version is always possible).
 */
export async function switchTake(sectionId: string, takeId: string): Promise<void> {
  const take = await getTake(takeId);
  if (!take || running.has(sectionId)) return;
  const editor = await whenEditor(sectionId);
  const current = docToMarkdown(editor.getJSON());
  const takes = await listTakes(sectionId);
  if (current.trim() && !takes.some((t) => t.text === current)) {
    await saveTake({ id: newId('take'), sectionId, text: current, provider: 'writer', model: 'your version', createdAt: Date.now(), finishReason: 'edited', mode: 'replace' });
  }
  const json = markdownToDoc(take.text);
  const nodes = ((json.content ?? []) as object[]).map((n) => editor.schema.nodeFromJSON(n));
  const tr = editor.state.tr.replaceWith(0, editor.state.doc.content.size, Fragment.fromArray(nodes));
  tr.setMeta(ORIGIN_META, take.provider === 'writer' ? 'typed' : 'generated');
  closeHistory(tr);
  editor.view.dispatch(tr);
  useStore.getState().setCurrentTake(sectionId, takeId);
}

/** Long sections: Continue until the section is in its target band (capped), as contract says. */
export async function writeToTarget(sectionId: string, signal?: AbortSignal): Promise<void> {
  const { writeToTarget: loop } = await import('../../core/fit/writeToTarget');
  const s = useStore.getState().sections[sectionId];
  if (!s) return;
  await loop({
    target: s.targetWords || 1000,
    initialWords: s.wordCount,
    signal,
    generate: async (words, call) => {
      const r = await generateSection(sectionId, { mode: call === 1 && s.wordCount === 0 ? 'replace' : 'continue', wordsWanted: words, logKind: 'fit', signal });
      return { words: r.words };
    },
  });
}
