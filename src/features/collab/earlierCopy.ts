// A share link opened for a document this browser already had under another secret leaves this browser's copy of
// the earlier share behind (its own y-indexeddb database). When that copy has another history than the server's
// (sharing was stopped and started again: a new share, seeded afresh), it is not merged (see session.ts,
// mergeEarlierCopy), yet it may hold words the writer typed that never reached anyone: typed after the owner
// stopped sharing, or offline before. Deleting it would lose them; keeping it forever leaves a database nobody can
// open. So the words are looked for in the document as it now is, and only a copy holding some that are not there
// is kept, as a document of its own; then the database goes.
import type { RichDoc } from '../../core/model';

interface Node { type?: string; text?: string; content?: Node[] }

/** The text of each top-level block (paragraph, heading, list…) of `doc`, whitespace collapsed, empty ones left out. */
export function blockTexts(doc: RichDoc | null | undefined): string[] {
  const out: string[] = [];
  const walk = (n: Node, acc: string[]): void => {
    if (typeof n.text === 'string') acc.push(n.text);
    // Blocks inside a block (list items, quotes) are words apart.
    for (const c of n.content ?? []) { walk(c, acc); if (c.content) acc.push(' '); }
  };
  for (const block of (doc as Node | null | undefined)?.content ?? []) {
    const acc: string[] = [];
    walk(block, acc);
    const text = normalize(acc.join(''));
    if (text) out.push(text);
  }
  return out;
}

const normalize = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The sections of `earlier` holding a block whose text appears nowhere in `now` (the document as it is: every
 * section, so a paragraph moved to another section counts as there). A block counts as there when it is part of a
 * block of `now` (text added after it since, or around it, is fine: nothing of the earlier copy is missing).
 */
export function sectionsWithMissingText(earlier: ReadonlyArray<{ id: string; doc: RichDoc | null }>, now: ReadonlyArray<RichDoc | null>): string[] {
  const haystack = now.flatMap((d) => blockTexts(d)).join('\n');
  return earlier.filter((s) => blockTexts(s.doc).some((t) => !haystack.includes(t))).map((s) => s.id);
}
