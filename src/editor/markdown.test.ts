import { describe, expect, it } from 'vitest';
import { docToMarkdown, docToText, markdownToDoc } from './markdown';

describe('markdown conversion', () => {
  it('renders emphasis, lists and headings as rich nodes, never raw markers', () => {
    const doc = markdownToDoc('A **bold** and *soft* line.\n\n- one\n- two\n\n## Part');
    const text = JSON.stringify(doc);
    expect(text).toContain('"type":"bold"');
    expect(text).toContain('"type":"bulletList"');
    expect(text).toContain('"type":"heading"');
    expect(docToText(doc)).not.toMatch(/\*\*|##/);
  });
  it('joins hard-wrapped lines of a paragraph with a space', () => {
    expect(docToText(markdownToDoc('It is a truth\nuniversally acknowledged.'))).toBe('It is a truth universally acknowledged.');
  });
  it('round-trips its own output exactly', () => {
    const md = 'First *para*\ncontinues.\n\n> quoted\n\n1. a\n2. b\n\nA [link](https://example.com) and `code`.';
    const once = docToMarkdown(markdownToDoc(md));
    expect(docToMarkdown(markdownToDoc(once))).toBe(once);
  });
  it('gives empty Markdown for an empty document', () => {
    expect(docToMarkdown(markdownToDoc(''))).toBe('');
  });
});
