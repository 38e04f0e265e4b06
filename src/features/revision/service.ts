// Revision proposals: lock the passage, stream a proposal from the model into the section's review view,
// and on Accept replace the passage in ONE undoable transaction. The section text is never touched before
// Accept, so Reject, Stop and every failure leave it byte-for-byte as it was.
import type { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import { TextSelection } from '@tiptap/pm/state';
import { useStore } from '../../app/store';
import { sectionMarkdown } from '../../app/workspace';
import { buildRevisionRequest, type RevisionRequestInput } from '../../core/revision/prompt';
import { cleanRevisionOutput } from '../../core/revision/cleanOutput';
import { diffWords, joinHunks, changes } from '../../core/revision/diff';
import { maxOutputTokensFor } from '../../core/generation/tokens';
import { countWords } from '../../core/wordCount';
import { newId } from '../../core/ids';
import { getEditor, whenEditor } from '../../editor/registry';
import { lockMeta, lockedRange, overlapsLock } from '../../editor/rangeLock';
import { GenerateError } from '../../shared/generateClient';
import { gateway } from '../../app/services';
import { contextAround, rangeMarkdown, replaceWithMarkdown, trimRange, wholeRange, type PassageRange } from './passage';
import type { Proposal, RevisionScope } from './slice';

export interface ProposeOptions {
  instruction: string;
  label: string;
  /** A range in the section editor, or the whole section (the default). */
  range?: PassageRange | 'section';
  /** Apply the proposal as soon as it is complete (fit-to-target), still as one undo step. */
  auto?: boolean;
  /** Ask for about this many words (fit-to-target, Shorten/Expand with a goal). */
  targetWords?: number;
}

export type ProposeStatus = 'ready' | 'accepted' | 'failed' | 'stopped';

const PIN = 'revision';
// Running proposals are in the gateway's abort registry under revise:<proposal id>; a section whose proposal
// is being set up (between the request and its proposal appearing) holds revise-start:<section id> there.
const runKey = (proposalId: string) => `revise:${proposalId}`;
const startKey = (sectionId: string) => `revise-start:${sectionId}`;

const store = () => useStore.getState();

export function hasPendingRevision(sectionId: string): boolean {
  return !!store().proposals[sectionId];
}

export async function proposeRevision(sectionId: string, opts: ProposeOptions): Promise<{ status: ProposeStatus }> {
  const s = store();
  const section = s.sections[sectionId];
  const fail = (msg: string) => { s.notify(msg, { tone: 'error' }); return { status: 'failed' as const }; };
  if (!section) return fail('That section no longer exists.');
  if (section.streaming) return fail('This section is being written; revise it when the generation ends.');
  if (s.readOnlyReason) return fail(s.readOnlyReason);
  if (s.proposals[sectionId] || gateway.aborts.has(startKey(sectionId))) return fail('A revision is already pending in this section: accept or reject it first.');
  if (!opts.instruction.trim()) return fail('Type an instruction first.');

  s.pin(sectionId, PIN);
  // Reserve the section across the await, so two quick requests cannot both start a proposal in it.
  const reserve = gateway.aborts.start(startKey(sectionId));
  let editor: Editor;
  try { editor = await whenEditor(sectionId); } finally { reserve.done(); }
  const scope: RevisionScope = !opts.range || opts.range === 'section' ? 'section' : 'selection';
  const { doc } = editor.state;
  const range = scope === 'section' ? wholeRange(doc) : trimRange(doc, (opts.range as PassageRange).from, (opts.range as PassageRange).to);
  const original = range.to > range.from ? rangeMarkdown(doc, range.from, range.to) : '';
  const release = () => { if (!store().proposals[sectionId]) store().unpin(sectionId, PIN); };
  if (!original.trim()) { release(); return fail(scope === 'section' ? 'This section is empty: there is nothing to revise.' : 'Select some text to revise.'); }
  if (overlapsLock(editor.state, range.from, range.to)) { release(); return fail('Part of that text already has a pending revision.'); }

  if (store().proposals[sectionId]) { release(); return fail('A revision is already pending in this section: accept or reject it first.'); }

  const id = newId('rev');
  editor.view.dispatch(lockMeta.add(editor.state.tr, id, range.from, range.to));
  const proposal: Proposal = {
    id, sectionId, label: opts.label, instruction: opts.instruction, scope, original, text: '', phase: 'streaming',
    rejected: [], auto: !!opts.auto, attempt: 1,
  };
  store().putProposal(proposal);
  const ctx = scope === 'section' ? await neighbourContext(sectionId) : contextAround(doc, range.from, range.to);
  const input: RevisionRequestInput = {
    instruction: opts.instruction, passage: original, before: ctx.before, after: ctx.after,
    sectionBrief: section.brief, styleGuide: store().doc?.brief, targetWords: opts.targetWords,
  };
  // Rejected while the context loaded: nothing to run.
  if (store().proposals[sectionId]?.id !== id) return { status: 'stopped' };
  store().patchProposal(sectionId, id, { input });
  return { status: await run({ ...proposal, input }) };
}

/** The last paragraph of the previous section and the first of the next: context for a whole-section revision. */
async function neighbourContext(sectionId: string): Promise<{ before: string; after: string }> {
  const ids = store().doc?.sectionIds ?? [];
  const i = ids.indexOf(sectionId);
  const para = async (id: string | undefined, last: boolean) => {
    if (!id) return '';
    const parts = (await sectionMarkdown(id).catch(() => '')).split(/\n{2,}/).filter((p) => p.trim());
    return (last ? parts[parts.length - 1] : parts[0]) ?? '';
  };
  return { before: await para(ids[i - 1], true), after: await para(ids[i + 1], false) };
}

/**
 * Runs `fn` at most once per animation frame, and no more often than every `minMs`: the review view re-diffs
 * the whole passage on each update, which for a few thousand words costs tens of milliseconds.
 */
function frameScheduler(fn: () => void, minMs = 0): { schedule(): void; flush(): void } {
  let pending = false, cancelled = false, last = 0;
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (cb: () => void) => setTimeout(cb, 16);
  const fire = () => { if (cancelled) { cancelled = false; return; } pending = false; last = Date.now(); fn(); };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      const wait = last + minMs - Date.now();
      if (wait > 0) setTimeout(() => raf(fire), wait); else raf(fire);
    },
    /** Runs now; a scheduled run still in flight is skipped. */
    flush() {
      if (pending) { cancelled = true; pending = false; }
      last = Date.now();
      fn();
    },
  };
}

