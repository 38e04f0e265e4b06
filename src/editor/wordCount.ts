// Live word count for one section editor. The counting policy is injected (the core counter), and counts are
// cached per top-level block: ProseMirror reuses unchanged nodes between transactions, so a keystroke only
// recounts the paragraph it touched — cost per keystroke is one paragraph, not the section or the book.
import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';

export interface WordCountOptions {
  count: (text: string) => number;
  /** `transaction` is the change that moved the count (absent for the initial count), so the host can tell a
   * streamed frame (throttled) from a keystroke or a commit. */
  onCount: (words: number, transaction?: Transaction) => void;
}

export function countDocWords(doc: PMNode, count: (t: string) => number, cache: WeakMap<PMNode, number>): number {
  let total = 0;
  doc.forEach((block) => {
    let n = cache.get(block);
    if (n === undefined) {
      n = count(block.textBetween(0, block.content.size, '\n', '\n'));
      cache.set(block, n);
    }
    total += n;
  });
  return total;
}

export const WordCount = Extension.create<WordCountOptions>({
  name: 'longhandWordCount',
  addOptions() {
    return { count: () => 0, onCount: () => {} };
  },
  addStorage() {
    return { words: 0, cache: new WeakMap<PMNode, number>(), cancelInitial: null as (() => void) | null };
  },
  onCreate() {
    // The first count of a long chapter (tens of ms) waits for an idle moment: opening a book shows the editor
    // and takes the first keystroke without it. The stored count stands until then; a transaction before it
    // counts (and fills the cache) itself.
    const run = () => {
      this.storage.cancelInitial = null;
      if (this.editor.isDestroyed) return;
      this.storage.words = countDocWords(this.editor.state.doc, this.options.count, this.storage.cache);
      this.options.onCount(this.storage.words);
    };
    if (typeof requestIdleCallback !== 'function') { run(); return; }
    const handle = requestIdleCallback(run, { timeout: 1000 });
    this.storage.cancelInitial = () => cancelIdleCallback(handle);
  },
  onDestroy() {
    this.storage.cancelInitial?.();
  },
  onTransaction({ transaction }) {
    if (!transaction.docChanged) return;
    if (this.storage.cancelInitial) {
      this.storage.cancelInitial();
      this.storage.cancelInitial = null;
      this.storage.words = -1; // publish whatever this transaction counts
    }
    const words = countDocWords(this.editor.state.doc, this.options.count, this.storage.cache);
    if (words === this.storage.words) return;
    this.storage.words = words;
    this.options.onCount(words, transaction);
  },
});
