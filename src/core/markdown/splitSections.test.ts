import { describe, expect, it } from 'vitest';
import { guessSectionLevel, splitMarkdownSections } from './splitSections';

describe('splitMarkdownSections', () => {
  it('makes one section per heading of the chosen level, keeping deeper headings in the body', () => {
    const md = '## One\nText one.\n\n### Sub\nMore.\n\n## Two\nText two.\n';
    expect(splitMarkdownSections(md, 2)).toEqual([
      { title: 'One', body: 'Text one.\n\n### Sub\nMore.' },
      { title: 'Two', body: 'Text two.' },
    ]);
  });
  it('keeps text before the first heading as an untitled first section', () => {
    const s = splitMarkdownSections('Front matter.\n\n# Chapter 1\nIt begins.', 1);
    expect(s).toEqual([{ title: '', body: 'Front matter.' }, { title: 'Chapter 1', body: 'It begins.' }]);
  });
  it('ignores heading-like lines inside fenced code', () => {
    const s = splitMarkdownSections('# A\n```\n# not a heading\n```\n# B\nx', 1);
    expect(s.map((x) => x.title)).toEqual(['A', 'B']);
  });
  it('strips closing hashes and handles CRLF', () => {
    expect(splitMarkdownSections('## Title ##\r\nbody', 2)).toEqual([{ title: 'Title', body: 'body' }]);
  });
  it('returns the whole text as one untitled section when there is no heading', () => {
    expect(splitMarkdownSections('just text', 2)).toEqual([{ title: '', body: 'just text' }]);
  });
});

describe('guessSectionLevel', () => {
  it('picks the shallowest repeated level', () => {
    expect(guessSectionLevel('# Book\n## A\n## B\n### c')).toBe(2);
    expect(guessSectionLevel('# A\n# B')).toBe(1);
    expect(guessSectionLevel('# Book\n\n## Only chapter')).toBe(2);
    expect(guessSectionLevel('no headings')).toBe(2);
  });
});
