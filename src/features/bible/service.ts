// The story bible's model requests: "Extract entries" (also run after the pipeline writes a section) proposes
// entries as suggestions the writer accepts or rejects one by one; "Check consistency" asks a judge whether the
// section contradicts its relevant entries, and each finding's Fix is a revision proposal in the review flow.
// Model calls go through the gateway (logged as "extract" and "check"); the section's text through the content
// port, mounted or not.
import type { Node as PMNode } from '@tiptap/pm/model';
import { useStore } from '../../app/store';
import { content, gateway } from '../../app/services';
import { newId } from '../../core/ids';
import {
  applySuggestion, buildConsistencyRequest, buildExtractionRequest, entryAsOf, locateQuote, parseConsistency, parseExtraction,
  selectBibleEntries, type BibleContradiction, type BibleEntry,
} from '../../core/bible';
import { GenerateError } from '../../shared/generateClient';
import { getEditor, whenEditor } from '../../editor/registry';
import { proposeRevision } from '../revision';

const st = () => useStore.getState();
const entries = (): readonly BibleEntry[] => st().doc?.bible ?? [];
const extractKey = (sectionId: string) => `bible-extract:${sectionId}`;
const checkKey = (sectionId: string) => `bible-check:${sectionId}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function failure(e: unknown): string {
  return e instanceof GenerateError ? e.message : (e as Error).message || String(e);
}

/**
 * Asks the model for new entries and changes to existing ones in a section. The answer only becomes
 * suggestions (added to any still waiting in that section); nothing is applied until the writer accepts it.
 * `auto`: after the pipeline wrote the section, quieter when there is nothing to suggest.
 */
export async function extractEntries(sectionId: string, opts: { auto?: boolean; signal?: AbortSignal } = {}): Promise<number> {
  const s = st();
  const section = s.sections[sectionId];
  if (!s.doc || !section || s.readOnlyReason) return 0;
  const ac = gateway.aborts.start(extractKey(sectionId), { replace: true, parent: opts.signal });
  s.setBibleJob(sectionId, 'extract', true);
  s.setBibleMessage(sectionId, null);
  try {
    const text = await content.read(sectionId);
    if (!text.trim()) { if (!opts.auto) st().setBibleMessage(sectionId, 'This section is empty: there is nothing to extract.'); return 0; }
    const doc = st().doc!;
    const request = buildExtractionRequest({
      document: { title: doc.title, brief: doc.brief }, section: { id: sectionId, title: section.title }, text,
      entries: entries(), sectionOrder: doc.sectionIds,
    });
    const res = await gateway.run({
      kind: 'extract', sectionId, key: `${extractKey(sectionId)}:call`, messages: request.messages,
      maxOutputTokens: request.maxOutputTokens, temperature: 0, signal: ac.signal,
      note: opts.auto ? 'Story bible: extract entries (after writing)' : 'Story bible: extract entries',
    });
    // Parsed against the entries as they are now (the writer may have edited them while the model answered).
    const { suggestions, errors } = parseExtraction(res.text, entries(), sectionId, () => newId('sug'));
    const waiting = st().bibleSuggestions[sectionId] ?? [];
    st().setBibleSuggestions(sectionId, [...waiting, ...suggestions]);
    const found = suggestions.length ? `${plural(suggestions.length, 'suggestion')} to review.` : 'No new entries or changes suggested.';
    if (suggestions.length || !opts.auto || errors.length) {
      // After writing, an unreadable answer is a quiet note, not an alarm: the writer did not ask for it.
      st().setBibleMessage(sectionId, errors.length ? `${found} ${errors.join(' ')}` : found, errors.length && !suggestions.length && !opts.auto ? 'error' : 'info');
    }
    return suggestions.length;
  } catch (e) {
    if (ac.signal.aborted) return 0;
    st().setBibleMessage(sectionId, `Extracting entries failed: ${failure(e)}`, 'error');
    return 0;
  } finally {
    ac.done();
    st().setBibleJob(sectionId, 'extract', false);
  }
}

export function acceptSuggestion(sectionId: string, suggestionId: string): void {
  const s = st();
  const sug = s.bibleSuggestions[sectionId]?.find((x) => x.id === suggestionId);
  if (!sug || !s.doc || s.readOnlyReason) return;
  s.updateDoc({ bible: applySuggestion(entries(), sug, Date.now(), () => newId('b')) });
  dropSuggestion(sectionId, suggestionId);
}

export function rejectSuggestion(sectionId: string, suggestionId: string): void {
  dropSuggestion(sectionId, suggestionId);
}

function dropSuggestion(sectionId: string, suggestionId: string): void {
  const list = st().bibleSuggestions[sectionId] ?? [];
  st().setBibleSuggestions(sectionId, list.filter((x) => x.id !== suggestionId));
}

/** The entries a section's prompt would carry: mentioned in its brief or text (or its neighbours'), or always included. */
function relevantEntries(sectionId: string, text: string): BibleEntry[] {
  const s = st();
  const order = s.doc?.sectionIds ?? [];
  const i = order.indexOf(sectionId);
  const next = order[i + 1] ? s.sections[order[i + 1]!]?.brief ?? '' : '';
  const picked = new Set(selectBibleEntries({
    entries: entries(), sectionId, sectionOrder: order, texts: [s.sections[sectionId]?.brief ?? '', text, next],
  }).map((e) => e.id));
  return entries().filter((e) => picked.has(e.id));
}

export async function checkConsistency(sectionId: string): Promise<BibleContradiction[] | null> {
  const s = st();
  const section = s.sections[sectionId];
  if (!s.doc || !section || s.readOnlyReason) return null;
  const ac = gateway.aborts.start(checkKey(sectionId), { replace: true });
  s.setBibleJob(sectionId, 'check', true);
  s.setBibleMessage(sectionId, null);
  try {
    const text = await content.read(sectionId);
    if (!text.trim()) { st().setBibleMessage(sectionId, 'This section is empty: there is nothing to check.'); return null; }
    const relevant = relevantEntries(sectionId, text);
    if (!relevant.length) {
      st().setBibleContradictions(sectionId, null);
      st().setBibleMessage(sectionId, 'No story bible entry is mentioned in this section, so there is nothing to check it against.');
      return null;
    }
    const request = buildConsistencyRequest({ section: { id: sectionId, title: section.title }, text, entries: relevant, sectionOrder: st().doc!.sectionIds });
    const res = await gateway.run({
      kind: 'check', sectionId, key: `${checkKey(sectionId)}:call`, messages: request.messages, maxOutputTokens: request.maxOutputTokens,
      temperature: 0, signal: ac.signal,
      note: `Story bible: check consistency against ${plural(relevant.length, 'entry', 'entries')}: ${relevant.map((e) => e.name).join(', ')}`.slice(0, 300),
    });
    const { contradictions, errors } = parseConsistency(res.text, relevant, text);
    st().setBibleContradictions(sectionId, contradictions);
    const head = contradictions.length
      ? `${plural(contradictions.length, 'contradiction')} with the story bible.`
      : `Consistent with ${plural(relevant.length, 'story bible entry', 'story bible entries')}.`;
    st().setBibleMessage(sectionId, errors.length ? `${head} ${errors.join(' ')}` : head, errors.length && !contradictions.length ? 'error' : 'info');
    return contradictions;
  } catch (e) {
    if (!ac.signal.aborted) st().setBibleMessage(sectionId, `The consistency check failed: ${failure(e)}`, 'error');
    return null;
  } finally {
    ac.done();
    st().setBibleJob(sectionId, 'check', false);
  }
}

export function isBibleBusy(sectionId: string): boolean {
  return gateway.aborts.has(extractKey(sectionId)) || gateway.aborts.has(checkKey(sectionId));
}

export function fixInstruction(entry: BibleEntry | undefined, c: BibleContradiction, sectionId: string, order: readonly string[]): string {
  if (!entry) return `Make this consistent with the story bible: ${c.entryName}${c.explanation ? `: ${c.explanation}` : ''}`;
  const asOf = entryAsOf(entry, sectionId, order);
  const facts = [asOf.description.trim(), ...asOf.progressions].filter(Boolean).join(' ');
  return `Make this consistent with the story bible: ${entry.name}: ${facts || c.explanation}`;
}

/** A contradiction's Fix: a revision of the quoted sentence (or the section when it cannot be found), reviewed as usual. */
export async function fixContradiction(sectionId: string, c: BibleContradiction): Promise<void> {
  const s = st();
  const entry = entries().find((e) => e.id === c.entryId);
  const instruction = fixInstruction(entry, c, sectionId, s.doc?.sectionIds ?? []);
  const editor = getEditor(sectionId) ?? await whenEditor(sectionId);
  const range = quoteRange(editor.state.doc, c.quote) ?? 'section';
  const r = await proposeRevision(sectionId, { instruction, label: `Fix: consistent with ${c.entryName}`, range });
  if (r.status !== 'failed') {
    const left = (st().bibleContradictions[sectionId] ?? []).filter((x) => x !== c);
    st().setBibleContradictions(sectionId, left);
  }
}

/** Where a quoted sentence is in the editor's document (whitespace, typographic quotes and emphasis forgiven). */
export function quoteRange(doc: PMNode, quote: string): { from: number; to: number } | null {
  let flat = '';
  const pos: number[] = [];
  doc.descendants((node, p) => {
    if (node.isTextblock && flat) { flat += '\n\n'; pos.push(-1, -1); }
    if (node.isText) for (let i = 0; i < node.text!.length; i++) { flat += node.text![i]; pos.push(p + i); }
    return true;
  });
  const span = locateQuote(flat, quote);
  if (!span) return null;
  let a = span.from, b = span.to - 1;
  while (a <= b && pos[a] === -1) a++;
  while (b >= a && pos[b] === -1) b--;
  return a <= b ? { from: pos[a]!, to: pos[b]! + 1 } : null;
}
