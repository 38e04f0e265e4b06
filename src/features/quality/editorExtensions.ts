// Editor extensions the quality feature adds to every section editor: provenance counting. Each transaction's
// net words added are attributed to "generated" or "typed" (see core/metrics/provenance.ts). Counting reuses
// the per-block cache, so a keystroke recounts one paragraph.
import { Extension, type AnyExtension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { countDocWords } from '../../editor/wordCount';
import { countWords } from '../../core/wordCount';
import { transactionOrigin, type Origin } from '../../core/metrics/provenance';
import { recordWords } from './provenance';

export interface ProvenanceOptions { onWords: (origin: Origin, words: number) => void }

// Block counts are cached by node: a transaction's before and after documents share every untouched block.
// The section's WordCount extension keeps the same cache for the same counter, so share it: a keystroke then
// counts its paragraph once for both. The fallback serves editors without WordCount (tests).
const ownCounts = new WeakMap<PMNode, number>();

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
    const added = countDocWords(transaction.doc, countWords, cache) - countDocWords(transaction.before, countWords, cache);
    if (added > 0) this.options.onWords(origin, added);
  },
});

export function qualityExtensions(_sectionId: string): AnyExtension[] {
  return [Provenance.configure({ onWords: recordWords })];
}
