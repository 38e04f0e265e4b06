// Between the editor and the revise request: which range a command applies to, its Markdown, the text around
// it, and the one transaction that puts a revised passage in its place.
import { Fragment, Slice, type Node as PMNode, type Schema } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import type { JSONContent } from '@tiptap/core';
import { docToMarkdown, markdownToDoc } from '../../editor/markdown';

export interface PassageRange { from: number; to: number }

/** Context is for continuity only; a few paragraphs' worth is plenty and keeps the request small. */
const CONTEXT_CHARS = 1_500;

const isBlank = (t: string) => t === '' || /^\s$/u.test(t);

/**
 * Shrinks a selection past whitespace and block boundaries at its edges. The Markdown serializer drops edge
 * whitespace, so revising " the whale " must not eat the spaces around it; a triple-click selection that ends
 * at the start of the next paragraph must not pull that paragraph in.
 */
export function trimRange(doc: PMNode, from: number, to: number): PassageRange {
  while (from < to && isBlank(doc.textBetween(from, from + 1, '\n', '\n'))) from++;
  while (to > from && isBlank(doc.textBetween(to - 1, to, '\n', '\n'))) to--;
  return { from, to };
}

/** The range a command acts on: the selection, or the paragraph around the cursor when nothing is selected. */
export function commandRange(state: EditorState): PassageRange | null {
  const { selection, doc } = state;
  if (!selection.empty) {
    const r = trimRange(doc, selection.from, selection.to);
    return r.to > r.from ? r : null;
  }
  const $pos = selection.$from;
  if (!$pos.parent.isTextblock || $pos.parent.content.size === 0) return null;
  return trimRange(doc, $pos.start(), $pos.end());
}

export function wholeRange(doc: PMNode): PassageRange {
  return { from: 0, to: doc.content.size };
}

export function rangeMarkdown(doc: PMNode, from: number, to: number): string {
  const slice = doc.slice(from, to, true); // with parents: block structure from the doc down
  return docToMarkdown({ type: 'doc', content: slice.content.toJSON() as JSONContent[] });
}

export function rangeText(doc: PMNode, from: number, to: number): string {
  return doc.textBetween(from, to, '\n\n', '\n');
}

/** The text of the block before / after the passage (and the rest of the passage's own block), for continuity. */
export function contextAround(doc: PMNode, from: number, to: number): { before: string; after: string } {
  const $from = doc.resolve(from), $to = doc.resolve(to);
  const fromIdx = $from.index(0), toIdx = $to.index(0);
  const beforeStart = fromIdx > 0 ? $from.posAtIndex(fromIdx - 1, 0) : 0;
  const afterEnd = toIdx + 1 < doc.childCount ? $to.posAtIndex(toIdx + 2, 0) : doc.content.size;
  const before = doc.textBetween(beforeStart, from, '\n\n', '\n').slice(-CONTEXT_CHARS);
  const after = doc.textBetween(Math.min(to, afterEnd), afterEnd, '\n\n', '\n').slice(0, CONTEXT_CHARS);
  return { before, after };
}

/**
 * The revised passage as a slice. Inside a paragraph it is open, so a one-paragraph answer flows into the
 * surrounding text and a multi-paragraph answer splits it, keeping the text before and after in place.
 */
export function markdownSlice(schema: Schema, markdown: string, whole: boolean): Slice {
  const json = markdownToDoc(markdown);
  const nodes = ((json.content ?? []) as JSONContent[]).map((n) => schema.nodeFromJSON(n));
  const frag = Fragment.fromArray(nodes);
  return whole ? new Slice(frag, 0, 0) : Slice.maxOpen(frag);
}

/** One transaction replacing [from, to) with the Markdown passage (the caller adds metas and dispatches). */
export function replaceWithMarkdown(state: EditorState, range: PassageRange, markdown: string, whole: boolean): Transaction {
  return state.tr.replace(range.from, range.to, markdownSlice(state.schema, markdown, whole));
}
