// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { Editor } from '@tiptap/core';
import { baseExtensions } from '../../editor/extensions';
import { fixInstruction, quoteRange } from './service';
import { parseAliases, searchEntries } from './entries';
import type { BibleEntry } from '../../core/bible/types';

let editor: Editor | null = null;
afterEach(() => { editor?.destroy(); editor = null; });

const entry = (over: Partial<BibleEntry>): BibleEntry => ({
  id: 'b1', kind: 'character', name: 'Elspeth Morrow', aliases: ['Ellie'], description: 'Grey eyes.', progressions: [],
  alwaysInclude: false, createdAt: 0, updatedAt: 0, ...over,
});

describe('story bible service helpers', () => {
  it('finds a quoted sentence in the editor across marks, typographic quotes and paragraphs', () => {
    editor = new Editor({ extensions: baseExtensions(), content: '<p>The sea was calm.</p><p>Ellie looked up with her <em>brown</em> eyes. “Go,” she said.</p>' });
    const doc = editor.state.doc;
    const r = quoteRange(doc, 'Ellie looked up with her brown eyes.')!;
    expect(doc.textBetween(r.from, r.to)).toBe('Ellie looked up with her brown eyes.');
    const q = quoteRange(doc, '"Go," she said')!;
    expect(doc.textBetween(q.from, q.to)).toBe('“Go,” she said');
    expect(quoteRange(doc, 'Ellie looked down.')).toBeNull();
  });

  it('asks a Fix to follow the entry as it stands at the section (progressions applied)', () => {
    const e = entry({ progressions: [{ sectionId: 's2', text: 'Blind in one eye.' }] });
    const c = { entryId: 'b1', entryName: 'Elspeth Morrow', quote: 'x', explanation: 'Her eyes are grey.' };
    expect(fixInstruction(e, c, 's1', ['s1', 's2'])).toBe('Make this consistent with the story bible: Elspeth Morrow: Grey eyes.');
    expect(fixInstruction(e, c, 's2', ['s1', 's2'])).toContain('Grey eyes.');
    expect(fixInstruction(e, c, 's2', ['s1', 's2'])).toContain('Blind in one eye.');
    expect(fixInstruction(undefined, c, 's1', [])).toBe('Make this consistent with the story bible: Elspeth Morrow: Her eyes are grey.');
  });

  it('parses comma-separated aliases and searches names, aliases, kinds and descriptions', () => {
    expect(parseAliases(' Ellie, Els ,, Ellie ')).toEqual(['Ellie', 'Els']);
    const list = [entry({}), entry({ id: 'b2', kind: 'place', name: 'Kestrel Bay', aliases: [], description: 'A cold harbour.' })];
    expect(searchEntries(list, 'ELLIE').map((e) => e.id)).toEqual(['b1']);
    expect(searchEntries(list, 'cold place').map((e) => e.id)).toEqual(['b2']);
    expect(searchEntries(list, '  ').map((e) => e.id)).toEqual(['b1', 'b2']);
  });
});
