// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { baseExtensions } from '../../editor/extensions';
import { Provenance } from './editorExtensions';

let editor: Editor | null = null;
afterEach(() => { editor?.destroy(); editor = null; });

function setup(content = '<p>Already here before.</p>') {
  const log: Array<[string, number]> = [];
  editor = new Editor({
    extensions: [...baseExtensions(), Provenance.configure({ onWords: (o, n) => log.push([o, n]) })],
    content,
  });
  return { editor, log };
}

describe('Provenance extension', () => {
  it('does not count the text an editor opens with', () => {
    const { log } = setup();
    expect(log).toEqual([]);
  });

  it('counts typed words, and words from a transaction marked generated as generated', () => {
    const { editor, log } = setup();
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' three more words');
    const tr = editor.state.tr.insertText(' and five generated words here', editor.state.doc.content.size - 1);
    tr.setMeta('longhand:origin', 'generated');
    editor.view.dispatch(tr);
    expect(log).toEqual([['typed', 3], ['generated', 5]]);
  });

  it('counts a stream once, at its commit; deletions and undo count as nothing', () => {
    const { editor, log } = setup();
    const end = editor.state.doc.content.size - 1;
    const chunk = editor.state.tr.insertText(' streamed two', end);
    chunk.setMeta('addToHistory', false).setMeta('longhand:streaming', true);
    editor.view.dispatch(chunk);
    const restore = editor.state.tr.delete(end, end + ' streamed two'.length);
    restore.setMeta('addToHistory', false).setMeta('longhand:streaming', true);
    editor.view.dispatch(restore);
    const commit = editor.state.tr.insertText(' streamed two', end);
    commit.setMeta('longhand:origin', 'generated');
    editor.view.dispatch(commit);
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' typed');
    editor.commands.deleteRange({ from: 1, to: 8 });
    editor.commands.undo();
    expect(log).toEqual([['generated', 2], ['typed', 1]]);
  });
});
