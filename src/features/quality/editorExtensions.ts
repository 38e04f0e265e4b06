// Editor extensions the quality feature adds to every section editor: provenance counting. Each transaction's
// net words added are attributed to "generated" or "typed" (see core/metrics/provenance.ts), counted in an idle
// moment after it. Counting reuses the per-block cache, so an edit recounts one paragraph.
import { Extension, type AnyExtension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { countWords } from '../../core/wordCount';
import { transactionOrigin, type Origin } from '../../core/metrics/provenance';
import { recordWords } from './provenance';

export interface ProvenanceOptions {
  onWords: (origin: Origin, words: number) => void;
  /** When the counting runs. By default in an idle moment (see below); tests pass their own. */
  defer: (run: () => void) => void;
}

// A transaction's words are counted in an idle moment, not in the keystroke's task: the tally feeds the stats, which
// update once a second at most, and the first count in a page pays for loading ICU's data (~45 ms): on a book just
// opened, that landed on the writer's first keystroke, before the section's own first count (idle) had run.
const whenIdle = (run: () => void) => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 1000 });
  else run();
};

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

interface Pending { origin: Origin; before: PMNode; after: PMNode }

export const Provenance = Extension.create<ProvenanceOptions>({
  name: 'longhandProvenance',
  addOptions() {
    return { onWords: () => {}, defer: whenIdle };
  },
  addStorage() {
    return { pending: [] as Pending[] };
  },
  onTransaction({ transaction }) {
    if (!transaction.docChanged) return;
    const origin = transactionOrigin(transaction);
    if (!origin) return; // stream frames, undo/redo: nothing to count, so no counting cost while streaming
    const pending = this.storage.pending as Pending[];
    pending.push({ origin, before: transaction.before, after: transaction.doc });
    if (pending.length === 1) this.options.defer(() => countPending(this.editor.storage, pending, this.options.onWords));
  },
  onDestroy() {
    // An editor going away (a section unmounted, the page switching documents) still counts what was typed in it.
    countPending(this.editor.storage, this.storage.pending as Pending[], this.options.onWords);
  },
});

/** Counts the queued transactions in order, each as it was made, and empties the queue. */
function countPending(storage: unknown, pending: Pending[], onWords: ProvenanceOptions['onWords']): void {
  const shared = (storage as Record<string, { cache?: WeakMap<PMNode, number> } | undefined>).longhandWordCount?.cache;
  const cache = shared ?? ownCounts;
  for (const { origin, before, after } of pending.splice(0)) {
    const added = netWords(before, after, cache);
    if (added > 0) onWords(origin, added);
  }
}

export function qualityExtensions(_sectionId: string): AnyExtension[] {
  return [Provenance.configure({ onWords: recordWords })];
}
