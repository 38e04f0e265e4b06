// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { baseExtensions } from '../../editor/extensions';
import { Provenance } from './editorExtensions';

let editor: Editor | null = null;
afterEach(() => { editor?.destroy(); editor = null; });

function setup(content = '<p>Already here before.</p>', defer = (run: () => void) => run()) {
  const log: Array<[string, number]> = [];
  editor = new Editor({
    extensions: [...baseExtensions(), Provenance.configure({ onWords: (o, n) => log.push([o, n]), defer })],
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

  it('counts in a later moment, not in the edit: queued edits are counted in order, and a destroyed editor counts what is queued', () => {
    const runs: Array<() => void> = [];
    const { editor, log } = setup('<p>Already here before.</p>', (run) => runs.push(run));
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' one two');
    const tr = editor.state.tr.insertText(' three generated words', editor.state.doc.content.size - 1);
    tr.setMeta('longhand:origin', 'generated');
    editor.view.dispatch(tr);
    expect(log).toEqual([]);
    expect(runs).toHaveLength(1); // one deferred run for the whole queue
    runs[0]!();
    expect(log).toEqual([['typed', 2], ['generated', 3]]);
    editor.commands.insertContentAt(editor.state.doc.content.size - 1, ' four');
    expect(log).toHaveLength(2);
    editor.destroy();
    expect(log).toEqual([['typed', 2], ['generated', 3], ['typed', 1]]);
    runs[1]!(); // the idle moment after the editor went: nothing counted twice
    expect(log).toHaveLength(3);
  });
});
