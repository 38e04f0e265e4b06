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
});
