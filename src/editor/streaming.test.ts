// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor, type JSONContent } from '@tiptap/core';
import { undo } from '@tiptap/pm/history';
import { baseExtensions } from './extensions';
import { docToMarkdown, markdownToDoc } from './markdown';
import { createStreamRenderer, settledLength, joiner, ORIGIN_META, STREAMING_META } from './streaming';

const editors: Editor[] = [];
function makeEditor(markdown = '') {
  const editor = new Editor({ element: document.createElement('div'), extensions: baseExtensions(), content: markdown ? (markdownToDoc(markdown) as JSONContent) : '' });
  editors.push(editor);
  return editor;
}
// Destroy every editor: ProseMirror's DOM observer flushes on a timer, which would otherwise fire after jsdom
// is torn down and fail the run with "document is not defined".
afterEach(() => { editors.splice(0).forEach((e) => e.destroy()); });
const sync = (cb: () => void) => { cb(); return () => {}; };
const opts = (mode: 'replace' | 'continue') => ({ mode, toDoc: markdownToDoc, toMarkdown: docToMarkdown, schedule: sync });
const answer = '# Heading\n\nSome **bold** words and *soft* ones.\n\n- one\n- two\n\nLast paragraph ends here.';

function streamInto(editor: Editor, mode: 'replace' | 'continue', text: string, step = 5) {
  const r = createStreamRenderer(editor, opts(mode));
  const seen: string[] = [];
  for (let i = step; i < text.length + step; i += step) {
    r.push(text.slice(0, i));
    seen.push(editor.state.doc.textContent);
  }
  return { r, seen };
}

describe('stream renderer', () => {
  it('renders Markdown as rich text at every step: no raw ** or # left behind', () => {
    const editor = makeEditor();
    const { r, seen } = streamInto(editor, 'replace', answer);
    for (const t of seen) expect(t).not.toMatch(/\*\*|^#/);
    r.commit(answer);
    expect(editor.getJSON().content!.map((n) => n.type)).toEqual(['heading', 'paragraph', 'bulletList', 'paragraph']);
    expect(docToMarkdown(editor.getJSON())).toBe(answer);
  });

  it('shows no empty paragraph between settled blocks while streaming: the blank line ends a block, it is not one', () => {
    const editor = makeEditor();
    const text = 'First paragraph here.\n\nSecond paragraph here.\n\nThird one.';
    const r = createStreamRenderer(editor, opts('replace'));
    for (let i = 1; i <= text.length; i++) {
      r.push(text.slice(0, i));
      editor.state.doc.forEach((block, _offset, index) => {
        // The last block may be a paragraph just begun; every block before it has text.
        if (index < editor.state.doc.childCount - 1) expect(block.textContent, `after ${i} characters`).not.toBe('');
      });
    }
    r.commit(text);
    expect(editor.state.doc.childCount).toBe(3);
  });

  it('the whole generation is one undo step back to the original', () => {
    const editor = makeEditor('Old text that will be replaced.');
    const transactions: { history: unknown; origin: unknown; streaming: unknown }[] = [];
    editor.on('transaction', ({ transaction: t }) => transactions.push({ history: t.getMeta('addToHistory'), origin: t.getMeta(ORIGIN_META), streaming: t.getMeta(STREAMING_META) }));
    const { r } = streamInto(editor, 'replace', answer, 3);
    r.commit(answer);
    const recorded = transactions.filter((t) => t.history !== false);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.origin).toBe('generated');
    expect(transactions.filter((t) => t.streaming).length).toBeGreaterThan(10);
    undo(editor.state, editor.view.dispatch);
    expect(docToMarkdown(editor.getJSON())).toBe('Old text that will be replaced.');
    expect(undo(editor.state)).toBe(false);
  });

  it('continue mode joins a paragraph mid-sentence and keeps the blocks before it', () => {
    const editor = makeEditor('First paragraph.\n\nAnd then the');
    const { r } = streamInto(editor, 'continue', 'sea rolled on.\n\nA *new* paragraph.');
    r.commit('sea rolled on.\n\nA *new* paragraph.');
    expect(docToMarkdown(editor.getJSON())).toBe('First paragraph.\n\nAnd then the sea rolled on.\n\nA *new* paragraph.');
    undo(editor.state, editor.view.dispatch);
    expect(docToMarkdown(editor.getJSON())).toBe('First paragraph.\n\nAnd then the');
  });

  it('continue mode starting with a blank line appends new blocks', () => {
    const editor = makeEditor('Done.');
    const r = createStreamRenderer(editor, opts('continue'));
    r.push('\n\nNext part.');
    r.commit('\n\nNext part.');
    expect(docToMarkdown(editor.getJSON())).toBe('Done.\n\nNext part.');
  });

  it('an empty stream leaves the section as it was', () => {
    const editor = makeEditor('Keep me.');
    const r = createStreamRenderer(editor, opts('replace'));
    r.push('  ');
    r.commit('');
    expect(docToMarkdown(editor.getJSON())).toBe('Keep me.');
  });

  it('settles blocks only outside code fences; joins with a space only when needed', () => {
    expect(settledLength('a\n\nb')).toBe(3);
    expect(settledLength('a\n\n```\ncode\n\nmore')).toBe(3);
    expect(settledLength('no break')).toBe(0);
    expect(joiner('the', 'sea')).toBe(' ');
    expect(joiner('the', ', then')).toBe('');
    expect(joiner('the ', 'sea')).toBe('');
  });

  it('commit renders text still waiting for its frame: a stop between frames loses nothing', () => {
    const editor = makeEditor();
    let frames = 0;
    const never = () => { frames++; return () => {}; }; // the frame never comes
    const r = createStreamRenderer(editor, { mode: 'replace', toDoc: markdownToDoc, toMarkdown: docToMarkdown, schedule: never });
    r.push('First words');
    r.push('First words and the last ones');
    expect(editor.state.doc.textContent).toBe('');
    expect(frames).toBe(1); // one frame asked for, however many pushes
    r.commit('First words and the last ones');
    expect(editor.state.doc.textContent).toBe('First words and the last ones');
  });

  it('settledLength from an earlier settled index agrees with a scan from the start', () => {
    const md = 'One.\n\nTwo.\n\n```\nfence\n\ninside\n```\n\nThree\n\nfour';
    let from = 0;
    for (let i = 1; i <= md.length; i++) {
      const whole = settledLength(md.slice(0, i));
      from = settledLength(md.slice(0, i), from);
      expect(from).toBe(whole);
    }
  });

  it('parses only the open tail while streaming: no render re-parses the settled text', () => {
    const editor = makeEditor();
    const parsed: number[] = [];
    const toDoc = (md: string) => { parsed.push(md.length); return markdownToDoc(md); };
    const r = createStreamRenderer(editor, { mode: 'replace', toDoc, toMarkdown: docToMarkdown, schedule: sync });
    const para = 'The sea rolled on and the whale rolled slowly over in the sun. '.repeat(3).trim();
    const text = Array.from({ length: 60 }, (_, i) => `${i}. ${para}`.replace(/^(\d+)\./, 'Part $1:')).join('\n\n');
    for (let i = 7; i < text.length + 7; i += 7) r.push(text.slice(0, i));
    // Every parse during the stream is at most a paragraph and a bit, though the text grows to ~12,000 characters.
    expect(Math.max(...parsed)).toBeLessThan(para.length + 40);
    parsed.length = 0;
    r.commit(text);
    expect(docToMarkdown(editor.getJSON())).toBe(text);
  });
});

