import { describe, expect, it } from 'vitest';
import { documentToHtml, documentToPlainText } from './textExport';
import { hasDangerousScheme } from './linkSafety';

const doc = {
  title: 'Book <One>', sections: [
    { title: '', doc: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Opening.' }] }] } },
    { title: 'Chapter 1', doc: { type: 'doc', content: [
      { type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }, { type: 'text', text: ' <script>alert(1)</script> javascript:alert(2)' }] },
      { type: 'horizontalRule' },
      { type: 'paragraph', content: [{ type: 'text', text: 'ok', marks: [{ type: 'link', attrs: { href: 'https://a.example' } }, { type: 'italic' }] }] },
    ] } },
  ],
};

describe('HTML and plain-text export', () => {
  it('HTML: standalone with a stylesheet, sections as headings, nothing executable', () => {
    const html = documentToHtml(doc);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html).toContain('<h1>Book &lt;One&gt;</h1>');
    expect(html).toContain('<h2>Chapter 1</h2>');
    expect(html).toContain('<a href="https://a.example"><em>ok</em></a>');
    expect(html).not.toMatch(/<script|href="javascript/i);
    expect(hasDangerousScheme(html)).toBe(false);
  });
  it('plain text: sections separated by titles and blank lines', () => {
    const text = documentToPlainText(doc);
    expect(text).toBe(`BOOK <ONE>\n\n\nOpening.\n\n\nChapter 1\n\n\nx <script>alert(1)</script> javascript\u200b:alert(2)\n\n#\n\nok\n`);
  });
});
