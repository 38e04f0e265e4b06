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
  /**
   * True for a change that the section's first count, still to come, may take in, rather than counting the whole
   * section in the change's own task. TipTap schedules onCreate (which schedules that count) a task after the
   * editor exists, so a keystroke made at once on a book just opened counted the whole chapter (62 ms, with ICU's
   * first load, in a traced open of Moby-Dick). The host says which changes may wait: its typing, whose counts it
   * publishes in an idle moment anyway, and not a service's edit, whose count it reads at once.
   */
  waitForFirstCount: (transaction: Transaction) => boolean;
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
    return { count: () => 0, onCount: () => {}, waitForFirstCount: () => false };
  },
  addStorage() {
    return { words: 0, cache: new WeakMap<PMNode, number>(), cancelInitial: null as (() => void) | null, counted: false };
  },
  onCreate() {
    // The first count of a long chapter (tens of ms, more on a loaded machine) runs in idle slices, a few blocks
    // each until the slice's deadline: opening a book shows the editor and takes keystrokes without waiting for
    // it, and no slice is long enough to hold a keystroke back. The stored count stands until then; edits made
    // meanwhile are counted by the last slice (its blocks are cached per node, so changed ones are recounted).
    const run = (deadline?: IdleDeadline) => {
      this.storage.cancelInitial = null;
      if (this.editor.isDestroyed) return;
      const { doc } = this.editor.state;
      const cache = this.storage.cache as WeakMap<PMNode, number>;
      for (let i = 0, counted = 0; deadline && i < doc.childCount; i++) {
        const block = doc.child(i);
        if (cache.has(block)) continue;
        // At least one block a slice, so a busy page still finishes.
        if (counted++ > 0 && deadline.timeRemaining() < 1) {
          const handle = requestIdleCallback(run, { timeout: 1000 });
          this.storage.cancelInitial = () => cancelIdleCallback(handle);
          return;
        }
        cache.set(block, this.options.count(block.textBetween(0, block.content.size, '\n', '\n')));
      }
      this.storage.words = countDocWords(doc, this.options.count, cache);
      this.storage.counted = true;
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
    // The first count is still going in idle slices: it counts this edit too when it ends (counting the whole
    // section here would put that cost on this keystroke).
    if (this.storage.cancelInitial) return;
    if (!this.storage.counted && this.options.waitForFirstCount(transaction)) return;
    const words = countDocWords(this.editor.state.doc, this.options.count, this.storage.cache);
    if (words === this.storage.words) return;
    this.storage.words = words;
    this.options.onCount(words, transaction);
  },
});
