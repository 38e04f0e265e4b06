// @vitest-environment jsdom
// The host throttles counts from streamed frames and publishes others at once; it tells them apart by the
// transaction WordCount hands it.
import { describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import type { Transaction } from '@tiptap/pm/state';
import { baseExtensions } from './extensions';
import { WordCount } from './wordCount';
import { countWords } from '../core/wordCount';
import { createStreamRenderer, STREAMING_META } from './streaming';
import { docToMarkdown, markdownToDoc } from './markdown';

describe('WordCount onCount', () => {
  it('passes the transaction, so streamed frames are told from the final commit', () => {
    const calls: Array<{ words: number; streamed: boolean | undefined }> = [];
    const editor = new Editor({
      element: document.createElement('div'),
      extensions: [...baseExtensions(), WordCount.configure({
        count: countWords,
        onCount: (words: number, tr?: Transaction) => calls.push({ words, streamed: tr ? !!tr.getMeta(STREAMING_META) : undefined }),
      })],
    });
    const r = createStreamRenderer(editor, { mode: 'replace', toDoc: markdownToDoc, toMarkdown: docToMarkdown, schedule: (cb) => { cb(); return () => {}; } });
    r.push('One two');
    r.push('One two three four');
    r.commit('One two three four five');
    // (The initial count comes from onCreate, which TipTap runs later; only transactions' counts here.)
    expect(calls.slice(0, 2)).toEqual([{ words: 2, streamed: true }, { words: 4, streamed: true }]);
    expect(calls[calls.length - 1]).toEqual({ words: 5, streamed: false });
    editor.destroy();
  });

  it('the first count waits for an idle moment; an edit before it is counted by it, not by the keystroke', async () => {
    const idle: Array<() => void> = [];
    const g = globalThis as unknown as { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };
    g.requestIdleCallback = (cb: () => void) => idle.push(cb);
    g.cancelIdleCallback = (h: number) => { idle[h - 1] = () => {}; };
    try {
      const calls: number[] = [];
      const make = () => new Editor({
        element: document.createElement('div'), content: '<p>one two three</p>',
        extensions: [...baseExtensions(), WordCount.configure({ count: countWords, onCount: (w: number) => calls.push(w) })],
      });
      const a = make();
      await new Promise((r) => setTimeout(r, 0)); // TipTap runs onCreate after a tick
      expect(calls).toEqual([]);
      expect(idle).toHaveLength(1);
      idle[0]!();
      expect(calls).toEqual([3]);
      a.destroy();
      calls.length = 0;
      const b = make();
      await new Promise((r) => setTimeout(r, 0));
      b.commands.insertContentAt(b.state.doc.content.size - 1, ' four');
      expect(calls).toEqual([]);
      idle[1]!();
      expect(calls).toEqual([4]);
      b.commands.insertContentAt(b.state.doc.content.size - 1, ' five');
      expect(calls).toEqual([4, 5]);
      b.destroy();
    } finally {
      delete g.requestIdleCallback;
      delete g.cancelIdleCallback;
    }
  });

  it('a change the host lets wait, made before TipTap has even run onCreate, is counted by the first count, not in its own task', async () => {
    const idle: Array<() => void> = [];
    const g = globalThis as unknown as { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };
    g.requestIdleCallback = (cb: () => void) => idle.push(cb);
    g.cancelIdleCallback = () => {};
    try {
      const calls: number[] = [];
      const counted: string[] = [];
      const make = (wait: boolean) => new Editor({
        element: document.createElement('div'), content: '<p>one two three</p><p>untouched words here</p>',
        extensions: [...baseExtensions(), WordCount.configure({
          count: (t: string) => { counted.push(t); return countWords(t); },
          onCount: (w: number) => calls.push(w),
          waitForFirstCount: (tr) => wait && !tr.getMeta('service'),
        })],
      });
      const typed = make(true);
      typed.commands.insertContentAt(4, ' four'); // before onCreate: no count of the section in this task
      expect(counted).toEqual([]);
      expect(calls).toEqual([]);
      await new Promise((r) => setTimeout(r, 0));
      idle[0]!();
      expect(calls).toEqual([7]);
      typed.commands.insertContentAt(4, ' five'); // after the first count: this paragraph, at once
      expect(calls).toEqual([7, 8]);
      typed.destroy();
      // A change the host does not let wait (a service reads the count right after its edit) is counted at once.
      calls.length = 0;
      const service = make(true);
      service.view.dispatch(service.state.tr.insertText(' four', 4).setMeta('service', true));
      expect(calls).toEqual([7]);
      service.destroy();
    } finally {
      await new Promise((r) => setTimeout(r, 0)); // the editors' onCreate tick, which would otherwise land in the next test
      delete g.requestIdleCallback;
      delete g.cancelIdleCallback;
    }
  });

  it('a long first count runs in idle slices and ends with the whole section', async () => {
    const idle: Array<(d: IdleDeadline) => void> = [];
    const g = globalThis as unknown as { requestIdleCallback?: unknown; cancelIdleCallback?: unknown };
    g.requestIdleCallback = (cb: (d: IdleDeadline) => void) => idle.push(cb);
    g.cancelIdleCallback = () => {};
    try {
      const calls: number[] = [];
      const editor = new Editor({
        element: document.createElement('div'), content: '<p>a b</p><p>c d</p><p>e f</p>',
        extensions: [...baseExtensions(), WordCount.configure({ count: countWords, onCount: (w: number) => calls.push(w) })],
      });
      await new Promise((r) => setTimeout(r, 0));
      const spent: IdleDeadline = { didTimeout: false, timeRemaining: () => 0 };
      idle[0]!(spent); // one block, then out of time
      expect(calls).toEqual([]);
      expect(idle).toHaveLength(2);
      idle[1]!(spent);
      idle[2]!(spent);
      expect(calls).toEqual([6]);
      editor.destroy();
    } finally {
      delete g.requestIdleCallback;
      delete g.cancelIdleCallback;
    }
  });
});
