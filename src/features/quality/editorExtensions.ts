// Editor extensions the quality feature adds to every section editor: provenance counting. Each transaction's
// net words added are attributed to "generated" or "typed" (see core/metrics/provenance.ts). Counting reuses
// the per-block cache, so a keystroke recounts one paragraph.
import { Extension, type AnyExtension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { countWords } from '../../core/wordCount';
import { transactionOrigin, type Origin } from '../../core/metrics/provenance';
import { recordWords } from './provenance';

export interface ProvenanceOptions { onWords: (origin: Origin, words: number) => void }

// Block counts are cached by node: a transaction's before and after documents share every untouched block.
// The section's WordCount extension keeps the same cache for the same counter, so share it: a keystroke then
// counts its paragraph once for both. The fallback serves editors without WordCount (tests).
const ownCounts = new WeakMap<PMNode, number>();

const blockWords = (block: PMNode, cache: WeakMap<PMNode, number>) => {
  let n = cache.get(block);
  if (n === undefined) { n = countWords(block.textBetween(0, block.content.size, '\n', '\n')); cache.set(block, n); }
  return n;
};

/** Words added by a transaction: only the top-level blocks it replaced are counted (the others are the same
 * nodes before and after), so an edit costs its paragraph even while the section's first count is pending. */
function netWords(before: PMNode, after: PMNode, cache: WeakMap<PMNode, number>): number {
  const old = new Set<PMNode>();
  before.forEach((b) => { old.add(b); });
  const kept = new Set<PMNode>();
  let added = 0;
  after.forEach((b) => { if (old.has(b)) kept.add(b); else added += blockWords(b, cache); });
  before.forEach((b) => { if (!kept.has(b)) added -= blockWords(b, cache); });
  return added;
}

export const Provenance = Extension.create<ProvenanceOptions>({
  name: 'longhandProvenance',
  addOptions() {
    return { onWords: () => {} };
  },
  onTransaction({ transaction }) {
    if (!transaction.docChanged) return;
    const origin = transactionOrigin(transaction);
    if (!origin) return; // stream frames, undo/redo: nothing to count, so no counting cost while streaming
    const shared = (this.editor.storage as unknown as Record<string, { cache?: WeakMap<PMNode, number> } | undefined>)
      .longhandWordCount?.cache;
    const cache = shared ?? ownCounts;
    const added = netWords(transaction.before, transaction.doc, cache);
    if (added > 0) this.options.onWords(origin, added);
  },
});

export function qualityExtensions(_sectionId: string): AnyExtension[] {
  return [Provenance.configure({ onWords: recordWords })];
}
