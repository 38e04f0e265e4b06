// Small builders and readers for editor JSON (ProseMirror's toJSON shape) used by import and export without
// an editor instance.
import type { JsonNode } from './linkSafety';

export function textNode(text: string, marks?: JsonNode['marks']): JsonNode {
  return marks?.length ? { type: 'text', text, marks } : { type: 'text', text };
}

/** Paragraph from lines; several lines are kept as hard breaks (verse, letters' address blocks). */
export function paragraph(lines: readonly string[]): JsonNode {
  const content: JsonNode[] = [];
  lines.forEach((l, i) => {
    if (i > 0) content.push({ type: 'hardBreak' });
    if (l) content.push(textNode(l));
  });
  return content.length ? { type: 'paragraph', content } : { type: 'paragraph' };
}

/** Text of a node and its descendants, hard breaks as newlines. */
export function nodeText(n: JsonNode): string {
  if (n.type === 'text') return n.text ?? '';
  if (n.type === 'hardBreak') return '\n';
  return (n.content ?? []).map(nodeText).join('');
}

/** Plain text of a doc, blocks separated by blank lines (same as the editor's docToText for counting). */
export function docPlainText(doc: JsonNode | null | undefined): string {
  const out: string[] = [];
  const block = (n: JsonNode) => {
    if (n.type === 'bulletList' || n.type === 'orderedList' || n.type === 'blockquote' || n.type === 'listItem') {
      for (const c of n.content ?? []) block(c);
    } else if (n.type === 'horizontalRule') {
      // no words
    } else out.push(nodeText(n));
  };
  for (const c of doc?.content ?? []) block(c);
  return out.filter((s) => s !== '').join('\n\n');
}
