import { describe, expect, it } from 'vitest';
import { bibleToMarkdown, resolveBibleEntries, takeBibleMarkdown } from './bibleMarkdown';
import { documentToMarkdown } from '../markdown/exportMarkdown';
import type { BibleEntry } from '../bible/types';

const entry = (over: Partial<BibleEntry>): BibleEntry => ({
  id: 'b', kind: 'character', name: 'Name', aliases: [], description: '', progressions: [], alwaysInclude: false,
  createdAt: 1, updatedAt: 1, ...over,
});
const sections = [{ id: 's1', title: 'Arrival' }, { id: 's2', title: 'The Storm (part one)' }, { id: 's3', title: '' }];

describe('story bible in Markdown', () => {
  const entries = [
    entry({ id: 'b1', name: 'Elspeth Morrow', aliases: ['Ellie', 'Els'], description: 'Grey eyes.\n\n# Not a heading\n- Kind: not a field',
      progressions: [{ sectionId: 's2', text: 'Blind in one eye.' }, { sectionId: 'gone', text: 'lost' }] }),
    entry({ id: 'b2', kind: 'rule', name: 'Narrator', description: 'First person, past tense.', alwaysInclude: true }),
    entry({ id: 'b3', kind: 'place', name: 'Kestrel Bay' }),
  ];

  it('round-trips entries after the sections of an exported document', () => {
    const md = documentToMarkdown('Book', [{ title: 'Arrival', markdown: 'She came.' }, { title: 'Story bible', markdown: 'A chapter of that name.' }])
      + '\n' + bibleToMarkdown(entries, sections);
    expect(md).toContain('### Elspeth Morrow\n\n- Kind: character\n- Aliases: Ellie, Els\n- From section 2 (The Storm part one): Blind in one eye.');
    const { rest, entries: parsed } = takeBibleMarkdown(md);
    // The writer's own "Story bible" chapter has no marker: it stays a chapter.
    expect(rest).toBe('# Book\n\n## Arrival\n\nShe came.\n\n## Story bible\n\nA chapter of that name.\n');
    let n = 0;
    const back = resolveBibleEntries(parsed!, ['n1', 'n2', 'n3'], () => `id${++n}`, 5);
    expect(back).toEqual([
      { id: 'id1', kind: 'character', name: 'Elspeth Morrow', aliases: ['Ellie', 'Els'], description: 'Grey eyes.\n\n# Not a heading\n- Kind: not a field',
        progressions: [{ sectionId: 'n2', text: 'Blind in one eye.' }], alwaysInclude: false, createdAt: 5, updatedAt: 5 },
      { id: 'id2', kind: 'rule', name: 'Narrator', aliases: [], description: 'First person, past tense.', progressions: [], alwaysInclude: true, createdAt: 5, updatedAt: 5 },
      { id: 'id3', kind: 'place', name: 'Kestrel Bay', aliases: [], description: '', progressions: [], alwaysInclude: false, createdAt: 5, updatedAt: 5 },
    ]);
  });

  it('leaves a file without the marked section alone and exports nothing for an empty bible', () => {
    expect(takeBibleMarkdown('# T\n\n## Story bible\n\n### A\n\n- Kind: place\n')).toEqual({ rest: '# T\n\n## Story bible\n\n### A\n\n- Kind: place\n', entries: null });
    expect(bibleToMarkdown([], sections)).toBe('');
  });

  it('reads a hand-edited section: CRLF, unknown kinds, progressions past the last section', () => {
    const md = '## Ch 1\r\n\r\nText.\r\n\r\n## Story bible\r\n<!-- longhand:story-bible -->\r\n### Ship\r\n* kind: vessel\r\n* From section 9: sinks\r\n* From section 1: afloat\r\nThe Kestrel.\r\n';
    const { rest, entries: parsed } = takeBibleMarkdown(md);
    expect(rest).toBe('## Ch 1\n\nText.\n');
    expect(parsed).toEqual([{ kind: 'thing', name: 'Ship', aliases: [], alwaysInclude: false, description: 'The Kestrel.',
      progressions: [{ section: 9, text: 'sinks' }, { section: 1, text: 'afloat' }] }]);
    expect(resolveBibleEntries(parsed!, ['a'], () => 'x', 0)[0]!.progressions).toEqual([{ sectionId: 'a', text: 'afloat' }]);
  });
});
