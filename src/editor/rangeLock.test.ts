// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '@tiptap/core';
import { baseExtensions } from './extensions';
import { RangeLock, lockMeta, lockedRange, lockedRanges } from './rangeLock';

let editor: Editor | null = null;
afterEach(() => { editor?.destroy(); editor = null; });

function make(html = '<p>The old man rowed out.</p><p>He caught nothing.</p>', onBlocked = vi.fn()) {
  editor = new Editor({
    extensions: [...baseExtensions(), RangeLock.configure({ onBlocked, allow: (tr) => tr.getMeta('addToHistory') === false })],
    content: html,
  });
  return { editor, onBlocked };
}

/** Position of the first character of `needle` in the document. */
function posOf(e: Editor, needle: string): number {
  let at = -1;
  e.state.doc.descendants((n, pos) => {
    if (at < 0 && n.isText && n.text!.includes(needle)) at = pos + n.text!.indexOf(needle);
  });
  return at;
}

function lock(e: Editor, id: string, needle: string) {
  const from = posOf(e, needle);
  e.view.dispatch(lockMeta.add(e.state.tr, id, from, from + needle.length));
}

describe('RangeLock', () => {
  it('rejects typing, deleting and formatting inside a locked range and reports it', () => {
    const { editor: e, onBlocked } = make();
    lock(e, 'r1', 'old man');
    const before = e.getHTML();
    const inside = posOf(e, 'man');
    e.commands.insertContentAt(inside, 'X');
    e.chain().setTextSelection({ from: posOf(e, 'The'), to: posOf(e, 'rowed') }).deleteSelection().run();
    e.chain().setTextSelection({ from: inside, to: inside + 3 }).toggleBold().run();
    expect(e.getHTML()).toBe(before);
    expect(onBlocked).toHaveBeenCalled();
  });

  it('lets edits elsewhere through and maps the locked range through them', () => {
    const { editor: e } = make();
    lock(e, 'r1', 'old man');
    e.commands.insertContentAt(posOf(e, 'The'), 'Once, ');
    e.commands.insertContentAt(posOf(e, 'nothing'), 'almost ');
    const r = lockedRange(e.state, 'r1')!;
    expect(e.state.doc.textBetween(r.from, r.to)).toBe('old man');
    expect(r.stale).toBe(false);
    // Right at either edge is outside the lock.
    e.commands.insertContentAt(r.from, 'very ');
    e.commands.insertContentAt(lockedRange(e.state, 'r1')!.to, ' indeed');
    const r2 = lockedRange(e.state, 'r1')!;
    expect(e.state.doc.textBetween(r2.from, r2.to)).toBe('old man');
    expect(e.getText()).toContain('Once, The very old man indeed rowed out.');
  });

  it('keeps several locks at once and releases one without the others', () => {
    const { editor: e } = make();
    lock(e, 'a', 'old man');
    lock(e, 'b', 'caught');
    expect(lockedRanges(e.state).map((r) => r.id)).toEqual(['a', 'b']);
    e.view.dispatch(lockMeta.remove(e.state.tr, 'a'));
    expect(lockedRanges(e.state).map((r) => r.id)).toEqual(['b']);
    e.commands.insertContentAt(posOf(e, 'man'), 'X');
    expect(e.getText()).toContain('old Xman');
  });

  it('lets an allowed programmatic transaction through and marks the range stale', () => {
    const { editor: e } = make();
    lock(e, 'r1', 'old man');
    const at = posOf(e, 'man');
    e.view.dispatch(e.state.tr.insertText('X', at).setMeta('addToHistory', false));
    expect(e.getText()).toContain('old Xman');
    expect(lockedRange(e.state, 'r1')!.stale).toBe(true);
  });

  it('lets the applying transaction replace the locked text and drops the lock, undoable in one step', () => {
    const { editor: e } = make();
    lock(e, 'r1', 'old man');
    const original = e.getJSON();
    const r = lockedRange(e.state, 'r1')!;
    e.view.dispatch(lockMeta.apply(e.state.tr.insertText('fisherman', r.from, r.to), 'r1'));
    expect(e.getText()).toContain('The fisherman rowed out.');
    expect(lockedRanges(e.state)).toEqual([]);
    e.commands.undo();
    expect(e.getJSON()).toEqual(original);
  });

  it('draws the locked text with a class', () => {
    const { editor: e } = make();
    lock(e, 'r1', 'old man');
    const el = e.view.dom.querySelector('.range-locked');
    expect(el?.textContent).toBe('old man');
  });
});