describe('frame queue', () => {
  it('renders one stream per frame, oldest first, each at most once per interval', async () => {
    const { createFrameQueue } = await import('./streaming');
    const frames: Array<() => void> = [];
    const g = globalThis as unknown as { requestAnimationFrame: (cb: () => void) => number };
    const orig = g.requestAnimationFrame;
    g.requestAnimationFrame = (cb) => { frames.push(cb); return frames.length; };
    try {
      const q = createFrameQueue(0, 0);
      const ran: string[] = [];
      const a = {}, b = {};
      q(a, () => ran.push('a'));
      q(b, () => ran.push('b'));
      q(a, () => ran.push('a2')); // replaces a's pending render, keeps its place
      frames.shift()!();
      expect(ran).toEqual(['a2']);
      frames.shift()!();
      expect(ran).toEqual(['a2', 'b']);
    } finally {
      g.requestAnimationFrame = orig;
    }
  });

  it('does not ask for frames while no render is due: it sleeps until the next one may run', async () => {
    const { createFrameQueue } = await import('./streaming');
    vi.useFakeTimers();
    const frames: Array<() => void> = [];
    const g = globalThis as unknown as { requestAnimationFrame: (cb: () => void) => number };
    const orig = g.requestAnimationFrame;
    g.requestAnimationFrame = (cb) => { frames.push(cb); return frames.length; };
    try {
      const q = createFrameQueue(150, 30);
      const ran: number[] = [];
      const a = {};
      q(a, () => ran.push(1));
      expect(frames).toHaveLength(1); // a first render is due at once
      frames.shift()!();
      expect(ran).toEqual([1]);
      q(a, () => ran.push(2)); // the next may run only 150 ms after the first
      expect(frames).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(100);
      expect(frames).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(60);
      expect(frames).toHaveLength(1);
      frames.shift()!();
      expect(ran).toEqual([1, 2]);
    } finally {
      g.requestAnimationFrame = orig;
      vi.useRealTimers();
    }
  });
});