async function run(p: Proposal): Promise<ProposeStatus> {
  const input = p.input!;
  let raw = '';
  // At most one store update per frame however fast the deltas arrive.
  const words = countWords(p.original);
  const ui = frameScheduler(() => store().patchProposal(p.sectionId, p.id, { text: cleanRevisionOutput(raw, p.original) }),
    words > 600 ? 250 : 0);
  try {
    const wanted = input.targetWords ?? (/expand/i.test(p.instruction) ? words * 2 : words * 1.3);
    const res = await gateway.run({
      kind: 'revise', sectionId: p.sectionId, key: runKey(p.id), messages: buildRevisionRequest(input),
      maxOutputTokens: maxOutputTokensFor(Math.ceil(wanted) + 50),
      note: `${p.label}${p.scope === 'section' ? ' (whole section)' : ''}${p.attempt > 1 ? `, attempt ${p.attempt}` : ''}`,
      onText: (_d, soFar) => { raw = soFar; ui.schedule(); },
    });
    raw = res.text;
    ui.flush();
    const text = cleanRevisionOutput(res.text, p.original);
    if (!text.trim()) return settle(p, 'failed', 'The model returned no text. Retry, or try another instruction or model.');
    if (res.finishReason === 'length') {
      return settle(p, 'failed', 'The model stopped at its length limit, so the proposal is incomplete. The original text is unchanged.');
    }
    store().patchProposal(p.sectionId, p.id, { text, phase: 'ready', message: undefined });
    if (p.auto) return acceptProposal(p.sectionId) ? 'accepted' : 'failed';
    return 'ready';
  } catch (e) {
    const err = e instanceof GenerateError ? e : null;
    if (err?.partialText) raw = err.partialText;
    ui.flush();
    const stopped = err?.code === 'aborted';
    if (!store().proposals[p.sectionId] || store().proposals[p.sectionId]!.id !== p.id) return 'stopped'; // rejected meanwhile
    const what = stopped ? 'Stopped.' : `The revision failed: ${(err?.message ?? (e as Error).message).replace(/\.?$/, '.')}`;
    const tail = raw ? 'The proposal is incomplete; the original text is unchanged.' : 'The original text is unchanged.';
    return settle(p, stopped ? 'stopped' : 'failed', `${what} ${tail}`);
  }
}

