import { describe, expect, it } from 'vitest';
import { documentToMarkdown, takeDocumentTitle } from './exportMarkdown';
import { guessSectionLevel, splitMarkdownSections } from './splitSections';

describe('documentToMarkdown', () => {
  it('writes the title and one heading per section, and re-imports to the same sections', () => {
    const sections = [
      { title: '', markdown: 'Front matter.' },
      { title: 'One', markdown: 'Text *one*.' },
      { title: 'Two', markdown: 'Text two.\n\n- a\n- b' },
    ];
    const md = documentToMarkdown('My Book', sections);
    expect(md).toBe('# My Book\n\nFront matter.\n\n## One\n\nText *one*.\n\n## Two\n\nText two.\n\n- a\n- b\n');
    const level = guessSectionLevel(md);
    expect(level).toBe(2);
    const { title, rest } = takeDocumentTitle(md, level);
    expect(title).toBe('My Book');
    expect(splitMarkdownSections(rest, level)).toEqual(sections.map((s) => ({ title: s.title, body: s.markdown })));
  });
  it('gives untitled later sections a heading so they are not merged on re-import', () => {
    expect(documentToMarkdown('', [{ title: 'A', markdown: 'x' }, { title: '', markdown: 'y' }])).toBe('## A\n\nx\n\n## Section 2\n\ny\n');
  });
});
