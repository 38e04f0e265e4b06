// Rich documents (Markdown, Word, HTML imports) → sections at headings of one level. Text before the first
// heading is an untitled first section, never dropped; a lone "# Title" above deeper headings names the document.
import type { JsonNode } from './linkSafety';
import { nodeText, docPlainText } from './richDoc';
import { quickCountWords } from './quickCount';

export interface DocSection { title: string; doc: JsonNode; words: number }

export function headingCounts(doc: JsonNode): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const n of doc.content ?? []) if (n.type === 'heading') counts[Number(n.attrs?.level ?? 1)]! += 1;
  return counts;
}

/** The level that most likely marks sections: the shallowest used more than once (below a single title). */
export function guessHeadingLevel(doc: JsonNode): number | null {
  const c = headingCounts(doc);
  if (c[1] === 1 && firstIsTitle(doc)) for (let l = 2; l <= 6; l++) if (c[l]! > 0) return l;
  for (let l = 1; l <= 6; l++) if (c[l]! > 1) return l;
  for (let l = 1; l <= 6; l++) if (c[l]! > 0) return l;
  return null;
}

function firstIsTitle(doc: JsonNode): boolean {
  const first = doc.content?.[0];
  return first?.type === 'heading' && Number(first.attrs?.level) === 1;
}

/** level null: no split (one section). */
export function splitDocAtHeadings(doc: JsonNode, level: number | null): { title: string | null; sections: DocSection[] } {
  let blocks = doc.content ?? [];
  let title: string | null = null;
  const c = headingCounts(doc);
  if (level !== null && level >= 2 && c[1] === 1 && firstIsTitle(doc)) {
    title = nodeText(blocks[0]!).trim();
    blocks = blocks.slice(1);
  }
  const sections: Array<{ title: string; content: JsonNode[] }> = [];
  let cur: { title: string; content: JsonNode[] } = { title: '', content: [] };
  let opened = false;
  for (const b of blocks) {
    // Headings at or above the split level start a section (a "Part" above chapters is a section of its own).
    if (level !== null && b.type === 'heading' && Number(b.attrs?.level ?? 1) <= level) {
      if (opened || cur.content.length) sections.push(cur);
      cur = { title: nodeText(b).replace(/\s+/g, ' ').trim(), content: [] };
      opened = true;
    } else cur.content.push(b);
  }
  if (opened || cur.content.length) sections.push(cur);
  return {
    title,
    sections: sections.map((s) => {
      const d: JsonNode = { type: 'doc', content: s.content.length ? s.content : [{ type: 'paragraph' }] };
      return { title: s.title, doc: d, words: quickCountWords(docPlainText(d)) };
    }),
  };
}
