// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { closeHistory } from '@tiptap/pm/history';
import { TextSelection } from '@tiptap/pm/state';
import { baseExtensions } from '../../editor/extensions';
import { docToMarkdown, markdownToDoc } from '../../editor/markdown';
import { commandRange, contextAround, rangeMarkdown, replaceWithMarkdown, trimRange, wholeRange } from './passage';

let editor: Editor | null = null;
afterEach(() => { editor?.destroy(); editor = null; });

const MD = 'It was dawn.\n\nThe **old** man rowed *far* out. He caught nothing.\n\nThen silence.';
function make(md = MD) {
  editor = new Editor({ extensions: baseExtensions(), content: markdownToDoc(md) as never });
  return editor;
}
function find(e: Editor, needle: string): { from: number; to: number } {
  const text = (from: number, to: number) => e.state.doc.textBetween(from, to, '\n', '\n');
  for (let from = 0; from < e.state.doc.content.size; from++) {
    for (let to = from + 1; to <= e.state.doc.content.size; to++) {
      const t = text(from, to);
      if (t === needle) return { from, to };
      if (!needle.startsWith(t)) break;
    }
  }
  throw new Error(`not found: ${needle}`);
}

describe('passage ranges', () => {
  it('gives the Markdown of a partial selection, marks included', () => {
    const e = make();
    const r = find(e, 'old man rowed far');
    expect(rangeMarkdown(e.state.doc, r.from, r.to)).toBe('**old** man rowed *far*');
  });

  it('trims edge whitespace and a triple-click that runs into the next paragraph', () => {
    const e = make();
    const r = find(e, ' man ');
    const t = trimRange(e.state.doc, r.from, r.to);
    expect(e.state.doc.textBetween(t.from, t.to)).toBe('man');
    const para = find(e, 'The old man rowed far out. He caught nothing.');
    const t2 = trimRange(e.state.doc, para.from, para.to + 2); // to = start of the next paragraph's text
    expect(e.state.doc.textBetween(t2.from, t2.to)).toBe('The old man rowed far out. He caught nothing.');
  });

  it('uses the paragraph around the cursor when nothing is selected', () => {
    const e = make();
    const at = find(e, 'caught').from;
    e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, at)));
    const r = commandRange(e.state)!;
    expect(e.state.doc.textBetween(r.from, r.to)).toBe('The old man rowed far out. He caught nothing.');
  });

  it('gives the neighbouring paragraphs as context', () => {
    const e = make();
    const r = find(e, 'He caught nothing.');
    const ctx = contextAround(e.state.doc, r.from, r.to);
    expect(ctx.before).toBe('It was dawn.\n\nThe old man rowed far out. ');
    expect(ctx.after).toBe('\n\nThen silence.');
  });
});

describe('replaceWithMarkdown', () => {
  it('flows a one-paragraph answer into the surrounding text', () => {
    const e = make();
    const r = find(e, 'old man rowed far');
    e.view.dispatch(replaceWithMarkdown(e.state, r, 'aged **fisher** went', false));
    expect(docToMarkdown(e.getJSON())).toBe('It was dawn.\n\nThe aged **fisher** went out. He caught nothing.\n\nThen silence.');
  });

  it('keeps paragraph breaks, bold and italic of the answer', () => {
    const e = make();
    const r = find(e, 'He caught nothing.');
    e.view.dispatch(replaceWithMarkdown(e.state, r, 'He caught **nothing**.\n\nNot *one* fish.', false));
    expect(docToMarkdown(e.getJSON())).toBe(
      'It was dawn.\n\nThe **old** man rowed *far* out. He caught **nothing**.\n\nNot *one* fish.\n\nThen silence.');
  });

  it('replaces a selection across paragraphs', () => {
    const e = make();
    const r = find(e, 'dawn.\nThe old');
    e.view.dispatch(replaceWithMarkdown(e.state, r, 'morning. A young', false));
    expect(docToMarkdown(e.getJSON())).toBe('It was morning. A young man rowed *far* out. He caught nothing.\n\nThen silence.');
  });

  it('replaces a whole section, and one undo restores the original exactly', () => {
    const e = make();
    const original = e.getJSON();
    e.commands.insertContentAt(1, 'So. '); // typing just before must stay its own undo step
    const typed = e.getJSON();
    const tr = replaceWithMarkdown(e.state, wholeRange(e.state.doc), 'New *first*.\n\nNew second.', true);
    e.view.dispatch(closeHistory(tr));
    e.view.dispatch(closeHistory(e.state.tr));
    expect(docToMarkdown(e.getJSON())).toBe('New *first*.\n\nNew second.');
    e.commands.undo();
    expect(e.getJSON()).toEqual(typed);
    e.commands.undo();
    expect(e.getJSON()).toEqual(original);
  });
});
