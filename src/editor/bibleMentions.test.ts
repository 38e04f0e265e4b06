// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Editor } from '@tiptap/core';
import { baseExtensions } from './extensions';
import { BibleMentions, bibleMentionsKey } from './bibleMentions';
import { createMentionMatcher } from '../core/bible/mentions';
import type { BibleEntry } from '../core/bible/types';

let editor: Editor | null = null;
afterEach(() => { editor?.destroy(); editor = null; vi.useRealTimers(); });

const entry = (id: string, name: string, aliases: string[] = [], description = ''): BibleEntry => ({
  id, kind: 'character', name, aliases, description, progressions: [], alwaysInclude: false, createdAt: 0, updatedAt: 0,
});

function make(html: string, initial: BibleEntry[]) {
  let entries: readonly BibleEntry[] = initial;
  const listeners = new Set<() => void>();
  const scanned: string[] = [];
  editor = new Editor({
    extensions: [...baseExtensions(), BibleMentions.configure({
      entries: () => entries,
      matcher: (list) => {
        const m = createMentionMatcher(list);
        return { find: (text) => { scanned.push(text); return m.find(text); } };
      },
      subscribe: (cb) => { listeners.add(cb); return () => listeners.delete(cb); },
    })],
    content: html,
  });
  const set = (next: BibleEntry[]) => { entries = next; listeners.forEach((l) => l()); };
  return { editor, scanned, set };
}

/** [text, title] of each mark, in order. */
function marks(e: Editor): Array<[string, string]> {
  const decos = bibleMentionsKey.getState(e.state)!.decos.find();
  return decos.sort((a, b) => a.from - b.from)
    .map((d) => [e.state.doc.textBetween(d.from, d.to), ((d as unknown as { type: { attrs: Record<string, string> } }).type.attrs.title)]);
}

function posOf(e: Editor, needle: string): number {
  let at = -1;
  e.state.doc.descendants((n, pos) => { if (at < 0 && n.isText && n.text!.includes(needle)) at = pos + n.text!.indexOf(needle); });
  return at;
}

describe('BibleMentions', () => {
  it('marks names and aliases (possessives, any case) with the entry as title, not names inside words', () => {
    const { editor: e } = make('<p>Ellie’s boat left. ELSPETH MORROW waved at Elliesworth.</p><p>The <strong>Kestrel</strong> sank.</p>',
      [entry('b1', 'Elspeth Morrow', ['Ellie'], 'Grey eyes.'), entry('b2', 'Kestrel', [], 'A ship.')]);
    expect(marks(e)).toEqual([
      ['Ellie’s', 'Elspeth Morrow (character): Grey eyes.'],
      ['ELSPETH MORROW', 'Elspeth Morrow (character): Grey eyes.'],
      ['Kestrel', 'Kestrel (character): A ship.'],
    ]);
    const dom = e.view.dom.querySelector('.bible-mention')!;
    expect(dom.getAttribute('aria-description')).toBe('Story bible: Elspeth Morrow (character): Grey eyes.');
  });

  it('scans only the paragraph a keystroke changed, and keeps the other marks in place', () => {
    const paras = Array.from({ length: 50 }, (_, i) => `<p>Paragraph ${i} where Ellie walks.</p>`).join('');
    const { editor: e, scanned } = make(paras, [entry('b1', 'Elspeth Morrow', ['Ellie'])]);
    expect(marks(e)).toHaveLength(50);
    scanned.length = 0;
    e.commands.insertContentAt(posOf(e, 'Paragraph 7 ') + 'Paragraph 7 '.length, 'and Elspeth Morrow ');
    expect(scanned).toEqual(['Paragraph 7 and Elspeth Morrow where Ellie walks.']);
    expect(marks(e)).toHaveLength(51);
    // Typing inside a mention unmarks it (it is no longer the name).
    scanned.length = 0;
    e.commands.insertContentAt(posOf(e, 'llie walks.') + 2, 'x');
    expect(scanned).toHaveLength(1);
    expect(marks(e)).toHaveLength(50);
    expect(marks(e).map(([t]) => t)).toContain('Elspeth Morrow');
  });

  it('re-marks when the entries change: a new alias rescans, a new description only retitles', async () => {
    vi.useFakeTimers();
    const { editor: e, scanned, set } = make('<p>Ellie met Els at the Kestrel.</p>', [entry('b1', 'Elspeth Morrow', ['Ellie'], 'Grey eyes.')]);
    expect(marks(e).map(([t]) => t)).toEqual(['Ellie']);
    scanned.length = 0;
    set([entry('b1', 'Elspeth Morrow', ['Ellie'], 'Blind in one eye.')]);
    await vi.advanceTimersByTimeAsync(200);
    expect(scanned).toEqual([]);
    expect(marks(e)).toEqual([['Ellie', 'Elspeth Morrow (character): Blind in one eye.']]);
    set([entry('b1', 'Elspeth Morrow', ['Ellie', 'Els'], 'Blind in one eye.'), entry('b2', 'Kestrel')]);
    await vi.advanceTimersByTimeAsync(200);
    expect(marks(e).map(([t]) => t)).toEqual(['Ellie', 'Els', 'Kestrel']);
    set([]);
    await vi.advanceTimersByTimeAsync(200);
    expect(marks(e)).toEqual([]);
  });

  it('maps marks across a hard break and keeps undo history free of its refreshes', async () => {
    vi.useFakeTimers();
    const { editor: e, set } = make('<p>Hello<br>Ellie there</p>', [entry('b1', 'Elspeth Morrow', ['Ellie'])]);
    expect(marks(e).map(([t]) => t)).toEqual(['Ellie']);
    set([entry('b1', 'Elspeth Morrow', ['Ellie'], 'x')]);
    await vi.advanceTimersByTimeAsync(200);
    expect(e.can().undo()).toBe(false);
  });

  it('reports the entry under the cursor when it changes', () => {
    const seen: Array<string | null> = [];
    editor = new Editor({
      extensions: [...baseExtensions(), BibleMentions.configure({
        entries: () => [entry('b1', 'Elspeth Morrow', ['Ellie'])], matcher: createMentionMatcher, onCursorEntry: (id) => seen.push(id),
      })],
      content: '<p>Then Ellie rowed out.</p>',
    });
    const e = editor;
    e.commands.setTextSelection(posOf(e, 'llie'));
    e.commands.setTextSelection(posOf(e, 'lie'));
    e.commands.setTextSelection(posOf(e, 'rowed'));
    expect(seen).toEqual(['b1', null]);
  });
});
