// Markdown <-> editor JSON without an editor: import, export and streaming all convert through here.
import { MarkdownManager } from '@tiptap/markdown';
import { resolveExtensions, type JSONContent } from '@tiptap/core';
import { baseExtensions } from './extensions';
import type { RichDoc } from '../core/model';
import { sanitizeDocLinks, type JsonNode } from '../core/interchange/linkSafety';
import { neutralizeHandlerAttrs, restoreHandlerMarks } from '../core/interchange/handlerAttrs';

let manager: MarkdownManager | null = null;
function mm(): MarkdownManager {
  manager ??= new MarkdownManager({ extensions: resolveExtensions(baseExtensions()) });
  return manager;
}

export function markdownToDoc(markdown: string): RichDoc {
  // Raw HTML in Markdown is parsed by TipTap with DOMParser; its on* attributes are defused first, so not even
  // an inert document gets a handler (Chromium files a CSP report for each), then the marker is taken out again.
  const source = markdown.trim() ? neutralizeHandlerAttrs(markdown) : '';
  const parsed = mm().parse(source);
  // Only a marked source needs the walk that takes the marker out (streaming calls this often).
  const json = source === markdown || !markdown.trim() ? parsed : restoreHandlerMarks(parsed);
  // Every way Markdown enters (import, model output, revisions) passes here: unsafe links become plain text.
  return sanitizeDocLinks(unwrapSoftBreaks(json) as JsonNode) as RichDoc;
}

export function docToMarkdown(doc: RichDoc | JSONContent | null | undefined): string {
  if (!doc || !doc.content?.length) return '';
  // Exports pass here too: a stored document from before the link policy is cleaned on the way out (the file
  // as a whole is also defanged by documentToMarkdown).
  const clean = sanitizeDocLinks(doc as JsonNode) as JSONContent;
  return mm().serialize(clean).replace(/\s+$/, '');
}

// In Markdown a single newline inside a paragraph is a space. Text imported from hard-wrapped files would
// otherwise show its line breaks in the editor (ProseMirror keeps "\n" in text as pre-wrap).
function unwrapSoftBreaks(node: JSONContent): JSONContent {
  if (node.type === 'codeBlock') return node;
  if (node.type === 'text' && node.text?.includes('\n')) return { ...node, text: node.text.replace(/[ \t]*\n[ \t]*/g, ' ') };
  if (!node.content) return node;
  return { ...node, content: node.content.map(unwrapSoftBreaks) };
}

/** Plain text of editor JSON, blocks separated by blank lines: what the counter and metrics read. */
export function docToText(doc: RichDoc | JSONContent | null | undefined): string {
  const out: string[] = [];
  const walk = (n: JSONContent, sink: string[]) => {
    if (n.type === 'text') sink.push(n.text ?? '');
    else if (n.type === 'hardBreak') sink.push('\n');
    else if (n.content) {
      const inner: string[] = [];
      for (const c of n.content) walk(c, inner);
      sink.push(inner.join(''));
    }
  };
  for (const block of (doc?.content ?? []) as JSONContent[]) {
    const parts: string[] = [];
    if (block.type === 'bulletList' || block.type === 'orderedList' || block.type === 'blockquote') {
      for (const child of block.content ?? []) { const s: string[] = []; walk(child, s); parts.push(s.join('\n')); }
      out.push(parts.join('\n'));
    } else { walk(block, parts); out.push(parts.join('')); }
  }
  return out.join('\n\n');
}