function settle(p: Proposal, phase: 'failed' | 'stopped', message: string): ProposeStatus {
  store().patchProposal(p.sectionId, p.id, { phase, message });
  return phase;
}

/** The text Accept will apply: the proposal with the writer's rejected changes put back. */
export function acceptedText(p: Proposal): string {
  if (!p.rejected.length) return p.text;
  const hunks = diffWords(p.original, p.text);
  return joinHunks(hunks, changes(hunks).filter((h) => !p.rejected.includes(h.id)).map((h) => h.id));
}

export function acceptProposal(sectionId: string): boolean {
  const p = store().proposals[sectionId];
  if (!p || p.phase !== 'ready') return false;
  const editor = getEditor(sectionId);
  const problem = (message: string) => { store().patchProposal(sectionId, p.id, { message }); return false; };
  if (!editor) return problem('The section is not open, so the proposal cannot be applied.');
  if (!editor.isEditable) return problem('The section is read-only right now; the proposal is kept.');
  const lock = lockedRange(editor.state, p.id);
  if (!lock || lock.stale) return problem('The passage changed while the proposal was pending, so it cannot be applied safely. Reject it and revise again.');
  const text = acceptedText(p);
  if (text === p.original) { finish(editor, p); return true; }
  const range = p.scope === 'section' ? wholeRange(editor.state.doc) : lock;
  const tr = replaceWithMarkdown(editor.state, range, text, p.scope === 'section');
  lockMeta.apply(tr, p.id);
  tr.setMeta('longhand:origin', 'generated');
  const end = tr.mapping.map(range.to, -1);
  tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(end, tr.doc.content.size)), -1));
  // Its own undo step: not merged into typing just before, and typing just after does not merge into it.
  editor.view.dispatch(closeHistory(tr));
  editor.view.dispatch(closeHistory(editor.state.tr));
  store().updateSection(sectionId, { status: 'revised' });
  finish(editor, p, false);
  return true;
}

export function rejectProposal(sectionId: string): void {
  const p = store().proposals[sectionId];
  if (!p) return;
  gateway.aborts.abort(runKey(p.id));
  const editor = getEditor(sectionId);
  finish(editor, p);
}

function finish(editor: Editor | undefined, p: Proposal, unlock = true): void {
  if (unlock && editor && lockedRange(editor.state, p.id)) editor.view.dispatch(lockMeta.remove(editor.state.tr, p.id));
  store().dropProposal(p.sectionId, p.id);
  store().unpin(p.sectionId, PIN);
}

export function stopProposal(sectionId: string): void {
  const p = store().proposals[sectionId];
  if (p) gateway.aborts.abort(runKey(p.id));
}

/** A fresh proposal for the same passage and instruction (the passage is still locked). */
export async function retryProposal(sectionId: string): Promise<ProposeStatus> {
  const p = store().proposals[sectionId];
  if (!p || p.phase === 'streaming') return 'failed';
  const next: Proposal = { ...p, text: '', phase: 'streaming', message: undefined, rejected: [], attempt: p.attempt + 1 };
  store().putProposal(next);
  return run(next);
}

// Opening another document, or deleting a section, unmounts editors and their locks: end those proposals too.
useStore.subscribe((s, prev) => {
  if (s.sections === prev.sections && s.doc?.id === prev.doc?.id) return;
  const otherDoc = s.doc?.id !== prev.doc?.id;
  for (const p of Object.values(s.proposals)) {
    if (!otherDoc && s.sections[p.sectionId]) continue;
    gateway.aborts.abort(runKey(p.id));
    finish(undefined, p);
  }
});

/** A keystroke hit a locked passage: say why, once while the message is shown, not on every key. */
export function noteBlocked(): void {
  store().notify('That passage is locked while its revision is pending: accept or reject the proposal first.', { once: true });
}
